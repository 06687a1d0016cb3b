import { literal, sql, type SqlQuery } from '../../db/sql.ts';
import { first, type FieldSql, type NormaliseContext } from './field-sql.ts';

const RANGE = '^(?:sy\\s*)?(\\d{4})\\s*[-–—/]\\s*(\\d{2}|\\d{4})$';
const WAVE = '^(fall|autumn|spring|summer|winter)\\s+(\\d{4})$';

/**
 * A school year to its fall year (domain-spec §1.5): `2024-25`, `2024–25`, `2024-2025`,
 * `SY2024-25`, `SY 2024-25` → 2024; survey waves `fall 2024` → 2024 and `spring 2025` → 2024. A bare
 * `2024` needs the `year_mapping` option (fall or spring year), else the row is rejected.
 */
export function schoolYearSql(
	x: SqlQuery,
	p: SqlQuery,
	column: string,
	context: NormaliseContext
): FieldSql {
	const start = sql`TRY_CAST(${p}.s AS INTEGER)`;
	const end = sql`TRY_CAST(${p}.e AS INTEGER)`;
	const consistent = sql`(CASE WHEN length(${p}.e) = 2 THEN (${start} + 1) % 100 = ${end} ELSE ${end} = ${start} + 1 END)`;
	const wave = sql`regexp_extract(lower(${x}), ${literal(WAVE)}, ['season', 'year'])`;
	const waveYear = sql`TRY_CAST(${wave}.year AS INTEGER) - CASE WHEN ${wave}.season IN ('spring', 'summer') THEN 1 ELSE 0 END`;
	const bare = sql`regexp_matches(${x}, '^\\d{4}$')`;
	const bareYear =
		context.yearMapping === undefined
			? sql`NULL`
			: sql`TRY_CAST(${x} AS INTEGER) - ${literal(context.yearMapping === 'spring' ? '1' : '0')}::INTEGER`;
	const year = sql`CASE WHEN ${p}.s <> '' THEN CASE WHEN ${consistent} THEN ${start} END WHEN ${bare} THEN ${bareYear} ELSE ${waveYear} END`;
	return {
		prepare: sql`regexp_extract(lower(${x}), ${literal(RANGE)}, ['s', 'e'])`,
		outputs: [{ column, value: sql`CASE WHEN (${year}) BETWEEN 1900 AND 2100 THEN ${year} END` }],
		error: (v) =>
			sql`CASE WHEN ${x} IS NULL OR ${first(v)} IS NOT NULL THEN NULL WHEN ${p}.s <> '' AND NOT ${consistent} THEN 'school_year_inconsistent' ${context.yearMapping === undefined ? sql`WHEN ${bare} THEN 'bare_year_needs_mapping' ` : sql``}ELSE 'not_a_school_year' END`,
		change: (v) =>
			sql`CASE WHEN ${first(v)} IS NULL THEN NULL WHEN ${p}.s <> '' THEN 'school_year_to_fall_year' WHEN ${bare} THEN ${literal(`bare_year_${context.yearMapping ?? 'fall'}`)} ELSE 'survey_wave_to_school_year' END`
	};
}

/** A school year from text in one expression (for derivations, e.g. from a survey wave). */
export function schoolYearValueSql(x: SqlQuery): SqlQuery {
	const field = schoolYearSql(
		x,
		sql`regexp_extract(lower(${x}), ${literal(RANGE)}, ['s', 'e'])`,
		'',
		{ decimalComma: false, percentScale: false }
	);
	return field.outputs[0]!.value;
}

/**
 * A date: ISO `2024-09-02`; a date-time keeps its date; US `9/2/2024` and `2024/9/2` are
 * converted. No time zones are involved (offline DuckDB has no ICU).
 */
export function dateSql(x: SqlQuery, column: string): FieldSql {
	const iso = sql`regexp_matches(${x}, '^\\d{4}-\\d{2}-\\d{2}$')`;
	const stamp = sql`regexp_matches(${x}, '^\\d{4}-\\d{2}-\\d{2}[ T]\\d{2}:\\d{2}(:\\d{2}(\\.\\d+)?)?Z?$')`;
	const us = sql`regexp_matches(${x}, '^\\d{1,2}/\\d{1,2}/\\d{4}$')`;
	const slashed = sql`regexp_matches(${x}, '^\\d{4}/\\d{1,2}/\\d{1,2}$')`;
	const value = sql`CASE WHEN ${iso} THEN TRY_CAST(${x} AS DATE) WHEN ${stamp} THEN TRY_CAST(left(${x}, 10) AS DATE) WHEN ${us} THEN try_strptime(${x}, '%m/%d/%Y')::DATE WHEN ${slashed} THEN try_strptime(${x}, '%Y/%m/%d')::DATE END`;
	return {
		outputs: [{ column, value }],
		error: (v) => sql`CASE WHEN ${x} IS NOT NULL AND ${first(v)} IS NULL THEN 'not_a_date' END`,
		change: (v) =>
			sql`CASE WHEN ${first(v)} IS NULL OR length(${x}) = 10 AND substr(${x}, 5, 1) = '-' THEN NULL WHEN ${stamp} THEN 'time_of_day_dropped' WHEN ${us} THEN 'us_date_converted' ELSE 'date_reordered' END`
	};
}

const INTERVAL = '^\\[\\s*(-?\\d+(?:\\.\\d+)?)\\s*,\\s*(-?\\d+(?:\\.\\d+)?)\\s*[\\[)]$';

/** A half-open range `[a, b[` (or `[a, b)`) to `<name>_lo` = a and `<name>_hi` = b, with a < b. */
export function intervalSql(x: SqlQuery, p: SqlQuery, name: string): FieldSql {
	const lo = sql`TRY_CAST(${p}.lo AS DOUBLE)`;
	const hi = sql`TRY_CAST(${p}.hi AS DOUBLE)`;
	const ok = sql`coalesce(${lo} < ${hi}, false)`;
	return {
		prepare: sql`regexp_extract(${x}, ${literal(INTERVAL)}, ['lo', 'hi'])`,
		outputs: [
			{ column: `${name}_lo`, value: sql`CASE WHEN ${ok} THEN ${lo} END` },
			{ column: `${name}_hi`, value: sql`CASE WHEN ${ok} THEN ${hi} END` }
		],
		error: (v) =>
			sql`CASE WHEN ${x} IS NOT NULL AND ${first(v)} IS NULL THEN 'not_an_interval' END`,
		change: (v) => sql`CASE WHEN ${first(v)} IS NOT NULL THEN 'range_split' END`
	};
}

import { literal, sql, type SqlQuery } from '../../db/sql.ts';
import type { FieldSql, NormaliseContext } from './field-sql.ts';

const RANGE = '^\\d{4}\\s*[-–—/]\\s*(\\d{2}|\\d{4})$';

/**
 * A school year to its fall year (domain-spec §1.5): `2024-25`, `2024–25`, `2024-2025`,
 * `SY2024-25`, `SY 2024-25` → 2024; survey waves `fall 2024` → 2024 and `spring 2025` → 2024. A bare
 * `2024` needs the `year_mapping` option (fall or spring year), else the row is rejected.
 */
export function schoolYearSql(x: SqlQuery, column: string, context: NormaliseContext): FieldSql {
	const text = sql`regexp_replace(lower(${x}), '^sy\\s*', '')`;
	const isRange = sql`regexp_matches(${text}, ${literal(RANGE)})`;
	const start = sql`TRY_CAST(left(${text}, 4) AS INTEGER)`;
	const end = sql`TRY_CAST(regexp_extract(${text}, '(\\d+)$', 1) AS INTEGER)`;
	const consistent = sql`(CASE WHEN ${end} < 100 THEN (${start} + 1) % 100 = ${end} ELSE ${end} = ${start} + 1 END)`;
	const wave = sql`regexp_extract(${text}, '^(fall|autumn|spring|summer|winter)\\s+(\\d{4})$', 2)`;
	const waveYear = sql`TRY_CAST(${wave} AS INTEGER) - CASE WHEN starts_with(${text}, 'spring') OR starts_with(${text}, 'summer') THEN 1 ELSE 0 END`;
	const bare = sql`regexp_matches(${text}, '^\\d{4}$')`;
	const bareYear =
		context.yearMapping === undefined
			? sql`NULL`
			: sql`${start} - ${context.yearMapping === 'spring' ? 1 : 0}`;
	const raw = sql`CASE WHEN ${isRange} AND ${consistent} THEN ${start} WHEN ${wave} <> '' THEN ${waveYear} WHEN ${bare} THEN ${bareYear} END`;
	const value = sql`CASE WHEN (${raw}) BETWEEN 1900 AND 2100 THEN ${raw} END`;
	const bareError =
		context.yearMapping === undefined ? sql`WHEN ${bare} THEN 'bare_year_needs_mapping' ` : sql``;
	return {
		outputs: [{ column, value }],
		error: sql`CASE WHEN ${x} IS NULL OR (${value}) IS NOT NULL THEN NULL WHEN ${isRange} AND NOT ${consistent} THEN 'school_year_inconsistent' ${bareError}ELSE 'not_a_school_year' END`,
		change: sql`CASE WHEN (${value}) IS NOT NULL THEN CASE WHEN ${bare} THEN ${literal(`bare_year_${context.yearMapping ?? 'fall'}`)} WHEN ${wave} <> '' THEN 'survey_wave_to_school_year' ELSE 'school_year_to_fall_year' END END`
	};
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
		error: sql`CASE WHEN ${x} IS NOT NULL AND (${value}) IS NULL THEN 'not_a_date' END`,
		change: sql`CASE WHEN (${value}) IS NULL THEN NULL WHEN ${stamp} THEN 'time_of_day_dropped' WHEN ${us} THEN 'us_date_converted' WHEN ${slashed} THEN 'date_reordered' END`
	};
}

const INTERVAL = '^\\[\\s*(-?\\d+(\\.\\d+)?)\\s*,\\s*(-?\\d+(\\.\\d+)?)\\s*[\\[)]$';

/** A half-open range `[a, b[` (or `[a, b)`) to `<name>_lo` = a and `<name>_hi` = b, with a < b. */
export function intervalSql(x: SqlQuery, name: string): FieldSql {
	const lo = sql`TRY_CAST(regexp_extract(${x}, ${literal(INTERVAL)}, 1) AS DOUBLE)`;
	const hi = sql`TRY_CAST(regexp_extract(${x}, ${literal(INTERVAL)}, 3) AS DOUBLE)`;
	const ok = sql`(${lo} < ${hi})`;
	return {
		outputs: [
			{ column: `${name}_lo`, value: sql`CASE WHEN ${ok} THEN ${lo} END` },
			{ column: `${name}_hi`, value: sql`CASE WHEN ${ok} THEN ${hi} END` }
		],
		error: sql`CASE WHEN ${x} IS NOT NULL AND NOT coalesce(${ok}, false) THEN 'not_an_interval' END`,
		change: sql`CASE WHEN ${ok} THEN 'range_split' END`
	};
}

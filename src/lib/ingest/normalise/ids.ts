import { join, literal, sql, type SqlQuery } from '../../db/sql.ts';
import { STATES } from '../../geo/states.ts';
import { first, type FieldSql } from './field-sql.ts';

/**
 * A numeric identifier left-padded to `width` digits: Excel drops leading zeros (`100190` →
 * `0100190`) and pandas writes `100190.0`. Longer or non-numeric IDs reject the row
 * (domain-spec §1.1–1.2).
 */
export function paddedIdSql(
	x: SqlQuery,
	column: string,
	width: number,
	codes: { tooLong: string; notNumeric: string }
): FieldSql {
	const w = literal(String(width));
	const fits = sql`regexp_matches(${x}, ${literal(`^\\d{1,${width}}(\\.0+)?$`)})`;
	return {
		outputs: [
			{
				column,
				value: sql`CASE WHEN ${fits} THEN lpad(split_part(${x}, '.', 1), ${w}::INTEGER, '0') END`
			}
		],
		error: (v) =>
			sql`CASE WHEN ${x} IS NULL OR ${first(v)} IS NOT NULL THEN NULL WHEN regexp_matches(${x}, '^\\d+(\\.0+)?$') THEN ${literal(codes.tooLong)} ELSE ${literal(codes.notNumeric)} END`,
		change: (v) =>
			sql`CASE WHEN ${first(v)} = ${x} OR ${first(v)} IS NULL THEN NULL WHEN contains(${x}, '.') THEN 'decimal_zero_removed' ELSE 'zero_padded' END`
	};
}

/** A 2-digit state FIPS code, padded (`1` → `01`). */
export function stateFipsSql(x: SqlQuery): FieldSql {
	return paddedIdSql(x, 'state_fips', 2, { tooLong: 'fips_invalid', notNumeric: 'fips_invalid' });
}

/** SQL: `CASE <expr> WHEN <key> THEN <value> … END` over the states (keys and values are ours). */
export function stateLookupSql(
	expr: SqlQuery,
	key: 'fips' | 'abbr' | 'name',
	value: 'fips' | 'abbr' | 'region'
): SqlQuery {
	const branches = STATES.map(
		(s) =>
			sql`WHEN ${literal(key === 'name' ? s.name.toLowerCase() : s[key])} THEN ${literal(s[value])}`
	);
	return sql`(CASE ${expr} ${join(branches, ' ')} END)`;
}

/** A USPS state abbreviation, upper-cased; a full state name becomes its abbreviation. */
export function stateAbbrSql(x: SqlQuery): FieldSql {
	const value = sql`CASE WHEN regexp_matches(${x}, '^[A-Za-z]{2}$') THEN upper(${x}) ELSE ${stateLookupSql(sql`lower(${x})`, 'name', 'abbr')} END`;
	return {
		outputs: [{ column: 'state_abbr', value }],
		error: (v) =>
			sql`CASE WHEN ${x} IS NOT NULL AND ${first(v)} IS NULL THEN 'not_allowed_value' END`,
		change: (v) =>
			sql`CASE WHEN ${first(v)} = ${x} OR ${first(v)} IS NULL THEN NULL WHEN upper(${x}) = ${first(v)} THEN 'upper_cased' ELSE 'state_name_to_abbr' END`
	};
}

/**
 * `usage_aggregate.unit_id`: an LEAID (7 digits) for a district row, an NCES school ID (12) for a
 * school row, padded like those; other unit types keep the text (the unit type itself is checked).
 */
export function unitIdSql(x: SqlQuery, unitType: SqlQuery): FieldSql {
	const district = paddedIdSql(x, 'unit_id', 7, {
		tooLong: 'leaid_too_long',
		notNumeric: 'leaid_not_numeric'
	});
	const school = paddedIdSql(x, 'unit_id', 12, {
		tooLong: 'ncessch_too_long',
		notNumeric: 'ncessch_not_numeric'
	});
	const type = sql`lower(${unitType})`;
	const pick = (d: SqlQuery, s: SqlQuery, other: SqlQuery) =>
		sql`CASE ${type} WHEN 'district' THEN ${d} WHEN 'school' THEN ${s} ELSE ${other} END`;
	return {
		outputs: [
			{
				column: 'unit_id',
				value: pick(
					first(district.outputs.map((o) => o.value)),
					first(school.outputs.map((o) => o.value)),
					x
				)
			}
		],
		error: (v) => pick(district.error(v), school.error(v), sql`NULL`),
		change: (v) => pick(district.change(v), school.change(v), sql`NULL`)
	};
}

import { join, literal, sql, type SqlQuery } from '../../db/sql.ts';
import { STATES } from '../../geo/states.ts';
import type { FieldSql } from './field-sql.ts';

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
	const digits = sql`regexp_extract(${x}, '^\\d+')`;
	const numeric = sql`regexp_matches(${x}, '^\\d+(\\.0+)?$')`;
	const fits = sql`(${numeric} AND length(${digits}) <= ${literal(String(width))}::INTEGER)`;
	const value = sql`CASE WHEN ${fits} THEN lpad(${digits}, ${literal(String(width))}::INTEGER, '0') END`;
	return {
		outputs: [{ column, value }],
		error: sql`CASE WHEN ${x} IS NULL OR ${fits} THEN NULL WHEN ${numeric} THEN ${literal(codes.tooLong)} ELSE ${literal(codes.notNumeric)} END`,
		change: sql`CASE WHEN ${fits} AND contains(${x}, '.') THEN 'decimal_zero_removed' WHEN ${fits} AND length(${digits}) < ${literal(String(width))}::INTEGER THEN 'zero_padded' END`
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
	const byName = stateLookupSql(sql`lower(${x})`, 'name', 'abbr');
	const isCode = sql`regexp_matches(${x}, '^[A-Za-z]{2}$')`;
	const value = sql`CASE WHEN ${isCode} THEN upper(${x}) ELSE ${byName} END`;
	return {
		outputs: [{ column: 'state_abbr', value }],
		error: sql`CASE WHEN ${x} IS NOT NULL AND (${value}) IS NULL THEN 'not_allowed_value' END`,
		change: sql`CASE WHEN NOT ${isCode} AND (${value}) IS NOT NULL THEN 'state_name_to_abbr' WHEN ${isCode} AND ${x} <> upper(${x}) THEN 'upper_cased' END`
	};
}

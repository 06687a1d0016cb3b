import { join, literal, sql, type SqlQuery } from '../../db/sql.ts';
import { first, type FieldSql } from './field-sql.ts';

const YES = ['y', 'yes', 'true', 't', '1', '1.0', 'sí', 'si', 'oui'];
const NO = ['n', 'no', 'false', 'f', '0', '0.0', 'non'];

const list = (values: readonly string[]) =>
	join(
		values.map((v) => literal(v)),
		', '
	);

/**
 * Yes/no answers (`Y`, `yes`, `TRUE`, `1`, `Sí`, `N`, `no`, `0`, …) to 1/0 (`yes_no_int`) or
 * true/false (`yes_no_bool`). Anything else rejects the row.
 */
export function yesNoSql(x: SqlQuery, column: string, asBoolean: boolean): FieldSql {
	const lower = sql`lower(${x})`;
	const value = asBoolean
		? sql`CASE WHEN ${lower} IN (${list(YES)}) THEN true WHEN ${lower} IN (${list(NO)}) THEN false END`
		: sql`CASE WHEN ${lower} IN (${list(YES)}) THEN 1 WHEN ${lower} IN (${list(NO)}) THEN 0 END`;
	return {
		outputs: [{ column, value }],
		error: (v) => sql`CASE WHEN ${x} IS NOT NULL AND ${first(v)} IS NULL THEN 'not_yes_no' END`,
		change: (v) =>
			sql`CASE WHEN ${first(v)} IS NOT NULL AND ${first(v)}::VARCHAR <> ${x} THEN 'yes_no_normalised' END`
	};
}

/** One of a fixed list of values, matched case-insensitively and stored as listed. */
export function enumSql(x: SqlQuery, column: string, values: readonly string[]): FieldSql {
	const branches = values.map((v) => sql`WHEN ${literal(v.toLowerCase())} THEN ${literal(v)}`);
	return {
		outputs: [{ column, value: sql`(CASE lower(${x}) ${join(branches, ' ')} END)` }],
		error: (v) =>
			sql`CASE WHEN ${x} IS NOT NULL AND ${first(v)} IS NULL THEN 'not_allowed_value' END`,
		change: (v) => sql`CASE WHEN ${first(v)} <> ${x} THEN 'case_normalised' END`
	};
}

/** Free text, kept as written (trimmed). */
export function textSql(x: SqlQuery, column: string): FieldSql {
	return {
		outputs: [{ column, value: x }],
		error: () => sql`NULL::VARCHAR`,
		change: () => sql`NULL`
	};
}

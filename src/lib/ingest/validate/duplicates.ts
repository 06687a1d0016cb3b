import { join, sql, type SqlQuery } from '../../db/sql.ts';
import { col } from './columns.ts';
import type { LoadPlan } from './plan.ts';

/**
 * `CREATE TABLE <dups> AS` the rows (without errors) whose key repeats an earlier one (or a later
 * one with `keep_last`), with the line of the row that is kept. Keys compare normalised values,
 * so `100190` and `0100190` are the same district.
 */
export function duplicatesTableSql(
	dups: SqlQuery,
	checked: SqlQuery,
	plan: LoadPlan,
	keep: 'keep_first' | 'keep_last'
): SqlQuery {
	const keys = join(
		plan.target.key.map((k) => col.value(k)),
		', '
	);
	const order = keep === 'keep_last' ? sql`rec DESC` : sql`rec`;
	return sql`CREATE TABLE ${dups} AS SELECT rec, line, kept_line FROM (SELECT rec, line, row_number() OVER w AS k, first_value(line) OVER w AS kept_line FROM ${checked} WHERE NOT has_error WINDOW w AS (PARTITION BY ${keys} ORDER BY ${order})) WHERE k > 1`;
}

/** Rows that are loaded: no error and not a dropped duplicate. */
export function loadedRowsSql(checked: SqlQuery, dups: SqlQuery): SqlQuery {
	return sql`(SELECT c.* FROM ${checked} c ANTI JOIN ${dups} d ON c.rec = d.rec WHERE NOT c.has_error)`;
}

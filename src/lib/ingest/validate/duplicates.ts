import { join, sql, type SqlQuery } from '../../db/sql.ts';
import { col } from './columns.ts';
import type { LoadPlan } from './plan.ts';

/**
 * `CREATE TABLE <dups> AS` the rows (without errors) whose key repeats an earlier one (or a later
 * one with `keep_last`), with the line of the row that is kept. Keys compare normalised values,
 * so `100190` and `0100190` are the same district. Repeated keys are found by a hash aggregate
 * (no sort of the whole file); only their rows are joined back.
 */
export function duplicatesTableSql(
	dups: SqlQuery,
	checked: SqlQuery,
	plan: LoadPlan,
	keep: 'keep_first' | 'keep_last'
): SqlQuery {
	const keys = plan.target.key.map((k) => col.value(k));
	const kept = keep === 'keep_last' ? sql`max(rec)` : sql`min(rec)`;
	const same = join(
		keys.map((k) => sql`c.${k} IS NOT DISTINCT FROM g.${k}`),
		' AND '
	);
	return sql`CREATE TABLE ${dups} AS WITH g AS (SELECT ${join(keys, ', ')}, ${kept} AS kept_rec FROM ${checked} WHERE NOT has_error GROUP BY ALL HAVING count(*) > 1) SELECT c.rec, c.line, k.line AS kept_line FROM ${checked} c JOIN g ON ${same} JOIN ${checked} k ON k.rec = g.kept_rec WHERE NOT c.has_error AND c.rec <> g.kept_rec`;
}

/**
 * Rows that are loaded: no error and not a dropped duplicate. Given the counts, the common cases
 * skip the anti join (the summaries scan this relation once per field).
 */
export function loadedRowsSql(
	checked: SqlQuery,
	dups: SqlQuery,
	counts?: { readonly errors: number; readonly dups: number }
): SqlQuery {
	if (counts?.dups === 0)
		return counts.errors === 0 ? checked : sql`(SELECT * FROM ${checked} WHERE NOT has_error)`;
	return sql`(SELECT c.* FROM ${checked} c ANTI JOIN ${dups} d ON c.rec = d.rec WHERE NOT c.has_error)`;
}

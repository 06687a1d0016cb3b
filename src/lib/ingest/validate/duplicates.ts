import { identifier, join, raw, sql, type SqlQuery } from '../../db/sql.ts';
import { LOADED_FILES, tableOidSql } from '../loaded-files.ts';
import { col } from './columns.ts';
import type { LoadPlan } from './plan.ts';

/**
 * `CREATE TABLE <dups> AS` the rows (without errors) whose key repeats an earlier one (or a later
 * one with `keep_last`), with the line of the row that is kept. Keys compare normalised values,
 * so `100190` and `0100190` are the same district. Repeated keys are found by a hash aggregate
 * (no sort of the whole file); only their rows are joined back.
 *
 * With `prior` (the target table, when it already has rows from earlier files), a row whose key
 * is already in the table is a duplicate too, whatever `keep` says: rows loaded earlier stay (so
 * the earlier file's report stays true), and `kept_file` names the file they came from (NULL when
 * the registry does not know it). Such rows take no part in the within-file comparison.
 */
export function duplicatesTableSql(
	dups: SqlQuery,
	checked: SqlQuery,
	plan: LoadPlan,
	keep: 'keep_first' | 'keep_last',
	prior?: string
): SqlQuery {
	const keys = plan.target.key.map((k) => col.value(k));
	const kept = keep === 'keep_last' ? sql`max(rec)` : sql`min(rec)`;
	const same = (alias: string, columns: (k: string) => SqlQuery) =>
		join(
			plan.target.key.map(
				(k) => sql`c.${col.value(k)} IS NOT DISTINCT FROM ${raw(alias)}.${columns(k)}`
			),
			' AND '
		);
	const fresh = prior ? sql` AND rec NOT IN (SELECT rec FROM prior)` : sql``;
	const within = sql`SELECT c.rec, c.line, k.line AS kept_line, NULL::VARCHAR AS kept_file FROM ${checked} c JOIN g ON ${same('g', col.value)} JOIN ${checked} k ON k.rec = g.kept_rec WHERE NOT c.has_error AND c.rec <> g.kept_rec`;
	const groups = sql`g AS (SELECT ${join(keys, ', ')}, ${kept} AS kept_rec FROM ${checked} WHERE NOT has_error${fresh} GROUP BY ALL HAVING count(*) > 1)`;
	if (!prior) return sql`CREATE TABLE ${dups} AS WITH ${groups} ${within}`;
	const earlier = sql`prior AS (SELECT c.rec, c.line, arg_min(f.file, t.rowid) AS kept_file FROM ${checked} c JOIN ${identifier(prior)} t ON ${same('t', identifier)} LEFT JOIN ${LOADED_FILES} f ON f.table_oid = ${tableOidSql(prior)} AND t.rowid BETWEEN f.first_rowid AND f.last_rowid WHERE NOT c.has_error GROUP BY c.rec, c.line)`;
	return sql`CREATE TABLE ${dups} AS WITH ${earlier}, ${groups} SELECT rec, line, NULL::BIGINT AS kept_line, kept_file FROM prior UNION ALL ${within}`;
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

import type { Database } from '../../db/database.ts';
import { identifier, sql, type SqlQuery } from '../../db/sql.ts';
import { issue, type ValidationIssue } from '../issues.ts';
import type { DistrictMatch } from '../report.ts';
import { col } from './columns.ts';

/** Whether `table` exists and has rows (the district reference is loaded). */
export async function hasRows(db: Database, table: string): Promise<boolean> {
	const [exists] = await db.query<{ n: number }>(
		sql`SELECT count(*) AS n FROM duckdb_tables() WHERE table_name = ${table}`
	);
	if (!exists?.n) return false;
	const [rows] = await db.query<{ n: number }>(
		sql`SELECT count(*) AS n FROM (SELECT 1 FROM ${identifier(table)} LIMIT 1)`
	);
	return (rows?.n ?? 0) > 0;
}

/**
 * Matches the loaded rows' LEAIDs against the district reference table (any school year):
 * counts and the unmatched IDs with their first line, listed as warnings (up to `limit`).
 */
export async function matchDistricts(
	db: Database,
	file: string,
	loaded: SqlQuery,
	reference: string,
	label: string,
	limit: number
): Promise<{ match: DistrictMatch; issues: ValidationIssue[] }> {
	const leaid = col.value('leaid');
	const ids = sql`(SELECT ${leaid} AS leaid, min(line) AS line, count(*) AS rows FROM ${loaded} WHERE ${leaid} IS NOT NULL GROUP BY 1)`;
	const unmatched = sql`(SELECT i.* FROM ${ids} i ANTI JOIN (SELECT DISTINCT leaid FROM ${identifier(reference)}) r ON i.leaid = r.leaid)`;
	const [counts] = await db.query<{ districts: number; unmatched: number }>(
		sql`SELECT (SELECT count(*) FROM ${ids}) AS districts, (SELECT count(*) FROM ${unmatched}) AS unmatched`
	);
	const rows = await db.query<{ leaid: string; line: number; rows: number }>(
		sql`SELECT leaid, line, rows FROM ${unmatched} ORDER BY line LIMIT ${limit}`
	);
	const districts = counts?.districts ?? 0;
	const missing = counts?.unmatched ?? 0;
	const match: DistrictMatch = {
		reference,
		districts,
		matched: districts - missing,
		unmatched: rows.map((r) => ({ leaid: r.leaid, line: Number(r.line), rows: Number(r.rows) }))
	};
	const issues = match.unmatched.map((u) =>
		issue(
			'warning',
			'unmatched_district',
			file,
			`line ${u.line}, column \`${label}\`: LEAID ${u.leaid} (${u.rows} row${u.rows === 1 ? '' : 's'}) is not in the district reference (${reference}); these rows get no poverty level.`,
			{ line: u.line, column: label, value: u.leaid }
		)
	);
	const summary = `${match.matched.toLocaleString('en-US')} of ${districts.toLocaleString('en-US')} districts in this file matched the district reference (${reference}); ${missing.toLocaleString('en-US')} unmatched${missing > rows.length ? ` (the first ${rows.length} are listed)` : ''}.`;
	issues.push(issue(missing > 0 ? 'warning' : 'notice', 'unmatched_district', file, summary));
	return { match, issues };
}

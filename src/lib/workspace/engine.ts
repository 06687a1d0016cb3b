import type { Database } from '../db/database.ts';
import { identifier, sql } from '../db/sql.ts';
import { districtCoverage, type Coverage } from '../ingest/coverage.ts';
import type { FileReport } from '../ingest/report.ts';
import { TARGETS } from '../ingest/targets/index.ts';
import { createTableSql } from '../schema/ddl.ts';
import type { InputHash } from '../export/datapackage.ts';

/** Tables a file can fill, in the order files are loaded: the district reference first. */
export const LOAD_ORDER: readonly string[] = [
	'districts',
	'products',
	...TARGETS.map((t) => t.spec.name).filter((n) => n !== 'districts' && n !== 'products')
];

/** Tables whose rows name a district (what the coverage section checks). */
const DISTRICT_KEYED = [
	'survey_responses',
	'usage_aggregate',
	'usage_roster',
	'usage_student_week'
];

/** Empties every table a file can fill (the demo data, or an earlier load), leaving them defined. */
export async function resetTables(db: Database): Promise<void> {
	for (const target of TARGETS) {
		await db.exec(sql`DROP TABLE IF EXISTS ${identifier(target.spec.name)}`);
		await db.exec(createTableSql(target.spec));
	}
}

/** Coverage against the district reference of every loaded table with district IDs. */
export async function coverageOf(
	db: Database,
	reports: readonly FileReport[]
): Promise<Coverage[]> {
	const [ref] = await db.query<{ n: number }>('SELECT count(*) AS n FROM districts');
	if (!ref?.n) return [];
	const tables = DISTRICT_KEYED.filter((t) =>
		reports.some((r) => r.table === t && r.rowsLoaded > 0)
	);
	const coverage: Coverage[] = [];
	for (const table of tables) coverage.push(await districtCoverage(db, table));
	return coverage;
}

/** The loaded files with the SHA-256 of their bytes, for an export's provenance. */
export function inputsOf(reports: readonly FileReport[]): InputHash[] {
	return reports.flatMap((r) =>
		r.status === 'loaded' && r.sha256 ? [{ name: r.file, table: r.table, sha256: r.sha256 }] : []
	);
}

/** A short fingerprint of what was loaded (the dashboard's data version for shared links). */
export async function dataVersionOf(reports: readonly FileReport[]): Promise<string> {
	const text = JSON.stringify(reports.map((r) => [r.file, r.table, r.mapping, r.rowsLoaded]));
	const digest = await crypto.subtle.digest('SHA-256', new TextEncoder().encode(text));
	return [...new Uint8Array(digest).slice(0, 6)]
		.map((b) => b.toString(16).padStart(2, '0'))
		.join('');
}

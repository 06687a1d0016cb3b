import { startBrowserDatabase } from '../db/browser.ts';
import type { Database } from '../db/database.ts';
import { loadCanonicalFiles, type CanonicalFile, type ReadFile } from '../ingest/canonical.ts';
import { DEMO_VIEW, HEADLINE_TABLES, readDemoFiles, type DemoManifest } from '../ingest/demo.ts';
import { insertCanonicalCsvSql } from '../schema/ddl.ts';
import { TABLES, type TableName } from '../schema/tables.ts';
import { loadCatalog, type DataCatalog } from '../view/catalog.ts';
import type { InputHash } from '../export/datapackage.ts';

/** The tables only student-week views need; loaded when such a view is first asked for. */
export const LOG_TABLES: readonly TableName[] = [
	'usage_roster',
	'usage_student_week',
	'calendar_exclusions'
];

/** The loaded data: the database, what it offers, and the logs on demand. */
export interface DataSession {
	readonly db: Database;
	readonly catalog: DataCatalog;
	/** The user's files with their hashes (user data only; the demo's are in its manifest). */
	readonly inputs?: readonly InputHash[];
	/** Loads the student-week logs and rosters once; later calls share the first load. */
	ensureLogs(): Promise<void>;
}

/** Inserts canonical files into their (existing, empty) tables. */
async function insertFiles(db: Database, files: readonly CanonicalFile[]): Promise<void> {
	for (const file of files) {
		const spec = TABLES.find((t) => t.name === file.table)!;
		const path = await db.registerFile(`logs/${file.table}.csv`, file.bytes);
		try {
			await db.exec(insertCanonicalCsvSql(spec, path));
		} finally {
			await db.dropFile(path);
		}
	}
}

function hasRows(manifest: DemoManifest, table: TableName): boolean {
	return manifest.files.some((f) => f.table === table && f.rows > 0);
}

/**
 * Opens the demo data in the browser: starts DuckDB-WASM while the first page's files download,
 * loads them and reads the catalog. The student-week logs (the largest files) wait until a view
 * needs them. Import this module dynamically, on the client only.
 */
export async function openDemoSession(readFile: ReadFile): Promise<DataSession> {
	const [db, demo] = await Promise.all([
		startBrowserDatabase(),
		readDemoFiles(readFile, HEADLINE_TABLES)
	]);
	await loadCanonicalFiles(db, demo.files);
	const catalog = await loadCatalog(db, {
		dataVersion: demo.manifest.data_version,
		origin: 'demo',
		hasLogs: hasRows(demo.manifest, 'usage_student_week'),
		surveyId: DEMO_VIEW.surveyId
	});
	let logs: Promise<void> | undefined;
	return {
		db,
		catalog,
		ensureLogs() {
			logs ??= readDemoFiles(readFile, LOG_TABLES)
				.then((files) => insertFiles(db, files.files))
				.catch((error: unknown) => {
					logs = undefined;
					throw error;
				});
			return logs;
		}
	};
}

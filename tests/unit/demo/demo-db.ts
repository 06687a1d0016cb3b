import type { Database } from '#lib/db/database.ts';
import type { DemoData } from '#lib/demo/generate.ts';
import { createSchemaDatabase, loadCsv } from '../../helpers/schema-db.ts';

/** A Node DuckDB-WASM database with every generated file loaded through the canonical loader. */
export async function loadDemoDatabase(data: DemoData): Promise<Database> {
	const db = await createSchemaDatabase();
	for (const file of data.files) await loadCsv(db, file.table, file.text);
	return db;
}

/** Runs a query expected to return one row. */
export async function one<T>(db: Database, q: string): Promise<T> {
	const rows = await db.query<T>(q);
	if (rows.length !== 1) throw new Error(`expected one row, got ${rows.length}: ${q}`);
	return rows[0]!;
}

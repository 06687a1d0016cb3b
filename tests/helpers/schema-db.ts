import type { Database } from '#lib/db/database.ts';
import { createNodeDatabase } from '#lib/db/node.ts';
import { createTableSql, insertCanonicalCsvSql } from '#lib/schema/ddl.ts';
import { TABLES, type TableName } from '#lib/schema/tables.ts';

/** A Node DuckDB-WASM database with every canonical table created (empty). */
export async function createSchemaDatabase(): Promise<Database> {
	const db = await createNodeDatabase();
	for (const table of TABLES) await db.exec(createTableSql(table));
	return db;
}

/** Loads canonical CSV text into a table through the app's own loader. */
export async function loadCsv(db: Database, table: TableName, csv: string): Promise<void> {
	const spec = TABLES.find((t) => t.name === table);
	if (!spec) throw new Error(`unknown table: ${table}`);
	const path = await db.registerFile(`fixtures/${table}-${crypto.randomUUID()}.csv`, csv);
	await db.exec(insertCanonicalCsvSql(spec, path));
	await db.dropFile(path);
}

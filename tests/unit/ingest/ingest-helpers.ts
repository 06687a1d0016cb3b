import type { Database } from '#lib/db/database.ts';
import { createNodeDatabase } from '#lib/db/node.ts';
import { identifier, sql } from '#lib/db/sql.ts';
import { ingestFile, type IngestOptions } from '#lib/ingest/ingest-file.ts';
import type { ColumnMapping, MappingOptions } from '#lib/ingest/mapping/mapping.ts';
import { suggestMapping } from '#lib/ingest/mapping/suggest.ts';
import type { FileReport } from '#lib/ingest/report.ts';
import { createTableSql } from '#lib/schema/ddl.ts';
import { findTarget } from '#lib/ingest/targets/index.ts';
import { utf8 } from './csv-helpers.ts';

/** A Node database for one test file. */
export function openDatabase(): Promise<Database> {
	return createNodeDatabase();
}

/** Drops and re-creates tables, so each case starts empty. */
export async function resetTables(db: Database, ...tables: string[]): Promise<void> {
	for (const table of tables) {
		const target = findTarget(table);
		if (!target) throw new Error(`unknown table ${table}`);
		await db.exec(sql`DROP TABLE IF EXISTS ${identifier(table)}`);
		await db.exec(createTableSql(target.spec));
	}
}

/** A mapping by exact header names (`field: header`), with options. */
export function mapping(
	table: string,
	columns: Record<string, string>,
	options: MappingOptions = {}
): ColumnMapping {
	return { version: 1, table, columns, options };
}

/** Loads inline CSV text (or bytes) with a mapping (default: suggested from the headers). */
export async function load(
	db: Database,
	text: string | Uint8Array,
	m: ColumnMapping | string,
	options: IngestOptions = {},
	name = 'upload.csv'
): Promise<FileReport> {
	const bytes = typeof text === 'string' ? utf8(text) : text;
	const headers = new TextDecoder().decode(bytes).split(/\r?\n/)[0]!.split(',');
	const resolved = typeof m === 'string' ? suggestMapping(m, headers) : m;
	return ingestFile(db, name, bytes, { ...options, mapping: resolved });
}

/** All rows of a table (selected columns), in insertion order. */
export async function rowsOf(
	db: Database,
	table: string,
	columns: readonly string[]
): Promise<Record<string, unknown>[]> {
	const list = columns.map((c) => identifier(c).text).join(', ');
	return db.query({
		text: `SELECT ${list} FROM ${identifier(table).text} ORDER BY rowid`,
		params: []
	});
}

/** The report's issues without the file name (every issue carries it; tests name it once). */
export function issuesOf(report: FileReport): Omit<FileReport['issues'][number], 'file'>[] {
	return report.issues.map(({ file: _file, ...rest }) => rest);
}

/** The accounting identity every report must satisfy. */
export function balanced(report: FileReport): boolean {
	return report.rowsRead === report.rowsLoaded + report.rowsRejected;
}

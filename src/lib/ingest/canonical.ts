import type { Database } from '../db/database.ts';
import { createTableSql, insertCanonicalCsvSql } from '../schema/ddl.ts';
import { TABLES, type TableName } from '../schema/tables.ts';

/** A file in the canonical CSV format (header row, comma-separated, UTF-8) for one canonical table. */
export interface CanonicalFile {
	readonly name: string;
	readonly table: TableName;
	readonly bytes: Uint8Array;
}

/** Reads a file's bytes (from disk in Node, over `fetch` from the site's origin in the browser). */
export type ReadFile = (name: string) => Promise<Uint8Array>;

/**
 * Creates every canonical table, then loads each file into its table with explicit column types.
 * Tables without a file stay empty, so every metric query can run on any dataset.
 */
export async function loadCanonicalFiles(
	db: Database,
	files: readonly CanonicalFile[]
): Promise<void> {
	for (const table of TABLES) {
		await db.exec(`DROP TABLE IF EXISTS ${table.name}`);
		await db.exec(createTableSql(table));
	}
	for (const [i, file] of files.entries()) {
		const spec = TABLES.find((t) => t.name === file.table);
		if (!spec) throw new Error(`unknown table: ${file.table}`);
		const path = await db.registerFile(`canonical/${i}-${file.table}.csv`, file.bytes);
		try {
			await db.exec(insertCanonicalCsvSql(spec, path));
		} catch (error) {
			throw new CanonicalLoadError(file.name, error);
		} finally {
			await db.dropFile(path);
		}
	}
}

/** A canonical file that did not load; the message names the file, then the engine's reason. */
export class CanonicalLoadError extends Error {
	readonly file: string;

	constructor(file: string, cause: unknown) {
		super(`${file}: ${cause instanceof Error ? cause.message : String(cause)}`, { cause });
		this.name = 'CanonicalLoadError';
		this.file = file;
	}
}

import type { Database } from '../db/database.ts';
import { identifier, sql, type SqlQuery } from '../db/sql.ts';

/**
 * Which file each loaded row came from, so a later file's duplicate key can name the earlier
 * file. One row per load: the target table's `table_oid` and the range of `rowid`s the load
 * appended (DuckDB appends rows after every existing `rowid`, even after deletes). A table that
 * is dropped and created again gets a new `table_oid`, so older ranges never match its rows.
 * Not named `ingest_…`: that prefix is for a load's temporary tables, all dropped after it.
 */
export const LOADED_FILES = identifier('loaded_files');

/** The current `table_oid` of `table` (a scalar subquery). */
export function tableOidSql(table: string): SqlQuery {
	return sql`(SELECT table_oid FROM duckdb_tables() WHERE table_name = ${table})`;
}

/** Creates the registry when it does not exist yet. */
export async function ensureLoadedFiles(db: Database): Promise<void> {
	await db.exec(
		sql`CREATE TABLE IF NOT EXISTS ${LOADED_FILES} (table_oid BIGINT, file VARCHAR, first_rowid BIGINT, last_rowid BIGINT)`
	);
}

/** The largest `rowid` of `table` (-1 when empty): the rows a load appends come after it. */
export async function lastRowid(db: Database, table: string): Promise<number> {
	const [row] = await db.query<{ n: number | bigint | null }>(
		sql`SELECT max(rowid) AS n FROM ${identifier(table)}`
	);
	return row?.n === null || row?.n === undefined ? -1 : Number(row.n);
}

/** Records that the rows of `table` after `after` came from `file` (inside the load's transaction). */
export async function recordLoadedFile(
	db: Database,
	table: string,
	file: string,
	after: number
): Promise<void> {
	await ensureLoadedFiles(db);
	await db.exec(
		sql`INSERT INTO ${LOADED_FILES} SELECT ${tableOidSql(table)}, ${file}, min(rowid), max(rowid) FROM ${identifier(table)} WHERE rowid > ${after} HAVING count(*) > 0`
	);
}

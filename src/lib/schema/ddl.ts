import { identifier, join, literal, raw, sql, type SqlQuery } from '../db/sql.ts';
import type { TableSpec } from './tables.ts';

/** `CREATE TABLE` for a canonical table, with its declared types and key. */
export function createTableSql(table: TableSpec): SqlQuery {
	const columns = table.columns.map((c) => sql`${identifier(c.name)} ${raw(c.type)}`);
	return sql`CREATE TABLE ${identifier(table.name)} (${join(columns, ', ')})`;
}

/** The `columns = {...}` struct of `read_csv`, so DuckDB never sniffs types. */
export function csvColumnsSql(table: TableSpec): SqlQuery {
	const entries = table.columns.map((c) => sql`${literal(c.name)}: ${literal(c.type)}`);
	return sql`{${join(entries, ', ')}}`;
}

/**
 * Loads a canonical CSV (header row, comma-separated, UTF-8) registered at `path` into the table,
 * with explicit column types. A value that does not fit its type makes the load fail with
 * DuckDB's message naming the line and column.
 */
export function insertCanonicalCsvSql(table: TableSpec, path: string): SqlQuery {
	return sql`INSERT INTO ${identifier(table.name)} SELECT * FROM read_csv(${literal(path)}, header = true, delim = ',', quote = '"', escape = '"', nullstr = '', columns = ${csvColumnsSql(table)})`;
}

import type { Database } from '../db/database.ts';
import { identifier, join, sql, type SqlQuery } from '../db/sql.ts';
import type { TableSpec } from '../schema/tables.ts';

/**
 * Rows in canonical CSV: the table's columns in order, each value as DuckDB prints it (so
 * decimals and dates are exact), empty for NULL, sorted. Reads the table as it is loaded
 * (filters applied), or the query `from` (giving at least the table's columns).
 */
export async function canonicalCsv(
	db: Database,
	table: TableSpec,
	from: SqlQuery = sql`SELECT * FROM ${identifier(table.name)}`
): Promise<string> {
	const columns = table.columns.map((c) => c.name);
	const rows = await db.query<Record<string, string | null>>(
		sql`SELECT ${join(
			columns.map((c) => sql`CAST(${identifier(c)} AS VARCHAR) AS ${identifier(c)}`),
			', '
		)} FROM (${from}) ORDER BY ALL`
	);
	const { default: Papa } = await import('papaparse');
	return `${Papa.unparse(
		{ fields: columns, data: rows.map((r) => columns.map((c) => r[c] ?? '')) },
		{ newline: '\n' }
	)}\n`;
}

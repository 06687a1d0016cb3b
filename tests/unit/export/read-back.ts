import { tableFromIPC } from 'apache-arrow';
import ExcelJS from 'exceljs';
import Papa from 'papaparse';
import type { Database } from '#lib/db/database.ts';
import { sql, identifier, literal, join, raw } from '#lib/db/sql.ts';
import type { ExportFormat } from '#lib/export/bundle.ts';
import { loadParquetNode } from '#lib/export/parquet-node.ts';
import { readParquetTable } from '#lib/export/parquet.ts';
import { UTF8_BOM } from '#lib/export/csv.ts';
import { DATA_SHEET } from '#lib/export/xlsx.ts';
import type { ExportTable, ExportValue } from '#lib/export/table.ts';

type Row = Record<string, ExportValue>;

function typedCsvValue(text: string, type: string): ExportValue {
	if (type === 'string') return text;
	return text === '' ? null : Number(text);
}

/** CSV read back with papaparse, typed by the table's schema (as datapackage.json tells a reader). */
export function readCsvPapa(bytes: Uint8Array, table: ExportTable): Row[] {
	let text = new TextDecoder().decode(bytes);
	if (text.startsWith(UTF8_BOM)) text = text.slice(1);
	const parsed = Papa.parse<Record<string, string>>(text, { header: true, skipEmptyLines: true });
	if (parsed.errors.length) throw new Error(JSON.stringify(parsed.errors));
	return parsed.data.map((r) =>
		Object.fromEntries(table.fields.map((f) => [f.name, typedCsvValue(r[f.name]!, f.type)]))
	);
}

const DUCKDB_TYPES = { string: 'VARCHAR', number: 'DOUBLE', integer: 'INTEGER' } as const;

/**
 * CSV read back with DuckDB-WASM's own reader, column types from the schema; text columns keep
 * empty strings (`force_not_null`), numeric columns read empty as NULL.
 */
export async function readCsvDuckDb(
	db: Database,
	bytes: Uint8Array,
	table: ExportTable
): Promise<Row[]> {
	const path = await db.registerFile(`readback-${crypto.randomUUID()}.csv`, bytes);
	const columns = join(
		table.fields.map((f) => sql`${literal(f.name)}: ${literal(DUCKDB_TYPES[f.type])}`),
		', '
	);
	const text = table.fields.filter((f) => f.type === 'string').map((f) => literal(f.name));
	try {
		const rows = await db.query<Row>(
			sql`SELECT ${join(
				table.fields.map((f) => identifier(f.name)),
				', '
			)} FROM read_csv(${literal(path)}, header = true, auto_detect = false, delim = ',', quote = '"', escape = '"', columns = {${columns}}, force_not_null = [${join(text.length ? text : [raw("''")], ', ')}])`
		);
		return rows.map((r) => ({ ...r }));
	} finally {
		await db.dropFile(path);
	}
}

/** XLSX read back with exceljs: the data sheet's cells, empty cells as null. */
export async function readXlsx(bytes: Uint8Array, table: ExportTable): Promise<Row[]> {
	const book = new ExcelJS.Workbook();
	await book.xlsx.load(bytes as unknown as ArrayBuffer);
	const sheet = book.getWorksheet(DATA_SHEET)!;
	const header = (sheet.getRow(1).values as ExportValue[]).slice(1);
	const rows: Row[] = [];
	sheet.eachRow((row, i) => {
		if (i === 1) return;
		rows.push(
			Object.fromEntries(
				header.map((name, c) => {
					const value = row.getCell(c + 1).value as ExportValue | undefined;
					const field = table.fields.find((f) => f.name === name)!;
					return [name, value ?? (field.type === 'string' ? '' : null)];
				})
			)
		);
	});
	return rows;
}

/** The rows of one export read back by an independent reader of its format. */
export async function readBack(
	format: ExportFormat,
	bytes: Uint8Array,
	table: ExportTable
): Promise<Row[]> {
	switch (format) {
		case 'csv':
		case 'csv-excel':
			return readCsvPapa(bytes, table);
		case 'xlsx':
			return readXlsx(bytes, table);
		case 'json':
			return JSON.parse(new TextDecoder().decode(bytes)) as Row[];
		case 'arrow':
			return tableFromIPC(bytes)
				.toArray()
				.map((r) => ({ ...r.toJSON() }) as Row);
		case 'parquet':
			return readParquetTable(await loadParquetNode(), bytes)
				.toArray()
				.map((r) => ({ ...r.toJSON() }) as Row);
	}
}

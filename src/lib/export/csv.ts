import Papa from 'papaparse';
import { neutraliseText } from './injection.ts';
import type { ExportTable, ExportValue } from './table.ts';

/** The byte-order mark that makes Excel read a CSV file as UTF-8. */
export const UTF8_BOM = '\uFEFF';

function cellText(value: ExportValue, isText: boolean): string {
	if (value === null) return '';
	return isText ? neutraliseText(String(value)) : String(value);
}

/**
 * A table as RFC 4180 CSV text (UTF-8, `\n` line ends, header row of field names): numbers in
 * JavaScript's shortest round-trip form, empty for null, text neutralised against formula
 * injection. `bom` prefixes the UTF-8 byte-order mark for Excel.
 */
export function toCsv(table: ExportTable, options: { bom?: boolean } = {}): string {
	const text = table.fields.map((f) => f.type === 'string');
	const body = Papa.unparse(
		{
			fields: table.fields.map((f) => f.name),
			data: table.rows.map((row) =>
				table.fields.map((f, i) => cellText(row[f.name] ?? null, text[i]!))
			)
		},
		{ newline: '\n', quotes: false }
	);
	return `${options.bom ? UTF8_BOM : ''}${body}\n`;
}

/** A table as JSON: an array of row objects with typed values (null for empty cells). */
export function toJson(table: ExportTable): string {
	return `${JSON.stringify(
		table.rows.map((row) =>
			Object.fromEntries(table.fields.map((f) => [f.name, row[f.name] ?? null]))
		),
		null,
		2
	)}\n`;
}

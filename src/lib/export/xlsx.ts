import { neutraliseText } from './injection.ts';
import type { ExportTable } from './table.ts';

/** Name of the sheet holding the data; the other sheet describes it. */
export const DATA_SHEET = 'data';
export const ABOUT_SHEET = 'about';

/**
 * A table as an XLSX workbook (exceljs, imported on first use: it is large): a `data` sheet with
 * typed cells (numbers as numbers, text neutralised against formula injection, empty for null)
 * and an `about` sheet describing each column and the export's provenance (`about` pairs).
 */
export async function toXlsx(
	table: ExportTable,
	about: readonly (readonly [string, string])[]
): Promise<Uint8Array> {
	const { default: ExcelJS } = await import('exceljs');
	const book = new ExcelJS.Workbook();
	book.creator = 'Adoption Gap';
	const data = book.addWorksheet(DATA_SHEET, { views: [{ state: 'frozen', ySplit: 1 }] });
	data.addRow(table.fields.map((f) => f.name)).font = { bold: true };
	for (const row of table.rows) {
		data.addRow(
			table.fields.map((f) => {
				const value = row[f.name] ?? null;
				if (value === null) return null;
				return f.type === 'string' ? neutraliseText(String(value)) : value;
			})
		);
	}
	const sheet = book.addWorksheet(ABOUT_SHEET);
	sheet.addRow([table.title]).font = { bold: true };
	sheet.addRow([]);
	sheet.addRow(['column', 'type', 'unit', 'description']).font = { bold: true };
	for (const f of table.fields) sheet.addRow([f.name, f.type, f.unit ?? '', f.description]);
	sheet.addRow([]);
	for (const [key, value] of about) sheet.addRow([key, neutraliseText(value)]);
	return new Uint8Array(await book.xlsx.writeBuffer());
}

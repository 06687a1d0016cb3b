import type { Worksheet } from 'exceljs';
import { unzipSync } from 'fflate';
import { issue, type ValidationIssue } from '../issues.ts';
import { formatBytes, type IngestLimits } from '../limits.ts';
import { cellText } from './xlsx-cells.ts';

export type XlsxResult =
	| {
			readonly ok: true;
			readonly bytes: Uint8Array;
			readonly sheet: string;
			/** Every worksheet's name, in order (the sheets a user may choose from). */
			readonly sheets: readonly string[];
			readonly notices: ValidationIssue[];
	  }
	| { readonly ok: false; readonly issues: ValidationIssue[] };

/**
 * Converts one worksheet (the first, or `sheet` by name or 1-based position) to comma-separated
 * UTF-8 text with exactly one line per worksheet row, so "line 42" in a report is row 42 of the
 * sheet. Line breaks inside cells become spaces (with a notice). exceljs holds the whole workbook
 * in memory, hence `maxXlsxBytes` and `maxXlsxRows`.
 */
export async function xlsxToCsv(
	file: string,
	bytes: Uint8Array,
	limits: IngestLimits,
	sheet?: string | number
): Promise<XlsxResult> {
	const fail = (code: 'xlsx_invalid' | 'too_large' | 'xlsx_sheet_not_found', message: string) => ({
		ok: false as const,
		issues: [issue('error', code, file, message)]
	});
	if (bytes.length > limits.maxXlsxBytes) {
		return fail(
			'too_large',
			`The workbook is ${formatBytes(bytes.length)}; workbooks over ${formatBytes(limits.maxXlsxBytes)} cannot be read here. Save the sheet as "CSV UTF-8" and upload that: CSV files are read in chunks and may be far larger.`
		);
	}
	const expanded = expandedSize(bytes);
	if (expanded === null) {
		return fail(
			'xlsx_invalid',
			'The file is named like an Excel workbook but its ZIP directory cannot be read: it is corrupt or cut off. Save it again from Excel as .xlsx, or as "CSV UTF-8".'
		);
	}
	if (expanded > limits.maxXlsxExpandedBytes) {
		return fail(
			'too_large',
			`The workbook's sheets expand to ${formatBytes(expanded)}; at most ${formatBytes(limits.maxXlsxExpandedBytes)} can be read from a workbook here. Save the sheet as "CSV UTF-8" and upload that.`
		);
	}
	const { default: ExcelJS } = await import('exceljs');
	const workbook = new ExcelJS.Workbook();
	try {
		await workbook.xlsx.load(bytes.slice().buffer as never);
	} catch (error) {
		return fail(
			'xlsx_invalid',
			`The file could not be read as an Excel workbook (${error instanceof Error ? error.message : String(error)}). Save it again from Excel as .xlsx, or as "CSV UTF-8".`
		);
	}
	const sheets = workbook.worksheets;
	const names = sheets.map((s) => s.name);
	const worksheet =
		sheet === undefined
			? sheets[0]
			: typeof sheet === 'number'
				? sheets[sheet - 1]
				: sheets.find((s) => s.name === sheet);
	if (!worksheet) {
		const wanted = sheet === undefined ? 'a worksheet' : `sheet ${JSON.stringify(sheet)}`;
		return fail(
			'xlsx_sheet_not_found',
			`The workbook has no ${wanted}; its sheets are: ${names.map((n) => JSON.stringify(n)).join(', ') || 'none'}.`
		);
	}
	if (worksheet.rowCount > limits.maxXlsxRows) {
		return fail(
			'too_large',
			`Sheet "${worksheet.name}" has ${worksheet.rowCount.toLocaleString('en-US')} rows; at most ${limits.maxXlsxRows.toLocaleString('en-US')} can be read from a workbook here. Save the sheet as "CSV UTF-8" and upload that.`
		);
	}
	const { text, cellsWithBreaks } = sheetText(worksheet);
	const notices: ValidationIssue[] = [];
	const position = `sheet "${worksheet.name}" (${sheets.indexOf(worksheet) + 1} of ${sheets.length}${sheets.length > 1 ? `: ${names.join(', ')}` : ''})`;
	notices.push(
		issue(
			'notice',
			'xlsx_sheet_read',
			file,
			`Read ${position}; line numbers in this report are worksheet row numbers.`
		)
	);
	if (cellsWithBreaks > 0) {
		notices.push(
			issue(
				'notice',
				'xlsx_line_breaks_replaced',
				file,
				`${cellsWithBreaks} cell(s) contained line breaks; each was replaced by a space.`
			)
		);
	}
	return {
		ok: true,
		bytes: new TextEncoder().encode(text),
		sheet: worksheet.name,
		sheets: names,
		notices
	};
}

function sheetText(worksheet: Worksheet): { text: string; cellsWithBreaks: number } {
	const width = worksheet.columnCount;
	const lines: string[] = [];
	let cellsWithBreaks = 0;
	for (let r = 1; r <= worksheet.rowCount; r++) {
		const row = worksheet.getRow(r);
		const cells: string[] = [];
		for (let c = 1; c <= width; c++) {
			let text = cellText(row.getCell(c).value);
			if (/[\r\n]/.test(text)) {
				cellsWithBreaks++;
				text = text.replace(/\r\n|\r|\n/g, ' ');
			}
			cells.push(
				/[",]/.test(text) || text !== text.trim() ? `"${text.replaceAll('"', '""')}"` : text
			);
		}
		lines.push(cells.join(','));
	}
	return { text: lines.join('\n') + '\n', cellsWithBreaks };
}

/**
 * The total uncompressed size the workbook's ZIP directory declares, read without decompressing
 * anything (the filter skips every part); null when the directory cannot be read.
 */
function expandedSize(bytes: Uint8Array): number | null {
	let total = 0;
	try {
		unzipSync(bytes, {
			filter: (part) => {
				total += part.originalSize;
				return false;
			}
		});
	} catch {
		return null;
	}
	return total;
}

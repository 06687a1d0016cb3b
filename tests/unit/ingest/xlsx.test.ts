import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '#lib/db/database.ts';
import { issue } from '#lib/ingest/issues.ts';
import { openSource } from '#lib/ingest/source/open-source.ts';
import { issuesOf, load, mapping, openDatabase, resetTables, rowsOf } from './ingest-helpers.ts';

/** A workbook like a state export: a title row, a blank row, the header on row 3, then data. */
async function workbook(): Promise<Uint8Array> {
	const book = new ExcelJS.Workbook();
	const sheet = book.addWorksheet('Districts');
	sheet.addRow(['Fall 2024 district survey (export)']);
	sheet.addRow([]);
	sheet.addRow(['NCES District ID', 'Surveyed on', 'Trained', 'Share', 'Notes']);
	sheet.addRow([100190, new Date(Date.UTC(2024, 9, 1)), true, 0.1 + 0.2, 'two\nlines']);
	sheet.addRow([
		100005,
		new Date(Date.UTC(2024, 9, 2, 13, 30)),
		false,
		{ formula: '1/4', result: 0.25 },
		'Smith, "Jr"'
	]);
	sheet.addRow(['0100030', '2024-10-03', 'yes', { error: '#N/A' }, null]);
	book.addWorksheet('Codes').addRow(['code', 'meaning']);
	return new Uint8Array(await book.xlsx.writeBuffer());
}

let db: Database;
let bytes: Uint8Array;
beforeAll(async () => {
	db = await openDatabase();
	bytes = await workbook();
});
afterAll(() => db.close());

describe('XLSX uploads', () => {
	it('read the first sheet as text, one line per worksheet row, with canonical dates and numbers', async () => {
		const result = await openSource('survey.xlsx', bytes);
		if (!result.ok) throw new Error(JSON.stringify(result.issues));
		const text = new TextDecoder().decode(result.source.layout.bytes);
		expect(text).toBe(
			'Fall 2024 district survey (export),,,,\n,,,,\nNCES District ID,Surveyed on,Trained,Share,Notes\n' +
				'100190,2024-10-01,TRUE,0.3,two lines\n100005,2024-10-02T13:30:00,FALSE,0.25,"Smith, ""Jr"""\n0100030,2024-10-03,yes,#N/A,\n'
		);
		expect(result.source.header.line).toBe(3);
		expect(result.source.notices).toEqual([
			issue(
				'notice',
				'xlsx_sheet_read',
				'survey.xlsx',
				'Read sheet "Districts" (1 of 2: Districts, Codes); line numbers in this report are worksheet row numbers.'
			),
			issue(
				'notice',
				'xlsx_line_breaks_replaced',
				'survey.xlsx',
				'1 cell(s) contained line breaks; each was replaced by a space.'
			),
			issue(
				'notice',
				'title_rows_skipped',
				'survey.xlsx',
				'The header is on line 3; line 1 above it ("Fall 2024 district survey (export)") was skipped as titles.',
				{ line: 3 }
			)
		]);
	});

	it('load like CSV: LEAIDs padded, booleans and shares read, #N/A missing', async () => {
		await resetTables(db, 'districts');
		const m = mapping(
			'districts',
			{ leaid: 'NCES District ID', cep_flag: 'Trained', meps_pct: 'Share' },
			{ constants: { school_year_start: '2024-25' } }
		);
		const report = await load(db, bytes, m, {}, 'survey.xlsx');
		expect(issuesOf(report).filter((i) => i.severity !== 'notice')).toEqual([]);
		expect(
			await rowsOf(db, 'districts', ['leaid', 'school_year_start', 'cep_flag', 'meps_pct'])
		).toEqual([
			{ leaid: '0100190', school_year_start: 2024, cep_flag: true, meps_pct: 0.3 },
			{ leaid: '0100005', school_year_start: 2024, cep_flag: false, meps_pct: 0.25 },
			{ leaid: '0100030', school_year_start: 2024, cep_flag: true, meps_pct: null }
		]);
		expect(report.missing).toEqual([
			{ field: 'meps_pct', column: 'Share', reason: 'missing', count: 1, lines: [6] }
		]);
	});

	it('read a chosen sheet, and name the sheets when the choice does not exist', async () => {
		const chosen = await openSource('survey.xlsx', bytes, { sheet: 'Codes' });
		expect(chosen.ok && chosen.source.header.fields).toEqual(['code', 'meaning']);
		expect(await openSource('survey.xlsx', bytes, { sheet: 3 })).toEqual({
			ok: false,
			issues: [
				issue(
					'error',
					'xlsx_sheet_not_found',
					'survey.xlsx',
					'The workbook has no sheet 3; its sheets are: "Districts", "Codes".'
				)
			]
		});
	});

	it('refuse workbooks over the size limit, suggesting CSV', async () => {
		expect(await openSource('survey.xlsx', bytes, { limits: { maxXlsxBytes: 1000 } })).toEqual({
			ok: false,
			issues: [
				issue(
					'error',
					'too_large',
					'survey.xlsx',
					`The workbook is ${(bytes.length / 1024).toFixed(1).replace(/\.0$/, '')} KB; workbooks over 1000 bytes cannot be read here. Save the sheet as "CSV UTF-8" and upload that: CSV files are read in chunks and may be far larger.`
				)
			]
		});
		const rows = await openSource('survey.xlsx', bytes, { limits: { maxXlsxRows: 5 } });
		expect(rows).toEqual({
			ok: false,
			issues: [
				issue(
					'error',
					'too_large',
					'survey.xlsx',
					'Sheet "Districts" has 6 rows; at most 5 can be read from a workbook here. Save the sheet as "CSV UTF-8" and upload that.'
				)
			]
		});
	});

	it('report a broken workbook clearly', async () => {
		const broken = bytes.slice(0, 200);
		const result = await openSource('survey.xlsx', broken);
		expect(result.ok).toBe(false);
		expect(
			!result.ok &&
				result.issues.map((i) => [
					i.code,
					i.message.endsWith('Save it again from Excel as .xlsx, or as "CSV UTF-8".')
				])
		).toEqual([['xlsx_invalid', true]]);
	});
});

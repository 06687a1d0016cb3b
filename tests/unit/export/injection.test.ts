import { describe, expect, it } from 'vitest';
import { encodeTable } from '#lib/export/bundle.ts';
import { DEFAULT_PROFILE } from '#lib/disclosure/profiles.ts';
import { neutraliseText } from '#lib/export/injection.ts';
import { loadParquetNode } from '#lib/export/parquet-node.ts';
import type { ExportTable } from '#lib/export/table.ts';
import { readCsvPapa, readXlsx } from './read-back.ts';

/** OWASP's formula-injection starts, and text that merely looks numeric. */
const ATTACKS = [
	'=HYPERLINK("http://evil.example","click")',
	'+1',
	'-2',
	'@SUM(A1:A9)',
	'\t=1+1',
	'\r=1+1'
];
const SAFE = ['plain', '100–299', 'n<10', "it's", ''];

const TABLE: ExportTable = {
	name: 'attack',
	title: 'Attack',
	fields: [
		{ name: 'text', type: 'string', description: 'user text' },
		{ name: 'x', type: 'number', description: 'a number' }
	],
	rows: [...ATTACKS, ...SAFE].map((text, i) => ({ text, x: -(i + 1) / 4 }))
};

const PROVENANCE = {
	view: '=cmd',
	url: null,
	filters: {},
	filterNote: null,
	sql: [],
	inputs: [],
	dataVersion: null,
	origin: 'user_loaded' as const,
	mode: 'research' as const,
	profile: DEFAULT_PROFILE,
	exportedAt: new Date(0),
	cite: null
};

// Expected: the OWASP rule (prefix an apostrophe to text starting with = + - @ tab CR), by hand.
const EXPECTED_TEXT = [...ATTACKS.map((t) => `'${t}`), ...SAFE];
const EXPECTED_X = TABLE.rows.map((_, i) => -(i + 1) / 4);

describe('spreadsheet formula injection', () => {
	it('prefixes an apostrophe to text starting with = + - @ tab or CR, and only to that', () => {
		expect([...ATTACKS, ...SAFE].map(neutraliseText)).toEqual(EXPECTED_TEXT);
	});

	it('CSV: text cells are neutralised, negative numbers are written as numbers', async () => {
		const bytes = await encodeTable(TABLE, 'csv', PROVENANCE, { parquet: loadParquetNode });
		const rows = readCsvPapa(bytes, TABLE);
		expect(rows.map((r) => r.text)).toEqual(EXPECTED_TEXT);
		expect(rows.map((r) => r.x)).toEqual(EXPECTED_X);
		expect(new TextDecoder().decode(bytes)).toContain("\n'-2,-0.75\n");
	});

	it('XLSX: text cells are neutralised strings (no formulas), numbers stay numeric', async () => {
		const bytes = await encodeTable(TABLE, 'xlsx', PROVENANCE, { parquet: loadParquetNode });
		const rows = await readXlsx(bytes, TABLE);
		// XML text turns a carriage return into a line feed; the cell still starts with "'".
		expect(rows.map((r) => r.text)).toEqual(EXPECTED_TEXT.map((t) => t.replace('\r', '\n')));
		expect(rows.map((r) => r.x)).toEqual(EXPECTED_X);
		const ExcelJS = (await import('exceljs')).default;
		const book = new ExcelJS.Workbook();
		await book.xlsx.load(bytes as unknown as ArrayBuffer);
		const types = new Set<number>();
		book.worksheets.forEach((s) => s.eachRow((r) => r.eachCell((c) => types.add(c.type))));
		expect(types.has(ExcelJS.ValueType.Formula)).toBe(false);
		const about = book.getWorksheet('about')!;
		const view = about.getColumn(1).values.indexOf('view');
		expect(about.getRow(view).getCell(2).value).toBe("'=cmd");
	});
});

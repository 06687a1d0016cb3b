import { gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { issue, type ValidationIssue } from '#lib/ingest/issues.ts';
import { openSource } from '#lib/ingest/source/open-source.ts';
import { utf8 } from './csv-helpers.ts';

const F = 'upload.csv';

function bytes(...parts: (string | number[])[]): Uint8Array {
	return Uint8Array.from(parts.flatMap((p) => (typeof p === 'string' ? [...utf8(p)] : p)));
}

function utf16(text: string, endian: 'le' | 'be', bom = true): Uint8Array {
	const out: number[] = bom ? (endian === 'le' ? [0xff, 0xfe] : [0xfe, 0xff]) : [];
	for (const ch of text) {
		const c = ch.charCodeAt(0);
		out.push(...(endian === 'le' ? [c & 0xff, c >> 8] : [c >> 8, c & 0xff]));
	}
	return Uint8Array.from(out);
}

interface OpenCase {
	name: string;
	file?: string;
	input: Uint8Array;
	limits?: { maxDecompressedBytes: number };
	expected:
		| {
				ok: true;
				format: string;
				encoding: string;
				delimiter: string;
				headerLine: number;
				fields: string[];
				notices: ValidationIssue[];
		  }
		| { ok: false; issues: ValidationIssue[] };
}

const CASES: OpenCase[] = [
	{
		name: 'UTF-8 without BOM',
		input: bytes('leaid,name\n0100190,Alabaster\n'),
		expected: {
			ok: true,
			format: 'csv',
			encoding: 'utf-8',
			delimiter: ',',
			headerLine: 1,
			fields: ['leaid', 'name'],
			notices: []
		}
	},
	{
		name: 'UTF-8 with BOM (the BOM is not part of the first header)',
		input: bytes([0xef, 0xbb, 0xbf], 'leaid,name\r\n0100190,Alabaster\r\n'),
		expected: {
			ok: true,
			format: 'csv',
			encoding: 'utf-8',
			delimiter: ',',
			headerLine: 1,
			fields: ['leaid', 'name'],
			notices: []
		}
	},
	{
		name: 'Windows-1252 (invalid UTF-8) is decoded with a notice naming the first bad line',
		input: bytes('leaid,name\n3500001,Albuquerque\n3500002,Pe', [0xf1], 'asco\n'),
		expected: {
			ok: true,
			format: 'csv',
			encoding: 'windows-1252',
			delimiter: ',',
			headerLine: 1,
			fields: ['leaid', 'name'],
			notices: [
				issue(
					'notice',
					'encoding_windows_1252',
					F,
					'The file is not valid UTF-8 (first at line 3); it was read as Windows-1252, the encoding Excel on Windows uses for "CSV". Check that accented names (e.g. "Peñasco") look right; if not, save the file as "CSV UTF-8".',
					{ line: 3 }
				)
			]
		}
	},
	{
		name: 'UTF-16 little-endian with BOM is transcoded',
		input: utf16('leaid\tname\n0100190\tAlabaster\n', 'le'),
		expected: {
			ok: true,
			format: 'csv',
			encoding: 'utf-16le',
			delimiter: '\t',
			headerLine: 1,
			fields: ['leaid', 'name'],
			notices: [
				issue(
					'notice',
					'encoding_utf16',
					F,
					'The file is UTF-16 (little-endian, with a byte-order mark); it was converted to UTF-8.'
				)
			]
		}
	},
	{
		name: 'UTF-16 big-endian with BOM is transcoded',
		input: utf16('a;b\n1;2\n', 'be'),
		expected: {
			ok: true,
			format: 'csv',
			encoding: 'utf-16be',
			delimiter: ';',
			headerLine: 1,
			fields: ['a', 'b'],
			notices: [
				issue(
					'notice',
					'encoding_utf16',
					F,
					'The file is UTF-16 (big-endian, with a byte-order mark); it was converted to UTF-8.'
				)
			]
		}
	},
	{
		name: 'UTF-16 without BOM is rejected',
		input: utf16('leaid,name\n0100190,Alabaster\n', 'le', false),
		expected: {
			ok: false,
			issues: [
				issue(
					'error',
					'utf16_without_bom',
					F,
					'The file looks like UTF-16 text without a byte-order mark, which cannot be decoded safely. Save it as "CSV UTF-8".'
				)
			]
		}
	},
	{
		name: 'a PNG renamed .csv',
		input: bytes([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13]),
		expected: {
			ok: false,
			issues: [
				issue(
					'error',
					'binary_file',
					F,
					'This is a PNG image, not a CSV: upload the data file itself.'
				)
			]
		}
	},
	{
		name: 'binary bytes',
		input: Uint8Array.from({ length: 512 }, (_, i) => (i * 37 + (i >> 3)) % 256),
		expected: {
			ok: false,
			issues: [
				issue(
					'error',
					'binary_file',
					F,
					'This is binary data, not text, not a CSV: upload a CSV, a .csv.gz or an .xlsx file.'
				)
			]
		}
	},
	{
		name: 'an old .xls workbook',
		input: bytes([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]),
		expected: {
			ok: false,
			issues: [
				issue(
					'error',
					'unsupported_format',
					F,
					'This is an Excel 97–2003 workbook (.xls), not a CSV: open it in Excel and save it as .xlsx or as "CSV UTF-8".'
				)
			]
		}
	},
	{
		name: 'a ZIP archive not named .xlsx',
		input: bytes([0x50, 0x4b, 0x03, 0x04, 20, 0]),
		expected: {
			ok: false,
			issues: [
				issue(
					'error',
					'unsupported_format',
					F,
					'This is a ZIP archive, not a CSV: unzip it and upload the CSV inside (an Excel workbook must be named .xlsx).'
				)
			]
		}
	},
	{
		name: 'an empty file',
		input: bytes(''),
		expected: {
			ok: false,
			issues: [issue('error', 'empty_file', F, 'The file is empty (0 bytes).')]
		}
	},
	{
		name: 'a file of blank lines',
		input: bytes('\n  \r\n\n'),
		expected: {
			ok: false,
			issues: [
				issue(
					'error',
					'empty_file',
					F,
					'The file has no rows: it holds nothing but spaces, line breaks and delimiters.'
				)
			]
		}
	},
	{
		name: 'a .csv.gz',
		file: 'engagement.csv.gz',
		input: gzipSync('time,lp_id\n2020-01-03,95731\n'),
		expected: {
			ok: true,
			format: 'csv.gz',
			encoding: 'utf-8',
			delimiter: ',',
			headerLine: 1,
			fields: ['time', 'lp_id'],
			notices: []
		}
	},
	{
		name: 'a .csv.gz that expands beyond the limit',
		file: 'big.csv.gz',
		input: gzipSync('x\n' + '1\n'.repeat(1000)),
		limits: { maxDecompressedBytes: 1000 },
		expected: {
			ok: false,
			issues: [
				issue(
					'error',
					'too_large',
					'big.csv.gz',
					'The file expands to more than 1000 bytes when decompressed, the limit here. Split it into smaller files, or use the command line.'
				)
			]
		}
	},
	{
		name: 'a truncated .csv.gz',
		file: 'cut.csv.gz',
		input: gzipSync('time,lp_id\n' + '2020-01-03,95731\n'.repeat(200)).subarray(0, 30),
		expected: {
			ok: false,
			issues: [
				issue(
					'error',
					'gzip_invalid',
					'cut.csv.gz',
					'The file starts like gzip but could not be decompressed: it is corrupt or cut off. Download it again.'
				)
			]
		}
	},
	{
		name: 'a PNG inside gzip',
		file: 'x.csv.gz',
		input: gzipSync(Uint8Array.from([0x89, 0x50, 0x4e, 0x47, 1, 2, 3])),
		expected: {
			ok: false,
			issues: [
				issue(
					'error',
					'binary_file',
					'x.csv.gz',
					'The decompressed file is a PNG image, not a CSV: upload the data file itself.'
				)
			]
		}
	},
	{
		name: 'semicolons (European Excel) with commas inside values',
		input: bytes('leaid;rate\n0100190;0,67\n0100005;0,5\n'),
		expected: {
			ok: true,
			format: 'csv',
			encoding: 'utf-8',
			delimiter: ';',
			headerLine: 1,
			fields: ['leaid', 'rate'],
			notices: []
		}
	},
	{
		name: 'the delimiter is sniffed quote-aware (commas inside quotes do not count)',
		input: bytes('name\tcity\n"Smith, Jones, and Co"\tAkron\n"A, B"\tX\n'),
		expected: {
			ok: true,
			format: 'csv',
			encoding: 'utf-8',
			delimiter: '\t',
			headerLine: 1,
			fields: ['name', 'city'],
			notices: []
		}
	},
	{
		name: 'title rows above the header (Census/Excel export) are skipped with a notice',
		input: bytes(
			'Table 1. Estimates for School Districts,,,\nRelease: December 2024,,,\n,,,\nState,LEAID,Name,Children\nAL,0100190,Alabaster,6631\nAL,0100005,Albertville,4825\n'
		),
		expected: {
			ok: true,
			format: 'csv',
			encoding: 'utf-8',
			delimiter: ',',
			headerLine: 4,
			fields: ['State', 'LEAID', 'Name', 'Children'],
			notices: [
				issue(
					'notice',
					'title_rows_skipped',
					F,
					'The header is on line 4; lines 1–2 above it ("Table 1. Estimates for School Districts", "Release: December 2024") were skipped as titles.',
					{ line: 4 }
				)
			]
		}
	},
	{
		name: 'duplicate and empty header names get distinct names',
		input: bytes('id,name,name,\n1,a,b,c\n'),
		expected: {
			ok: true,
			format: 'csv',
			encoding: 'utf-8',
			delimiter: ',',
			headerLine: 1,
			fields: ['id', 'name', 'name (2)', '(unnamed column 4)'],
			notices: [
				issue(
					'notice',
					'duplicate_header',
					F,
					'The header has more than one column named "name"; the later ones are called "name (2)", "name (3)", …',
					{ line: 1, column: 'name' }
				)
			]
		}
	}
];

describe('openSource', () => {
	it.each(CASES)('$name', async ({ file, input, limits, expected }) => {
		const result = await openSource(file ?? F, input, { limits });
		if (!expected.ok) {
			expect(result).toEqual({ ok: false, issues: expected.issues });
			return;
		}
		if (!result.ok) throw new Error(JSON.stringify(result.issues));
		const { source } = result;
		expect({
			ok: true,
			format: source.format,
			encoding: source.encoding,
			delimiter: source.dialect.delimiter,
			headerLine: source.header.line,
			fields: source.header.fields,
			notices: source.notices
		}).toEqual(expected);
	});

	it('decodes Windows-1252 characters to their Unicode values', async () => {
		const result = await openSource(
			F,
			bytes('name\nPe', [0xf1], 'asco ', [0x93], 'NM', [0x94], '\n')
		);
		if (!result.ok) throw new Error('expected ok');
		const text = new TextDecoder().decode(result.source.layout.bytes);
		expect(text).toBe('name\nPeñasco “NM”\n');
	});

	it('takes the header from a given line', async () => {
		const result = await openSource(F, bytes('x,y\n1,2\nleaid,name\n'), { headerLine: 3 });
		expect(result.ok && result.source.header.fields).toEqual(['leaid', 'name']);
	});
});

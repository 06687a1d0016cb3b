import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { StructuralReject } from '#lib/ingest/csv/chunks.ts';
import { openText, readChunks } from './csv-helpers.ts';

interface ChunkCase {
	name: string;
	csv: string;
	records: string[][];
	lines: number[];
	rejected?: StructuralReject[];
	blank?: number;
}

const CASES: ChunkCase[] = [
	{
		name: 'CRLF line breaks',
		csv: 'a,b\r\n1,2\r\n3,4\r\n',
		records: [
			['1', '2'],
			['3', '4']
		],
		lines: [2, 3]
	},
	{
		name: 'quoted fields with delimiters, doubled quotes and line breaks (lines count the breaks)',
		csv: 'id,name\n1,"Smith, Jones"\n2,"two\nlines"\n3,"say ""hi"""\n4,"x\r\ny\r\nz"\n5,e\n',
		records: [
			['1', 'Smith, Jones'],
			['2', 'two\nlines'],
			['3', 'say "hi"'],
			['4', 'x\r\ny\r\nz'],
			['5', 'e']
		],
		lines: [2, 3, 5, 6, 9]
	},
	{
		name: 'trailing blank lines are not rows',
		csv: 'a,b\n1,2\n\n\n  \n',
		records: [['1', '2']],
		lines: [2],
		blank: 3
	},
	{
		name: 'blank lines and delimiter-only lines inside the data are skipped; later lines keep their numbers',
		csv: 'a,b,c\n1,2,3\n\n,,\n4,5,6\n',
		records: [
			['1', '2', '3'],
			['4', '5', '6']
		],
		lines: [2, 5],
		blank: 2
	},
	{
		name: 'no line break after the last record',
		csv: 'a,b\n1,2\n3,4',
		records: [
			['1', '2'],
			['3', '4']
		],
		lines: [2, 3]
	},
	{
		name: 'a lone CR ends a record (classic Mac)',
		csv: 'a,b\r1,2\r3,4\r',
		records: [
			['1', '2'],
			['3', '4']
		],
		lines: [2, 3]
	},
	{
		name: 'wrong field counts are taken out with their line',
		csv: 'a,b,c\n1,2,3\n4,5\n6,7,8,9\n10,11,12\n',
		records: [
			['1', '2', '3'],
			['10', '11', '12']
		],
		lines: [2, 5],
		rejected: [
			{ line: 3, lastLine: 3, problem: 'wrong_field_count', fieldCount: 2, fields: ['4', '5'] },
			{
				line: 4,
				lastLine: 4,
				problem: 'wrong_field_count',
				fieldCount: 4,
				fields: ['6', '7', '8', '9']
			}
		]
	},
	{
		name: 'extra trailing empty fields (Excel padding) are cut off, not rejected',
		csv: 'a,b\n1,2,,\n3,4,\n',
		records: [
			['1', '2'],
			['3', '4']
		],
		lines: [2, 3]
	},
	{
		name: 'text after a closing quote is rejected',
		csv: 'a,b\n"ab"cd,2\n3,4\n',
		records: [['3', '4']],
		lines: [3],
		rejected: [
			{ line: 2, lastLine: 2, problem: 'text_after_quote', fieldCount: 2, fields: ['abcd', '2'] }
		]
	},
	{
		name: 'an unterminated quote swallows the rest of the file as one rejected record',
		csv: 'a,b\n1,2\n"open,3\n4,5\n',
		records: [['1', '2']],
		lines: [2],
		rejected: [
			{
				line: 3,
				lastLine: 5,
				problem: 'unterminated_quote',
				fieldCount: 1,
				fields: ['open,3\n4,5\n']
			}
		]
	},
	{
		name: 'blanks around quoted values are dropped, as DuckDB does',
		csv: 'a,b\n "x" , y \n',
		records: [['x', ' y ']],
		lines: [2]
	},
	{
		name: 'a quote inside an unquoted value is literal',
		csv: 'a,b\n5" tall,2\n',
		records: [['5" tall', '2']],
		lines: [2]
	},
	{
		name: 'semicolons with decimal commas',
		csv: 'a;b\n"x;y";0,5\n',
		records: [['x;y', '0,5']],
		lines: [2]
	}
];

describe('chunkRecords', () => {
	it.each(CASES)('$name', async ({ csv, records, lines, rejected = [], blank = 0 }) => {
		const result = readChunks(await openText(csv));
		expect(result.records).toEqual(records);
		expect(result.lines).toEqual(lines);
		expect(result.rejected).toEqual(rejected);
		expect(result.blank).toBe(blank);
	});

	it('gives the same records, lines and rejects for any chunk size', async () => {
		const csv = 'a,b\n1,"x\ny"\n\n2,3,4\n5,6\n"7",8,,\n9,10\n';
		const whole = readChunks(await openText(csv));
		for (const size of [1, 2, 5, 11, 1000]) {
			const parts = readChunks(await openText(csv), size);
			expect({ ...parts, chunks: undefined }).toEqual({ ...whole, chunks: undefined });
		}
	});

	it('cuts every chunk at a record boundary (property)', async () => {
		const field = fc.oneof(
			fc.constantFrom('', 'x', ' a ', 'a,b', 'q"q', 'l\nm', '"'),
			fc.string({ unit: fc.constantFrom('a', '1', ' ', '"', ',', '\n', '\r', 'é'), maxLength: 4 })
		);
		const row = fc.array(field, { minLength: 1, maxLength: 4 });
		const quote = (v: string) =>
			/[",\n\r]/.test(v) || v.trim() !== v ? `"${v.replaceAll('"', '""')}"` : v;
		await fc.assert(
			fc.asyncProperty(
				fc.array(row, { maxLength: 12 }),
				fc.integer({ min: 1, max: 64 }),
				async (rows, size) => {
					const csv = ['h1,h2,h3', ...rows.map((r) => r.map(quote).join(','))].join('\n') + '\n';
					const source = await openText(csv);
					const whole = readChunks(source);
					const parts = readChunks(source, size);
					expect(parts.records).toEqual(whole.records);
					expect(parts.lines).toEqual(whole.lines);
					expect(parts.rejected).toEqual(whole.rejected);
					const delivered = whole.records.length + whole.rejected.length + whole.blank;
					expect(delivered).toBe(rows.length);
				}
			)
		);
	});
});

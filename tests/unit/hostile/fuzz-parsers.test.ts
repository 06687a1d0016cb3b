import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { chunkRecords } from '#lib/ingest/csv/chunks.ts';
import { sniffDialect } from '#lib/ingest/csv/dialect.ts';
import { splitRecord } from '#lib/ingest/csv/fields.ts';
import { findHeader } from '#lib/ingest/csv/header.ts';
import { DELIMITERS, RecordScanner } from '#lib/ingest/csv/scanner.ts';
import { shown } from '#lib/ingest/issues.ts';
import { parseMapping } from '#lib/ingest/mapping/mapping.ts';
import { previewFromSamples } from '#lib/ingest/mapping/preview.ts';
import { rankTables, suggestMapping } from '#lib/ingest/mapping/suggest.ts';
import { headerKey } from '#lib/ingest/mapping/synonyms.ts';
import { toUtf8 } from '#lib/ingest/source/decode-text.ts';
import { detectFormat } from '#lib/ingest/source/detect-format.ts';
import { openSource } from '#lib/ingest/source/open-source.ts';
import { cellText } from '#lib/ingest/source/xlsx-cells.ts';
import { TARGETS } from '#lib/ingest/targets/index.ts';

/** Text made of what breaks CSV parsers: quotes, delimiters, every kind of line break, odd bytes. */
const csvish = fc
	.array(
		fc.oneof(
			fc.constantFrom('"', '""', ',', ';', '\t', '|', '\n', '\r\n', '\r', ' ', '\u00a0', '\u0000'),
			fc.constantFrom('\ufeff', 'é', '\u202e', '=1+1', '-3', '2024-25', '0100190', 'NaN'),
			fc.string({ maxLength: 6 })
		),
		{ maxLength: 60 }
	)
	.map((parts) => new TextEncoder().encode(parts.join('')));

const anyBytes = fc.oneof(fc.uint8Array({ maxLength: 400 }), csvish);

describe('the byte-level parsers never throw on arbitrary input (fast-check)', () => {
	it('detectFormat and toUtf8 classify and decode anything; UTF-8 out is valid', () => {
		fc.assert(
			fc.property(anyBytes, fc.constantFrom('x.csv', 'x.xlsx', 'x.csv.gz'), (bytes, name) => {
				const format = detectFormat(name, bytes);
				expect(['text', 'gzip', 'xlsx', 'empty', 'utf16_without_bom', 'unsupported']).toContain(
					format.kind
				);
				const text = toUtf8(name, bytes);
				expect(() => new TextDecoder('utf-8', { fatal: true }).decode(text.bytes)).not.toThrow();
			}),
			{ numRuns: 500 }
		);
	});

	it('sniffDialect, findHeader and splitRecord accept anything and return well-formed values', () => {
		fc.assert(
			fc.property(
				anyBytes,
				fc.option(fc.integer({ min: 1, max: 8 }), { nil: undefined }),
				(bytes, line) => {
					const dialect = sniffDialect(bytes);
					expect(DELIMITERS).toContain(dialect.delimiter);
					const header = findHeader(bytes, dialect.delimiter, line);
					if (header) {
						expect(header.fields.length).toBeGreaterThan(0);
						expect(header.fields.every((f) => typeof f === 'string' && f !== '')).toBe(true);
						expect(header.dataOffset).toBeLessThanOrEqual(bytes.length);
					}
					const fields = splitRecord(new TextDecoder().decode(bytes), dialect.delimiter);
					expect(fields.length).toBeGreaterThan(0);
				}
			),
			{ numRuns: 500 }
		);
	});

	it('chunkRecords accounts for every record: delivered + rejected + blank = records scanned', async () => {
		await fc.assert(
			fc.asyncProperty(csvish, fc.integer({ min: 1, max: 64 }), async (bytes, chunkBytes) => {
				const opened = await openSource('fuzz.csv', bytes);
				if (!opened.ok) return;
				const { layout } = opened.source;
				const chunks = [...chunkRecords(layout, chunkBytes)];
				const delivered = chunks.reduce((n, c) => n + c.records, 0);
				const rejected = chunks.reduce((n, c) => n + c.rejected.length, 0);
				const blank = chunks.reduce((n, c) => n + c.blankRecords, 0);
				// An independent count: every record the scanner finds after the header.
				const scanner = new RecordScanner(layout.bytes, layout.dialect.delimiter, layout.width);
				let scanned = 0;
				for (
					let pos = layout.dataOffset;
					pos < layout.bytes.length && scanner.scan(pos);
					pos = scanner.next
				)
					scanned++;
				expect(delivered + rejected + blank).toBe(scanned);
				expect(chunks.every((c, i) => c.index === i)).toBe(true);
			}),
			{ numRuns: 400 }
		);
	});

	it('cellText renders any worksheet value as text', () => {
		const value = fc.oneof(
			fc.constant(null),
			fc.string(),
			fc.double(),
			fc.boolean(),
			fc.date({ noInvalidDate: false }),
			fc.record({ error: fc.constantFrom('#N/A', '#REF!') }),
			fc.record({ richText: fc.array(fc.record({ text: fc.string() })) }),
			fc.record({ hyperlink: fc.webUrl(), text: fc.string() }),
			fc.record({ formula: fc.string(), result: fc.oneof(fc.double(), fc.string()) })
		);
		fc.assert(
			fc.property(value, (v) => {
				expect(typeof cellText(v as Parameters<typeof cellText>[0])).toBe('string');
			}),
			{ numRuns: 500 }
		);
	});

	it('shown keeps any text on one line, shortened, with invisible characters named', () => {
		fc.assert(
			fc.property(fc.string({ unit: 'binary', maxLength: 200 }), (text) => {
				const out = shown(text, 40);
				expect(out).not.toMatch(/[\r\n\u200b\u202e\ufeff]/);
				expect(out.includes('\0')).toBe(false);
				expect([...out].length).toBeLessThanOrEqual(40 + 8 * 40);
			}),
			{ numRuns: 500 }
		);
	});
});

describe('mapping from arbitrary headers and JSON never throws (fast-check)', () => {
	const headers = fc.array(fc.string({ unit: 'binary', maxLength: 30 }), { maxLength: 30 });

	it('parseMapping answers any JSON value with a mapping or errors, never both', () => {
		const table = fc.constantFrom(...TARGETS.map((t) => t.spec.name), 'nope', '');
		const mappingLike = fc.record(
			{
				version: fc.oneof(fc.constant(1), fc.anything()),
				table: fc.oneof(table, fc.anything()),
				columns: fc.oneof(
					fc.dictionary(fc.string(), fc.oneof(fc.string(), fc.constant(null))),
					fc.anything()
				),
				options: fc.oneof(fc.object(), fc.anything())
			},
			{ requiredKeys: [] }
		);
		fc.assert(
			fc.property(fc.oneof(fc.jsonValue(), mappingLike, fc.string()), (input) => {
				const result = parseMapping(input);
				if (result.ok) expect(TARGETS.map((t) => t.spec.name)).toContain(result.mapping.table);
				else expect(result.errors.length).toBeGreaterThan(0);
			}),
			{ numRuns: 1000 }
		);
	});

	it('suggestMapping, rankTables, headerKey and the preview take any header', () => {
		fc.assert(
			fc.property(headers, fc.constantFrom(...TARGETS.map((t) => t.spec.name)), (names, table) => {
				for (const name of names) expect(typeof headerKey(name)).toBe('string');
				const mapping = suggestMapping(table, names);
				expect(parseMapping(mapping).ok).toBe(true);
				for (const column of Object.values(mapping.columns))
					expect(column === null || names.includes(column)).toBe(true);
				expect(rankTables(names).every((r) => r.fields <= names.length)).toBe(true);
				const samples = new Map(names.map((n) => [n, [n, '', '0']] as const));
				expect(previewFromSamples(mapping, samples).length).toBeGreaterThan(0);
			}),
			{ numRuns: 300 }
		);
	});
});

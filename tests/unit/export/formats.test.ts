import { unzipSync, strFromU8 } from 'fflate';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '#lib/db/database.ts';
import { createNodeDatabase } from '#lib/db/node.ts';
import { DEFAULT_PROFILE } from '#lib/disclosure/profiles.ts';
import {
	EXPORT_FORMATS,
	encodeTable,
	exportFiles,
	zipFiles,
	type ExportFormat
} from '#lib/export/bundle.ts';
import type { ExportProvenance } from '#lib/export/datapackage.ts';
import { sha256Hex } from '#lib/export/hash.ts';
import { loadParquetNode } from '#lib/export/parquet-node.ts';
import { figureTable, type ExportTable } from '#lib/export/table.ts';
import type { FigureRow } from '#lib/report/figure-row.ts';
import { main } from '../../../src/cli/main.ts';
import { readBack, readCsvDuckDb } from './read-back.ts';

const LOADERS = { parquet: loadParquetNode };

/** Values that break naive writers: quotes, commas, line breaks, non-ASCII, extremes, nulls. */
const EDGE: ExportTable = {
	name: 'edge',
	title: 'Edge cases',
	fields: [
		{ name: 'text', type: 'string', description: 'text' },
		{ name: 'x', type: 'number', description: 'a double', unit: 'proportion (0–1)' },
		{ name: 'k', type: 'integer', description: 'an integer' }
	],
	rows: [
		{ text: 'plain', x: 0.1 + 0.2, k: 0 },
		{ text: 'comma, "quote"\nnew line', x: -2.5e-12, k: -7 },
		{ text: 'Señor 100–299 ✓ 🚀', x: 1, k: 2147483647 },
		{ text: '', x: null, k: null },
		{ text: 'n<10', x: 5e300, k: 1 }
	]
};

function provenance(): ExportProvenance {
	return {
		view: 'Training rates',
		url: null,
		filters: { states: ['CA'] },
		filterNote: null,
		sql: [{ text: 'SELECT 1', params: [] }],
		inputs: [{ name: 'survey.csv', table: 'survey_responses', sha256: 'ab'.repeat(32) }],
		dataVersion: 'abcdef012345',
		origin: 'user_loaded',
		mode: 'research',
		profile: DEFAULT_PROFILE,
		exportedAt: new Date('2026-11-22T12:00:00Z'),
		cite: { text: 'Adoption Gap 0.1.0.', bibtex: '@misc{x}' }
	};
}

/** Real figure rows: the command line on its census fixture (values in tests/fixtures/cli). */
async function fixtureFigures(): Promise<FigureRow[]> {
	let out = '';
	const code = await main(
		['metrics', '--survey', 'tests/fixtures/cli/survey.csv', '--mode', 'research'],
		{
			stdout: (t) => (out += t),
			stderr: (t) => (out += t)
		}
	);
	if (code !== 0) throw new Error(out);
	return JSON.parse(out).figures.rows;
}

let db: Database;
let figures: ExportTable;
beforeAll(async () => {
	db = await createNodeDatabase();
	figures = figureTable(await fixtureFigures(), 'Training');
});
afterAll(() => db?.close());

describe('every export format round-trips rows and types', () => {
	it.each(EXPORT_FORMATS)('%s: edge cases read back identical', async (format) => {
		const bytes = await encodeTable(EDGE, format, provenance(), LOADERS);
		expect(await readBack(format, bytes, EDGE)).toEqual(EDGE.rows);
	});

	it.each(EXPORT_FORMATS)(
		'%s: the figures of the CLI fixture read back identical',
		async (format) => {
			// The four registered survey metrics × (high, low, all).
			expect(figures.rows).toHaveLength(12);
			const bytes = await encodeTable(figures, format, provenance(), LOADERS);
			expect(await readBack(format, bytes, figures)).toEqual(figures.rows);
		}
	);

	it.each(['csv', 'csv-excel'] as ExportFormat[])(
		'%s: DuckDB-WASM reads it back identical with the schema types',
		async (format) => {
			for (const table of [EDGE, figures]) {
				const bytes = await encodeTable(table, format, provenance(), LOADERS);
				expect(await readCsvDuckDb(db, bytes, table)).toEqual(table.rows);
			}
		}
	);

	it('csv-excel starts with the UTF-8 byte-order mark, csv does not', async () => {
		const bom = [0xef, 0xbb, 0xbf];
		const excel = await encodeTable(EDGE, 'csv-excel', provenance(), LOADERS);
		const plain = await encodeTable(EDGE, 'csv', provenance(), LOADERS);
		expect([...excel.slice(0, 3)]).toEqual(bom);
		expect([...plain.slice(0, 3)]).not.toEqual(bom);
	});

	it('parquet and arrow keep the column types (Utf8, Float64, Int32)', async () => {
		const { tableFromIPC } = await import('apache-arrow');
		const { readParquetTable } = await import('#lib/export/parquet.ts');
		const arrow = tableFromIPC(await encodeTable(EDGE, 'arrow', provenance(), LOADERS));
		const parquet = readParquetTable(
			await loadParquetNode(),
			await encodeTable(EDGE, 'parquet', provenance(), LOADERS)
		);
		for (const t of [arrow, parquet]) {
			expect(t.schema.fields.map((f) => String(f.type))).toEqual(['Utf8', 'Float64', 'Int32']);
		}
	});
});

describe('the bundle', () => {
	it('zips each table, datapackage.json and extras, with a hash per file', async () => {
		const extra = { name: 'reproduce.sql', bytes: new TextEncoder().encode('SELECT 1;\n') };
		const files = await exportFiles([figures, EDGE], 'csv', provenance(), LOADERS, {
			name: 'test',
			extras: [extra]
		});
		const unzipped = unzipSync(zipFiles(files));
		expect(Object.keys(unzipped).sort()).toEqual(
			['datapackage.json', 'edge.csv', 'figures.csv', 'reproduce.sql'].sort()
		);
		const pkg = JSON.parse(strFromU8(unzipped['datapackage.json']!));
		for (const resource of pkg.resources) {
			expect(resource.hash).toBe(`sha256:${await sha256Hex(unzipped[resource.path]!)}`);
		}
		expect(pkg.adoption_gap.reproduce).toEqual([
			{ path: 'reproduce.sql', sha256: await sha256Hex(extra.bytes) }
		]);
		expect(
			pkg.resources[0].schema.fields.find((f: { name: string }) => f.name === 'estimate')
		).toMatchObject({ type: 'number', unit: 'proportion (0–1)' });
		expect(pkg.adoption_gap).toMatchObject({
			filters: { states: ['CA'] },
			data_version: 'abcdef012345',
			inputs: [{ name: 'survey.csv', sha256: 'ab'.repeat(32) }],
			mode: 'research',
			sql: [{ text: 'SELECT 1', params: [] }],
			cite: { text: 'Adoption Gap 0.1.0.', bibtex: '@misc{x}' },
			exported_at: '2026-11-22T12:00:00.000Z'
		});
		// The fixture's figures: a census survey, Wilson intervals at 95% (tests/fixtures/cli).
		expect(pkg.adoption_gap.interval.levels).toEqual([0.95]);
		expect(pkg.sources.map((s: { title: string }) => s.title)).toContain('survey.csv');
	});
});

import { createHash } from 'node:crypto';
import { mkdtempSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { strFromU8, unzipSync } from 'fflate';
import Papa from 'papaparse';
import { beforeAll, describe, expect, it } from 'vitest';
import { generateDemoData } from '#lib/demo/generate.ts';
import { EXPORT_FORMATS } from '#lib/export/bundle.ts';
import { figureTable } from '#lib/export/table.ts';
import { main } from '../../../src/cli/main.ts';
import { readBack } from '../export/read-back.ts';

async function run(args: string[]) {
	const out: string[] = [];
	const err: string[] = [];
	const code = await main(args, { stdout: (t) => out.push(t), stderr: (t) => err.push(t) });
	return { code, stdout: out.join(''), stderr: err.join('') };
}

const SURVEY = 'tests/fixtures/cli/survey.csv';
/** The fixture's hash, computed independently of the app (node:crypto on the file's bytes). */
const SURVEY_SHA256 = createHash('sha256').update(readFileSync(SURVEY)).digest('hex');

async function metricsJson(extra: string[] = []) {
	const { code, stdout, stderr } = await run(['metrics', '--survey', SURVEY, ...extra]);
	expect(code, stderr).toBe(0);
	return JSON.parse(stdout);
}

describe('adoption-gap export', () => {
	const args = ['--survey', SURVEY, '--mode', 'research', '--state', 'CA'];
	let expected: ReturnType<typeof figureTable>;
	beforeAll(async () => {
		expected = figureTable((await metricsJson(args)).figures.rows, 'figures');
	});

	it.each(EXPORT_FORMATS)(
		'%s: writes a zip whose table reads back as the metrics rows, with its sidecar',
		async (format) => {
			const dir = mkdtempSync(join(tmpdir(), 'ag-export-'));
			const out = join(dir, 'bundle.zip');
			const { code, stdout, stderr } = await run([
				'export',
				...args,
				'--format',
				format,
				'--out',
				out
			]);
			expect(code, stderr).toBe(0);
			expect(stdout).toBe(`wrote ${out}\n`);
			const files = unzipSync(readFileSync(out));
			const pkg = JSON.parse(strFromU8(files['datapackage.json']!));
			const resource = pkg.resources[0];
			expect(await readBack(format, files[resource.path]!, expected)).toEqual(expected.rows);
			expect(pkg.adoption_gap.inputs).toEqual([
				{ name: 'survey.csv', table: 'survey_responses', sha256: SURVEY_SHA256 }
			]);
			expect(pkg.adoption_gap.filters.states).toEqual(['CA']);
			expect(pkg.adoption_gap.cite.text).toContain(pkg.adoption_gap.data_version);
			expect(pkg.adoption_gap.sql.length).toBeGreaterThan(0);
		}
	);

	it('writes the files into a folder when --out is not a .zip', async () => {
		const dir = join(mkdtempSync(join(tmpdir(), 'ag-export-')), 'out');
		const { code } = await run(['export', '--survey', SURVEY, '--format', 'parquet', '--out', dir]);
		expect(code).toBe(0);
		expect(readdirSync(dir).sort()).toEqual([
			'datapackage.json',
			'districts.csv',
			'figures.parquet',
			'reproduce.sql',
			'survey_responses.csv',
			'usage_aggregate.csv'
		]);
	});

	it('rejects an unknown format with a one-line message', async () => {
		const { code, stderr } = await run(['export', '--survey', SURVEY, '--format', 'xml']);
		expect(code).toBe(2);
		expect(stderr).toMatch(/--format must be one of csv, csv-excel, xlsx, parquet, json, arrow/);
	});
});

type AggregateRow = Record<'unit_type' | 'unit_id' | 'product_id' | 'school_year_start', string> &
	Record<string, string>;

/**
 * Reference district dosage rates, worked directly from the aggregate CSV after domain-spec §4.1
 * (independent of the app's SQL): school rows roll up to their district (first 7 digits), a
 * district row counts only when the product has no school rows there, units breaking
 * D ≤ A ≤ L or listed twice are left out; rate = Σ dosage_met / Σ licensed (no unit is
 * unevaluable in aggregates).
 */
function referenceRates(rows: readonly AggregateRow[], year: string): Map<string, number> {
	const inYear = rows.filter((r) => r.school_year_start === year);
	const key = (r: AggregateRow) => `${r.unit_type} ${r.unit_id} ${r.product_id}`;
	const seen = new Map<string, number>();
	for (const r of inYear) seen.set(key(r), (seen.get(key(r)) ?? 0) + 1);
	const hasSchools = new Set(
		inYear
			.filter((r) => r.unit_type === 'school')
			.map((r) => `${r.unit_id.slice(0, 7)} ${r.product_id}`)
	);
	const sums = new Map<string, { met: number; base: number }>();
	for (const r of inYear) {
		const leaid = r.unit_type === 'school' ? r.unit_id.slice(0, 7) : r.unit_id;
		if (r.unit_type === 'district' && hasSchools.has(`${leaid} ${r.product_id}`)) continue;
		const [l, a, d] = [r.licensed_n, r.activated_n, r.dosage_met_n].map(Number);
		if (seen.get(key(r))! > 1 || d! > a! || a! > l! || Math.min(l!, a!, d!) < 0) continue;
		const k = `${r.product_id} ${leaid}`;
		const s = sums.get(k) ?? { met: 0, base: 0 };
		sums.set(k, { met: s.met + d!, base: s.base + l! });
	}
	return new Map([...sums].map(([k, s]) => [k, s.met / s.base]));
}

describe('adoption-gap export: the district-level table', () => {
	it('holds each district’s dosage rate per product, as worked from the aggregate CSV', async () => {
		const dir = mkdtempSync(join(tmpdir(), 'ag-districts-'));
		const demo = await generateDemoData();
		const text = (t: string) => demo.files.find((f) => f.table === t)!.text;
		for (const t of ['districts', 'usage_aggregate', 'products']) {
			writeFileSync(join(dir, `${t}.csv`), text(t));
		}
		const out = join(dir, 'bundle');
		const { code, stderr } = await run([
			'export',
			...['--districts', 'districts', '--usage', 'usage_aggregate', '--products', 'products'].map(
				(a) => (a.startsWith('--') ? a : join(dir, `${a}.csv`))
			),
			...['--format', 'json', '--out', out]
		]);
		expect(code, stderr).toBe(0);
		const pkg = JSON.parse(readFileSync(join(out, 'datapackage.json'), 'utf8'));
		const resource = pkg.resources.find((r: { name: string }) => r.name === 'district-rates');
		const table = JSON.parse(readFileSync(join(out, resource.path), 'utf8')) as {
			product_id: string;
			leaid: string;
			dosage_rate_access: number | null;
		}[];
		const year = JSON.parse(readFileSync(join(out, 'figures.json'), 'utf8')).find(
			(f: { dataset: string }) => f.dataset === 'usage'
		).period;
		const aggregates = Papa.parse<AggregateRow>(text('usage_aggregate'), {
			header: true,
			skipEmptyLines: true
		}).data;
		const expected = referenceRates(aggregates, year);
		expect(new Set(table.map((r) => `${r.product_id} ${r.leaid}`))).toEqual(
			new Set(expected.keys())
		);
		const shown = table.filter((r) => r.dosage_rate_access !== null);
		// Public mode (the demo data's only mode) codes and hides small districts' rates; the
		// rates it shows are exact (about 84% of them in the demo data).
		expect(shown.length).toBeGreaterThan(table.length * 0.75);
		for (const r of shown) {
			const key = `${r.product_id} ${r.leaid}`;
			expect(Math.abs(r.dosage_rate_access! - expected.get(key)!), key).toBeLessThanOrEqual(1e-9);
		}
	});
});

describe('adoption-gap metrics provenance', () => {
	it('gives the input hashes, data version, SQL, interval, suppression and citation', async () => {
		const report = await metricsJson();
		const p = report.provenance;
		expect(p.inputs).toEqual([
			{ name: 'survey.csv', table: 'survey_responses', sha256: SURVEY_SHA256 }
		]);
		// The demo manifest's formula: sha256 over "name sha256\n" lines, first 12 hex digits.
		const listing = `survey.csv ${SURVEY_SHA256}\n`;
		expect(p.data_version).toBe(createHash('sha256').update(listing).digest('hex').slice(0, 12));
		expect(p.sql.every((q: { text: string }) => typeof q.text === 'string')).toBe(true);
		expect(p.sql.some((q: { text: string }) => /survey_responses/.test(q.text))).toBe(true);
		expect(p.interval.levels).toEqual([0.95]);
		expect(p.mode).toBe('public');
		expect(p.suppression.profile).toBe('default');
		expect(p.suppression.hidden).toEqual(
			report.figures.rows
				.filter((r: { status: string }) => r.status === 'suppressed' || r.status === 'coarsened')
				.map((r: { group: string }) =>
					expect.objectContaining({ key: expect.objectContaining({ group: r.group }) })
				)
		);
		expect(p.cite.bibtex).toMatch(/^@misc\{adoptiongap-/);
		expect(p.app_version).toBe(report.generator.split(' ')[1]);
	});
});

describe('adoption-gap metrics: hashes of mapped inputs', () => {
	it('lists a --mapping input with the SHA-256 of its bytes', async () => {
		const path = 'tests/fixtures/workspace/survey-export.csv';
		const mapping = 'tests/fixtures/workspace/survey-export.mapping.json';
		const { code, stdout, stderr } = await run(['metrics', '--survey', path, '--mapping', mapping]);
		expect(code, stderr).toBe(0);
		// Expected: node:crypto over the file's bytes, independent of the app's Web Crypto hash.
		const sha256 = createHash('sha256').update(readFileSync(path)).digest('hex');
		expect(JSON.parse(stdout).provenance.inputs).toEqual([
			{ name: 'survey-export.csv', table: 'survey_responses', sha256 }
		]);
	});
});

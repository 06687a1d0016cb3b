import { createHash } from 'node:crypto';
import { mkdtempSync, readFileSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { strFromU8, unzipSync } from 'fflate';
import { beforeAll, describe, expect, it } from 'vitest';
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

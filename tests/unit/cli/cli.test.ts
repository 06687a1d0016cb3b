import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { main } from '../../../src/cli/main.ts';
import { APP_VERSION } from '#lib/version.ts';

async function run(args: string[]) {
	const out: string[] = [];
	const err: string[] = [];
	const code = await main(args, { stdout: (t) => out.push(t), stderr: (t) => err.push(t) });
	return { code, stdout: out.join(''), stderr: err.join('') };
}

const FIXTURES = 'tests/fixtures/cli';

describe('adoption-gap command line', () => {
	it('documents every option with an example (--help)', async () => {
		const { code, stdout } = await run(['--help']);
		expect(code).toBe(0);
		expect(stdout).toMatchSnapshot();
	});

	it.each([
		[['metrics', '--nope'], /Unknown option '--nope'/],
		[['metrics', '--format', 'xml', '--survey', 'x.csv'], /--format must be one of json, csv/],
		[['metrics', '--year', '24', '--survey', 'x.csv'], /four-digit fall year/],
		[['metrics', '--locale', 'urban', '--survey', 'x.csv'], /--locale must be one of city/],
		[['metrics'], /give at least --survey or --usage/],
		[['frobnicate'], /unknown command "frobnicate"/]
	])('exits 2 with a one-line message for %j', async (args, message) => {
		const { code, stderr } = await run(args);
		expect(code).toBe(2);
		expect(stderr).toMatch(message);
		expect(stderr.trim().split('\n')).toHaveLength(1);
	});

	it('exits 1 naming the file when a file cannot be read', async () => {
		const { code, stderr } = await run(['metrics', '--survey', 'no/such/file.csv']);
		expect(code).toBe(1);
		expect(stderr).toMatch(/cannot read no\/such\/file\.csv: ENOENT/);
	});

	it('exits 1 naming the file and line when a value does not fit its column', async () => {
		const dir = mkdtempSync(join(tmpdir(), 'ag-cli-'));
		const bad = join(dir, 'bad survey.csv');
		const good = readFileSync(join(FIXTURES, 'survey.csv'), 'utf8').split('\n');
		writeFileSync(bad, [good[0], good[1]!.replace(/,1,0,answered/, ',yes,0,answered')].join('\n'));
		const { code, stderr } = await run(['metrics', '--survey', bad]);
		expect(code).toBe(1);
		expect(stderr).toMatch(/bad survey\.csv: .*trained_teachers_ai/s);
	});

	it('computes the training figures of a census fixture (expected values in the fixture README)', async () => {
		const { code, stdout } = await run([
			'metrics',
			'--survey',
			join(FIXTURES, 'survey.csv'),
			'--mode',
			'research'
		]);
		expect(code).toBe(0);
		const report = JSON.parse(stdout);
		expect(report.generator).toBe(`adoption-gap ${APP_VERSION}`);
		const rows = report.figures.rows as {
			group: string;
			estimate: number;
			n: string;
			mode: string;
		}[];
		const byGroup = Object.fromEntries(rows.map((r) => [r.group, r]));
		expect(byGroup.low?.estimate).toBeCloseTo(0.75, 12);
		expect(byGroup.high?.estimate).toBeCloseTo(0.25, 12);
		expect(byGroup.all?.estimate).toBeCloseTo(0.5, 12);
		expect(byGroup.all?.n).toBe('8');
		expect(rows.every((r) => r.mode === 'research')).toBe(true);
	});

	it('writes CSV to --out with the provenance of every input', async () => {
		const dir = mkdtempSync(join(tmpdir(), 'ag-cli-'));
		const out = join(dir, 'figures.csv');
		const { code } = await run([
			'metrics',
			'--survey',
			join(FIXTURES, 'survey.csv'),
			'--format',
			'csv',
			'--out',
			out
		]);
		expect(code).toBe(0);
		const [header, ...lines] = readFileSync(out, 'utf8').trim().split('\n');
		expect(header).toBe(
			'dataset,metric,period,product_id,scheme,group,estimate,lo,hi,level,n,n_eff,method,flags,status,note,mode'
		);
		expect(lines).toHaveLength(3);
	});

	it('keeps APP_VERSION equal to package.json', () => {
		expect(JSON.parse(readFileSync('package.json', 'utf8')).version).toBe(APP_VERSION);
	});
});

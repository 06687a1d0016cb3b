import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { main } from '../../../src/cli/main.ts';
import { generateDemoData } from '#lib/demo/generate.ts';
import { METRICS } from '#lib/metrics/registry.ts';
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
		[['metrics', '--state', 'ZZ', '--survey', 'x.csv'], /--state must be a USPS state code/],
		[
			['metrics', '--poverty-level', 'bogus', '--survey', 'x.csv'],
			/--poverty-level must be one of Q1, Q2, Q3, Q4, not "bogus"/
		],
		[['metrics', '--profile', 'ohio', '--survey', 'x.csv'], /--profile must be one of default/],
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
			metric: string;
			group: string;
			estimate: number;
			n: string;
			mode: string;
		}[];
		const rate = rows.filter((r) => r.metric === 'ai-training-rate');
		const byGroup = Object.fromEntries(rate.map((r) => [r.group, r]));
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
			'dataset,metric,period,product_id,scheme,group,estimate,lo,hi,level,n,n_eff,method,flags,item_missing_rate,status,note,mode'
		);
		// Three groups of each of the four registered survey metrics.
		expect(lines).toHaveLength(3 * 4);
	});

	it('computes every registered metric whose inputs are given, named by its registry id', async () => {
		const { code, stdout } = await run([
			'metrics',
			'--survey',
			join(FIXTURES, 'survey.csv'),
			...USAGE,
			'--mode',
			'research'
		]);
		expect(code).toBe(0);
		const report = JSON.parse(stdout);
		const coverage = report.metrics as { id: string; computed: boolean; figures: string[] }[];
		expect(coverage.map((m) => m.id)).toEqual(METRICS.map((m) => m.id));
		const computed = coverage.filter((m) => m.computed);
		expect(computed.map((m) => m.id)).toEqual([
			'ai-training-rate',
			'ai-training-rate-students',
			'ai-training-planned',
			'ai-training-projected',
			'usage-funnel-aggregates'
		]);
		const rows = report.figures.rows as Row[];
		const named = new Set(computed.flatMap((m) => m.figures));
		expect(rows.every((r) => named.has(r.metric))).toBe(true);
		const value = (metric: string, group: string) =>
			rows.find((r) => r.metric === metric && r.group === group)?.estimate ?? null;
		// Hand-worked in tests/fixtures/cli/README.md.
		expect([value('ai-training-planned', 'low'), value('ai-training-planned', 'all')]).toEqual([
			0.25, 0.25
		]);
		expect(value('ai-training-projected', 'low')).toBeCloseTo(1, 12);
		expect(value('ai-training-projected', 'high')).toBeCloseTo(0.5, 12);
		expect(value('ai-training-projected', 'all')).toBeCloseTo(0.75, 12);
		expect(value('ai-training-rate-students', 'all')).toBeCloseTo(0.5, 12);
	});

	it('keeps APP_VERSION equal to package.json', () => {
		expect(JSON.parse(readFileSync('package.json', 'utf8')).version).toBe(APP_VERSION);
	});
});

const USAGE = [
	'--usage',
	join(FIXTURES, 'usage_aggregate.csv'),
	'--districts',
	join(FIXTURES, 'districts.csv'),
	'--products',
	join(FIXTURES, 'products.csv')
];

interface Row {
	metric: string;
	group: string;
	estimate: number | null;
	n: string;
	status: string;
	note: string;
	mode: string;
}

/** metric → group → [estimate, n, status, note] of a run on the usage fixture. */
async function usageTable(...args: string[]) {
	const { code, stdout, stderr } = await run(['metrics', ...USAGE, ...args]);
	expect(code, stderr).toBe(0);
	const rows = JSON.parse(stdout).figures.rows as Row[];
	const table: Record<string, Record<string, [number | null, string, string, string]>> = {};
	for (const r of rows) (table[r.metric] ??= {})[r.group] = [r.estimate, r.n, r.status, r.note];
	return { rows, table };
}

const close = (value: number | null, expected: number) => expect(value).toBeCloseTo(expected, 12);

describe('adoption-gap metrics on the usage fixture (hand-worked in tests/fixtures/cli/README.md)', () => {
	it('publishes the funnel by SAIPE quartile with minimum n, complement, bands and coding', async () => {
		const { table } = await usageTable();
		close(table.access_rate!.Q1![0], 0.75);
		expect(table.access_rate!.Q1![1]).toBe('100–299');
		// Q3 and Q4 split the block {0100003, 0600001}: withheld even where n ≥ 10 (access Q4).
		expect(table.access_rate!.Q4).toEqual([null, '*', 'suppressed', '*']);
		expect(table.access_rate!.Q3).toEqual([null, '*', 'suppressed', '*']);
		close(table.access_rate!.all![0], 276 / 362);
		expect(table.access_rate!.all![1]).toBe('300+');
		for (const rate of ['activation_rate', 'regular_rate', 'dosage_rate_access']) {
			expect(table[rate]!.Q4, rate).toEqual([null, 'n<10', 'suppressed', 'n<10']);
			expect(table[rate]!.Q3, rate).toEqual([null, '*', 'suppressed', '*']);
		}
		close(table.activation_rate!.all![0], 203 / 276);
		close(table.regular_rate!.Q2![0], 0.375);
		expect(table.dosage_rate_access!.Q2).toEqual([null, '40–99', 'coarsened', '≤5%']);
		close(table.dosage_rate_access!.all![0], 34 / 276);
	});

	it('applies --locale as a district filter, withholding what splits a block of small districts', async () => {
		const { table } = await usageTable('--locale', 'city');
		expect(table.access_rate!.Q2).toEqual([null, '0', 'not_applicable', 'zero_denominator']);
		for (const rate of ['access_rate', 'activation_rate', 'dosage_rate_access']) {
			expect(table[rate]!.all, rate).toEqual([null, '*', 'suppressed', '*']);
		}
		expect(table.access_rate!.Q4).toEqual([null, '*', 'suppressed', '*']);
		close(table.access_rate!.Q1![0], 0.75);
		close(table.activation_rate!.Q1![0], 0.8);
	});

	it('applies --poverty-level as a district filter, so "all" covers the kept levels only', async () => {
		const { table } = await usageTable('--poverty-level', 'Q1', '--poverty-level', 'Q2');
		close(table.access_rate!.all![0], 230 / 300);
		close(table.activation_rate!.all![0], 180 / 230);
		close(table.dosage_rate_access!.all![0], 31 / 230);
		expect(table.dosage_rate_access!.Q2![3]).toBe('≤5%');
		expect(table.activation_rate!.Q4![2]).toBe('not_applicable');
	});

	it('refuses a filter that leaves out fewer than 10 students (release guard), exit 1', async () => {
		const { code, stderr } = await run(['metrics', ...USAGE, '--state', 'AL']);
		expect(code).toBe(1);
		expect(stderr).toMatch(/leaves out fewer than 10 students/);
		expect(stderr.trim().split('\n')).toHaveLength(1);
	});

	it('keeps a known --product and rejects an unknown one with exit 2', async () => {
		const { rows } = await usageTable('--product', 'p-tutor');
		expect(rows).toHaveLength(4 * 5);
		const { code, stderr } = await run(['metrics', ...USAGE, '--product', 'p-nope']);
		expect(code).toBe(2);
		expect(stderr).toMatch(/--product "p-nope" is not in the loaded products or usage files/);
	});

	it('uses the --profile: Delaware hides groups of 15 or fewer and codes below 5%', async () => {
		const { rows, table } = await usageTable('--profile', 'delaware');
		expect(table.access_rate!.Q4).toEqual([null, 'n<16', 'suppressed', 'n<16']);
		expect(table.access_rate!.Q3![3]).toBe('*');
		expect(table.dosage_rate_access!.Q2![3]).toBe('<5%');
		expect(rows.every((r) => r.mode === 'public')).toBe(true);
	});

	it('shows exact values and counts in research mode', async () => {
		const { rows, table } = await usageTable('--mode', 'research');
		expect(table.activation_rate!.Q4).toEqual([0.5, '6', 'shown', '']);
		close(table.dosage_rate_access!.Q2![0], 1 / 80);
		expect(rows.every((r) => r.mode === 'research')).toBe(true);
	});

	it('refuses research mode on the demo data with exit 2', async () => {
		const dir = mkdtempSync(join(tmpdir(), 'ag-cli-'));
		const demoProducts = (await generateDemoData()).files.find((f) => f.name === 'products.csv')!;
		writeFileSync(join(dir, 'products.csv'), demoProducts.text);
		const args = [...USAGE.slice(0, 4), '--products', join(dir, 'products.csv')];
		const { code, stderr } = await run(['metrics', ...args, '--mode', 'research']);
		expect(code).toBe(2);
		expect(stderr).toMatch(/--mode research is only for data you loaded yourself/);
		expect(stderr.trim().split('\n')).toHaveLength(1);
	});

	it('restricts survey waves to --year', async () => {
		const survey = ['--survey', join(FIXTURES, 'survey.csv')];
		const { stdout } = await run(['metrics', ...survey, '--year', '2024']);
		expect(JSON.parse(stdout).figures.rows).toHaveLength(3 * 4);
		const { code, stdout: none } = await run(['metrics', ...survey, '--year', '2023']);
		expect(code).toBe(0);
		expect(JSON.parse(none).figures.rows).toEqual([]);
	});
});

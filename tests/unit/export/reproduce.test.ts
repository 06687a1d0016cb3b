import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { sql } from '#lib/db/sql.ts';
import { generateDemoData } from '#lib/demo/generate.ts';
import { inlineParams } from '#lib/export/sql-script.ts';
import type { FigureRow } from '#lib/report/figure-row.ts';
import { main } from '../../../src/cli/main.ts';
import { runScript } from './run-script.ts';

const AGGREGATE_INPUTS = {
	'--survey': 'survey_responses',
	'--districts': 'districts',
	'--usage': 'usage_aggregate',
	'--products': 'products'
} as const;
const LOG_INPUTS = {
	...AGGREGATE_INPUTS,
	'--usage': 'usage_student_week',
	'--roster': 'usage_roster'
} as const;

let inputDir: string;
beforeAll(async () => {
	inputDir = mkdtempSync(join(tmpdir(), 'ag-reproduce-'));
	// A final blank line makes each file a copy of the demo data, not the published files, so
	// research mode (exact counts, which the script's n is checked against) is allowed.
	for (const file of (await generateDemoData()).files) {
		writeFileSync(join(inputDir, `${file.table}.csv`), `${file.text}\n`);
	}
});

/** `adoption-gap export` into a folder; returns the folder. */
async function exportBundle(
	filters: string[],
	files: Record<string, string> = AGGREGATE_INPUTS
): Promise<string> {
	const out = join(mkdtempSync(join(tmpdir(), 'ag-bundle-')), 'bundle');
	const inputs = Object.entries(files).flatMap(([flag, t]) => [flag, join(inputDir, `${t}.csv`)]);
	let log = '';
	const args = ['export', ...inputs, ...filters, '--mode', 'research', '--format', 'json'];
	const code = await main([...args, '--out', out], {
		stdout: (t) => (log += t),
		stderr: (t) => (log += t)
	});
	if (code !== 0) throw new Error(log);
	return out;
}

type ScriptRow = {
	dataset: string;
	metric: string;
	period: string;
	product_id: string;
	group: string;
	estimate: number | null;
	n: number | null;
};

/** Runs the bundle folder's reproduce.sql on a fresh engine holding only its CSVs. */
async function runFolderScript(bundle: string): Promise<ScriptRow[]> {
	const names = readdirSync(bundle).filter((f) => f.endsWith('.csv') || f === 'reproduce.sql');
	const files = Object.fromEntries(names.map((f) => [f, readFileSync(join(bundle, f))]));
	return (await runScript(files)) as ScriptRow[];
}

describe('"copy as SQL": the script rebuilds the exported point estimates and counts', () => {
	it.each([
		['no filter', [], AGGREGATE_INPUTS],
		[
			'three states and towns',
			['--state', 'TX', '--state', 'OH', '--state', 'GA', '--locale', 'town'],
			AGGREGATE_INPUTS
		],
		['student-week logs (through the units the app derived)', [], LOG_INPUTS]
	])('%s', async (_, filters, inputs) => {
		const bundle = await exportBundle(filters as string[], inputs);
		const fromLogs = inputs === LOG_INPUTS;
		expect(readdirSync(bundle).includes('usage_units.csv')).toBe(fromLogs);
		if (fromLogs) {
			expect(readFileSync(join(bundle, 'reproduce.sql'), 'utf8')).toMatch(/usage_units\.csv holds/);
		}
		const figures = JSON.parse(readFileSync(join(bundle, 'figures.json'), 'utf8')) as FigureRow[];
		const script = await runFolderScript(bundle);
		const shown = figures.filter((f) => f.estimate !== null);
		expect(shown.some((f) => f.dataset === 'usage')).toBe(true);
		expect(shown.some((f) => f.dataset === 'demo-asdp')).toBe(true);
		for (const f of shown) {
			const key = `${f.dataset} ${f.metric} ${f.period} ${f.product_id} ${f.group}`;
			const row = script.find(
				(r) =>
					r.dataset === f.dataset &&
					r.metric === f.metric &&
					r.period === f.period &&
					r.product_id === f.product_id &&
					r.group === f.group
			);
			expect(row, key).toBeDefined();
			expect(Math.abs(row!.estimate! - f.estimate!), key).toBeLessThanOrEqual(1e-9);
			expect(row!.n, key).toBe(Number(f.n));
		}
	});
});

describe('inlineParams', () => {
	it('replaces placeholders outside quotes and comments with escaped literals (worked by hand)', () => {
		const q = sql`SELECT '?' AS "a?", ${"it's"} AS b, ${2.5} AS c, ${null} AS d -- why?
FROM t WHERE x = ${true}`;
		expect(inlineParams(q)).toBe(
			`SELECT '?' AS "a?", 'it''s' AS b, 2.5 AS c, NULL AS d -- why?\nFROM t WHERE x = TRUE`
		);
	});
});

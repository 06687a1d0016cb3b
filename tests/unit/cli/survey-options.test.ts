import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { main } from '../../../src/cli/main.ts';

/**
 * Every survey outcome is a metric of its own, and `--interval` reaches the survey figures. Expected values: fx-strat in
 * tests/fixtures/survey/README.md (A2 = 25/133) and R's svyciprop(method = "beta") bounds in
 * tests/reference/survey-reference.json.
 */
const reference = JSON.parse(
	readFileSync(new URL('../../reference/survey-reference.json', import.meta.url), 'utf8')
) as {
	cases: {
		survey_id: string;
		wave: string;
		outcome: string;
		weighting: string;
		grouping: string;
		overall: { kg_lo: number; kg_hi: number };
	}[];
};

/** fx-strat, fall 2024 alone, as a canonical survey file. */
function fxStrat(): string {
	const lines = readFileSync('tests/fixtures/survey/survey_responses.csv', 'utf8').split('\n');
	const file = join(mkdtempSync(join(tmpdir(), 'ag-cli-')), 'fx-strat.csv');
	writeFileSync(
		file,
		[lines[0], ...lines.filter((l) => l.startsWith('fx-strat,fall 2024,'))].join('\n')
	);
	return file;
}

async function overall(args: string[], metric = 'ai-training-rate') {
	let stdout = '';
	const code = await main(['metrics', '--survey', fxStrat(), '--mode', 'research', ...args], {
		stdout: (t) => (stdout += t),
		stderr: (t) => (stdout += t)
	});
	expect(code, stdout).toBe(0);
	const rows = JSON.parse(stdout).figures.rows as Record<string, string | number | null>[];
	return rows.find((r) => r.group === 'all' && r.metric === metric)!;
}

describe('adoption-gap metrics: survey options', () => {
	it('gives A2 (25/133) under its own metric id', async () => {
		const row = await overall([], 'ai-training-planned');
		expect(row.estimate).toBeCloseTo(25 / 133, 12);
	});

	it('--interval korn-graubard gives R svyciprop(method = "beta") bounds', async () => {
		const r = reference.cases.find(
			(c) =>
				c.survey_id === 'fx-strat' &&
				c.wave === 'fall 2024' &&
				c.outcome === 'trained' &&
				c.weighting === 'district' &&
				c.grouping === 'poverty_source'
		)!;
		const row = await overall(['--interval', 'korn-graubard']);
		expect(row.method).toBe('taylor; korn-graubard; district-weighted');
		expect(row.lo).toBeCloseTo(r.overall.kg_lo, 6);
		expect(row.hi).toBeCloseTo(r.overall.kg_hi, 6);
	});

	it.each([[['--interval', 'wald'], /--interval must be one of wilson, korn-graubard/]])(
		'rejects %j with a one-line message',
		async (args, message) => {
			let stderr = '';
			const code = await main(['metrics', '--survey', 'x.csv', ...args], {
				stdout: () => {},
				stderr: (t) => (stderr += t)
			});
			expect(code).toBe(2);
			expect(stderr).toMatch(message);
		}
	);
});

import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '#lib/db/database.ts';
import { trainingChange } from '#lib/metrics/survey/training-change.ts';
import { demoCsv } from '../../helpers/demo-data.ts';
import { createSchemaDatabase, loadCsv } from '../../helpers/schema-db.ts';

/** Expected values from tests/reference/survey.R (R's survey package); see the test titles. */
interface RCase {
	survey_id: string;
	wave: string;
	outcome: string;
	weighting: string;
	grouping: string;
	overall: { estimate: number; se: number };
}
const reference = JSON.parse(
	readFileSync(new URL('../../reference/survey-reference.json', import.meta.url), 'utf8')
) as {
	r_version: string;
	survey_version: string;
	cases: RCase[];
	change_fx_strat: { estimate: number; se: number };
	linked_changes: {
		survey_id: string;
		overall: { estimate: number; se: number };
		groups: { group: string; estimate: number; se: number }[];
	}[];
};
const read = (path: string) => readFileSync(new URL(path, import.meta.url), 'utf8');

let db: Database;
beforeAll(async () => {
	db = await createSchemaDatabase();
	await loadCsv(db, 'survey_responses', read('../../fixtures/survey/survey_responses.csv'));
	await loadCsv(
		db,
		'survey_replicate_weights',
		read('../../fixtures/survey/survey_replicate_weights.csv')
	);
	await loadCsv(db, 'survey_responses', await demoCsv('survey_responses'));
});
afterAll(() => db.close());

const BASE = {
	outcome: 'trained',
	weighting: 'district',
	scheme: 'survey',
	groupBy: 'poverty',
	fromWave: 'fall 2023',
	toWave: 'fall 2024'
} as const;
const SETTINGS = { level: 0.95, intervalMethod: 'wilson' } as const;

describe(`trainingChange (R ${reference.r_version}, survey ${reference.survey_version})`, () => {
	it('panel-linked waves: stacked-design variance equals svyby + svycontrast', async () => {
		const result = await trainingChange(db, { ...BASE, surveyId: 'fx-strat' }, SETTINGS);
		expect(result.linked).toBe(true);
		expect(result.overall.change).toBeNull();
		expect(result.overall.change_design?.estimate).toBeCloseTo(
			reference.change_fx_strat.estimate,
			9
		);
		expect(result.overall.change_design?.se).toBeCloseTo(reference.change_fx_strat.se, 6);
		expect(result).toMatchObject({
			scheme: 'survey',
			scheme_label: "The survey's own poverty levels",
			level: 0.95,
			interval_method: 'design',
			variance_method: { from: 'taylor', to: 'taylor' }
		});
	});

	it('independent waves: Var = Var_2023 + Var_2024 (each from R svymean) and a Newcombe interval', async () => {
		const result = await trainingChange(db, { ...BASE, surveyId: 'demo-asdp' }, SETTINGS);
		const overall = (wave: string) =>
			reference.cases.find(
				(c) =>
					c.survey_id === 'demo-asdp' &&
					c.wave === wave &&
					c.outcome === 'trained' &&
					c.weighting === 'district'
			)?.overall;
		const [a, b] = [overall('fall 2023'), overall('fall 2024')];
		if (!a || !b) throw new Error('demo cases missing from the R reference');
		expect(result.linked).toBe(false);
		expect(result.interval_method).toBe('newcombe');
		expect(result.overall.change_design?.estimate).toBeCloseTo(b.estimate - a.estimate, 9);
		expect(result.overall.change_design?.se).toBeCloseTo(Math.hypot(a.se, b.se), 6);
		const change = result.overall.change;
		expect(change && change.lo < change.estimate && change.estimate < change.hi).toBe(true);
		expect(result.groups.map((g) => g.group)).toEqual(['high', 'low', 'middle']);
	});

	it.each(reference.linked_changes.map((c) => [c.survey_id, c] as const))(
		'panel-linked %s: overall and every group as R (stacked design, svyby + svycontrast)',
		async (surveyId, r) => {
			const result = await trainingChange(db, { ...BASE, surveyId }, SETTINGS);
			expect(result.linked).toBe(true);
			expect(result.assumes_independence).toBe(false);
			expect(result.interval_method).toBe('design');
			const rows = [{ ...result.overall, group: 'all' }, ...result.groups];
			for (const expected of [{ ...r.overall, group: 'all' }, ...r.groups]) {
				const ours = rows.find((g) => g.group === expected.group)?.change_design;
				expect(ours?.estimate, expected.group).toBeCloseTo(expected.estimate, 9);
				expect(ours?.se, expected.group).toBeCloseTo(expected.se, 6);
			}
		}
	);

	it('fx-jk1p uses the replicate path: overall Δ = 8/11 − 4/11 (README)', async () => {
		const result = await trainingChange(db, { ...BASE, surveyId: 'fx-jk1p' }, SETTINGS);
		expect(result.variance_method).toEqual({ from: 'jk1', to: 'jk1' });
		expect(result.overall.change_design?.estimate).toBeCloseTo(4 / 11, 12);
	});

	it('linked waves without a design (fx-kishp: weights only) are treated as independent and flagged', async () => {
		const result = await trainingChange(db, { ...BASE, surveyId: 'fx-kishp' }, SETTINGS);
		expect(result.linked).toBe(true);
		expect(result.assumes_independence).toBe(true);
		expect(result.interval_method).toBe('newcombe');
		// README fx-kishp: overall 3/6 → 4/6; Var = Var_from + Var_to (Kish, each p(1−p)/n_eff)
		const o = result.overall;
		expect(o.change_design?.estimate).toBeCloseTo(1 / 6, 12);
		const kish = (p: number) => (p * (1 - p)) / (36 / 10);
		expect(o.change_design?.se).toBeCloseTo(Math.sqrt(kish(3 / 6) + kish(4 / 6)), 12);
		expect(o.change?.lo).toBeLessThan(1 / 6);
		expect(o.change?.hi).toBeGreaterThan(1 / 6);
	});
});

import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '#lib/db/database.ts';
import type { GroupEstimateRow } from '#lib/metrics/survey/estimate-rows.ts';
import {
	trainingByPoverty,
	type TrainingByPovertyOptions
} from '#lib/metrics/survey/training-by-poverty.ts';
import { demoCsv } from '../../helpers/demo-data.ts';
import { createSurveyFixtureDatabase, loadCsv } from '../../helpers/schema-db.ts';

/**
 * Compares the app's SQL + TypeScript estimators with R's survey package on every fixture case of
 * tests/reference/survey-reference.json (written by tests/reference/survey.R) and on the generated
 * demo survey: estimates to
 * 1e-9, standard errors and Korn–Graubard bounds (svyciprop(method = "beta")) to 1e-6.
 */
interface RRow {
	group: string;
	estimate: number;
	se: number;
	n: number;
	kg_lo: number | null;
	kg_hi: number | null;
}
interface RCase {
	survey_id: string;
	wave: string;
	outcome: 'trained' | 'planned' | 'projected';
	weighting: 'district' | 'student';
	grouping: 'poverty_source' | 'saipe_quartiles' | 'locale';
	groups: RRow[];
	overall: RRow;
	gap_low_high: { estimate: number; se: number } | null;
}
const reference = JSON.parse(
	readFileSync(new URL('../../reference/survey-reference.json', import.meta.url), 'utf8')
) as {
	r_version: string;
	survey_version: string;
	lonely_psu: string;
	demo_csv_md5: string;
	cases: RCase[];
};
const demoSurvey = await demoCsv('survey_responses');

let db: Database;
beforeAll(async () => {
	db = await createSurveyFixtureDatabase();
	// the generated demo survey (static/data after a build), which the R script reads too
	await loadCsv(db, 'survey_responses', demoSurvey);
});
afterAll(() => db.close());

function options(c: RCase): TrainingByPovertyOptions {
	return {
		surveyId: c.survey_id,
		wave: c.wave,
		outcome: c.outcome,
		weighting: c.weighting,
		scheme: c.grouping === 'saipe_quartiles' ? 'saipe-quartiles' : 'survey',
		groupBy: c.grouping === 'locale' ? 'locale' : 'poverty',
		intervalMethod: 'korn-graubard',
		fayRho: 0.5
	};
}

function expectMatches(ours: GroupEstimateRow | undefined, r: RRow) {
	expect(ours, `group ${r.group}`).toBeDefined();
	if (!ours) return;
	expect(ours.estimate_unsuppressed).toBeCloseTo(r.estimate, 9);
	expect(ours.se).toBeCloseTo(r.se, 6);
	expect(ours.n_unweighted).toBe(r.n);
	if (r.kg_lo === null || r.kg_hi === null) {
		// R has no interval (df = 0, or Var = 0); ours falls back only for Var = 0.
		if (!ours.flags.includes('zero_variance')) expect([ours.lo, ours.hi]).toEqual([null, null]);
		return;
	}
	expect(ours.lo).toBeCloseTo(r.kg_lo, 6);
	expect(ours.hi).toBeCloseTo(r.kg_hi, 6);
}

describe(`survey estimators match R ${reference.r_version} survey ${reference.survey_version} (lonely PSU "${reference.lonely_psu}")`, () => {
	it('was computed on the current demo survey (else run npm run reference)', () => {
		expect(createHash('md5').update(demoSurvey).digest('hex')).toBe(reference.demo_csv_md5);
	});

	it.each(
		reference.cases.map(
			(c) => [`${c.survey_id} ${c.wave} ${c.outcome} ${c.weighting} by ${c.grouping}`, c] as const
		)
	)('%s', async (_, c) => {
		const result = await trainingByPoverty(db, options(c));
		const answered = result.groups.filter((g) => g.n_unweighted > 0);
		expect(answered.map((g) => g.group).sort()).toEqual(c.groups.map((g) => g.group).sort());
		for (const r of c.groups)
			expectMatches(
				result.groups.find((g) => g.group === r.group),
				r
			);
		expectMatches(result.overall, c.overall);
		if (c.gap_low_high) {
			expect(result.gap?.difference_design?.estimate).toBeCloseTo(c.gap_low_high.estimate, 9);
			expect(result.gap?.difference_design?.se).toBeCloseTo(c.gap_low_high.se, 6);
		}
	});
});

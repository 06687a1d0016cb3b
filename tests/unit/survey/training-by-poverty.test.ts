import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '#lib/db/database.ts';
import { trainingByPoverty } from '#lib/metrics/survey/training-by-poverty.ts';
import { createSurveyFixtureDatabase, loadCsv } from '../../helpers/schema-db.ts';

/** Expected values are hand-worked in tests/fixtures/survey/README.md, except where noted. */
const reference = JSON.parse(
	readFileSync(new URL('../../reference/survey-reference.json', import.meta.url), 'utf8')
) as {
	r_version: string;
	wilson_fx_srs: { group: string; lo: number; hi: number }[];
	no_design: {
		survey_id: string;
		overall: NoDesignRow;
		groups: NoDesignRow[];
	}[];
	vanishing_domain: {
		estimate: number;
		r_se_dropping: number;
		replicate_estimates: (number | null)[];
	};
};
interface NoDesignRow {
	group: string;
	estimate: number;
	kish_n: number;
	n: number;
}

let db: Database;
beforeAll(async () => {
	db = await createSurveyFixtureDatabase();
});
afterAll(() => db.close());

const STRAT = { surveyId: 'fx-strat', wave: 'fall 2024' } as const;

describe('trainingByPoverty — stratified cluster fixture (fx-strat)', () => {
	it('weights districts by survey weight and linearises with the lonely-PSU "adjust" rule', async () => {
		const result = await trainingByPoverty(db, STRAT);
		const low = result.groups.find((g) => g.group === 'low');
		expect(low?.estimate_unsuppressed).toBeCloseTo(0.8, 12);
		expect(low?.se).toBeCloseTo(Math.sqrt(184 / 5625), 12);
		expect(result.variance_method).toBe('taylor');
		expect(result.scheme_label).toBe("The survey's own poverty levels");
	});

	it('orders groups by level, keeps unknown last and in the overall', async () => {
		const result = await trainingByPoverty(db, STRAT);
		expect(result.groups.map((g) => g.group)).toEqual(['high', 'low', 'middle', 'unknown']);
		expect(result.overall.estimate_unsuppressed).toBeCloseTo(88 / 141, 12);
		expect(result.overall.n_unweighted).toBe(10);
	});

	it('excludes item non-response and reports its weighted share', async () => {
		const result = await trainingByPoverty(db, STRAT);
		const high = result.groups.find((g) => g.group === 'high');
		expect(high?.estimate_unsuppressed).toBeCloseTo(5 / 23, 12);
		expect(high?.item_missing_rate).toBeCloseTo(35 / 58, 12);
		expect(high?.n_item_missing).toBe(2);
		expect(result.overall.item_missing_rate).toBeCloseTo(47 / 188, 12);
	});

	it('excludes unknown poverty from the gap and counts it', async () => {
		const { gap } = await trainingByPoverty(db, STRAT);
		expect(gap?.n_unknown_excluded).toBe(1);
		expect(gap?.difference?.estimate).toBeCloseTo(0.8 - 5 / 23, 12);
		expect(gap?.ratio?.estimate).toBeCloseTo(5 / 23 / 0.8, 12);
	});

	it('gives the Newcombe difference, Katz ratio and Woolf odds ratio on the design n_eff*', async () => {
		const { gap } = await trainingByPoverty(db, STRAT);
		// README "Gap, low − high": n_eff* low 225/46, high 4761/1580, worked to 6 decimals
		expect(gap?.difference?.lo).toBeCloseTo(-0.079848, 6);
		expect(gap?.difference?.hi).toBeCloseTo(0.832801, 6);
		expect(gap?.ratio?.lo).toBeCloseTo(0.030484, 6);
		expect(gap?.ratio?.hi).toBeCloseTo(2.422318, 6);
		expect(gap?.odds_ratio?.estimate).toBeCloseTo(5 / 72, 12);
		expect(gap?.odds_ratio?.lo).toBeCloseTo(0.002052, 6);
		expect(gap?.odds_ratio?.hi).toBeCloseTo(2.349924, 6);
	});

	it('names the scheme, level, methods and both groups’ n and n_eff on the gap', async () => {
		const { gap } = await trainingByPoverty(db, { ...STRAT, level: 0.9 });
		expect(gap).toMatchObject({
			scheme: 'survey',
			scheme_label: "The survey's own poverty levels",
			level: 0.9,
			methods: {
				difference: 'newcombe',
				difference_design: 'taylor',
				ratio: 'katz-log',
				odds_ratio: 'woolf-log'
			},
			n_unweighted: { low: 4, high: 3 }
		});
		// README: n_eff* low 225/46, high 4761/1580
		expect(gap?.n_eff.low).toBeCloseTo(225 / 46, 9);
		expect(gap?.n_eff.high).toBeCloseTo(4761 / 1580, 9);
	});

	it('flags p̂ = 1 as zero variance and falls back to the Kish n_eff', async () => {
		const result = await trainingByPoverty(db, STRAT);
		const unknown = result.groups.find((g) => g.group === 'unknown');
		expect(unknown?.flags).toContain('zero_variance');
		expect(unknown?.n_eff).toBe(1);
		expect(unknown?.estimate).toBeNull();
		expect(unknown?.reliability).toBe('unreliable');
	});

	it('reports a group whose only respondent did not answer as no data', async () => {
		const result = await trainingByPoverty(db, { ...STRAT, groupBy: 'locale' });
		const town = result.groups.find((g) => g.group === 'town');
		expect(town?.estimate_unsuppressed).toBeNull();
		expect(town?.flags).toEqual(['no_data', 'unreliable']);
		expect(result.gap).toBeNull();
	});

	it('A3 (projected) equals A1 + A2 on the A2 base: 88/133 + 25/133', async () => {
		const planned = await trainingByPoverty(db, { ...STRAT, outcome: 'planned' });
		const projected = await trainingByPoverty(db, { ...STRAT, outcome: 'projected' });
		expect(planned.overall.estimate_unsuppressed).toBeCloseTo(25 / 133, 12);
		expect(projected.overall.estimate_unsuppressed).toBeCloseTo(113 / 133, 12);
		expect(projected.projected).toBe(true);
	});

	it('classifies respondents by SAIPE quartile through their LEAID and stores the cutpoints', async () => {
		const result = await trainingByPoverty(db, { ...STRAT, scheme: 'saipe-quartiles' });
		expect(result.groups.map((g) => [g.group, g.n_unweighted])).toEqual([
			['Q1', 3],
			['Q2', 1],
			['Q3', 1],
			['Q4', 2],
			['unknown', 3]
		]);
		expect(result.cutpoints.map((c) => c.cutpoint)).toEqual([0.2, 0.3, 0.5]);
		expect([result.gap?.low_group, result.gap?.high_group]).toEqual(['Q1', 'Q4']);
		expect(result.scheme_label).toContain('SAIPE');
	});
});

describe('trainingByPoverty — without a design', () => {
	it('uses the Kish n_eff for a weights-only survey (§5.2: n_eff 2.909, CI [0.0741, 0.8182])', async () => {
		const result = await trainingByPoverty(db, { surveyId: 'fx-kish', wave: 'fall 2024' });
		const { overall } = result;
		expect(overall.estimate_unsuppressed).toBeCloseTo(0.375, 12);
		expect(overall.n_eff).toBeCloseTo(64 / 22, 12);
		expect(overall.lo).toBeCloseTo(0.0741, 4);
		expect(overall.hi).toBeCloseTo(0.8182, 4);
		expect(overall.variance_method).toBe('kish');
		expect(overall.flags).toEqual(['kish_approx', 'unreliable']);
		expect(overall.estimate).toBeNull();
	});

	it(`flags an unweighted survey and gives plain Wilson intervals (R ${reference.r_version} prop.test)`, async () => {
		const result = await trainingByPoverty(db, { surveyId: 'fx-srs', wave: 'fall 2024' });
		expect(result.unweighted).toBe(true);
		expect(result.variance_method).toBe('srs');
		for (const r of reference.wilson_fx_srs) {
			const ours = result.groups.find((g) => g.group === r.group);
			expect(ours?.lo).toBeCloseTo(r.lo, 9);
			expect(ours?.hi).toBeCloseTo(r.hi, 9);
			expect(ours?.flags).toContain('unweighted');
		}
	});
});

describe('trainingByPoverty — replicate weights, low-poverty group (README, hand-worked)', () => {
	it('JK1: SE √(3/4 · Σ (p̂_r − 2/3)²) = 0.332916', async () => {
		const result = await trainingByPoverty(db, { surveyId: 'fx-jk1', wave: 'fall 2024' });
		const low = result.groups.find((g) => g.group === 'low');
		expect(low?.estimate_unsuppressed).toBeCloseTo(2 / 3, 12);
		expect(low?.se).toBeCloseTo(0.332916, 6);
		expect(result.variance_method).toBe('jk1');
	});

	it('BRR: replicates 1/3, 3/7, 1, 1 around 5/7, Var = 43/441', async () => {
		const result = await trainingByPoverty(db, { surveyId: 'fx-brr', wave: 'fall 2024' });
		const low = result.groups.find((g) => g.group === 'low');
		expect(low?.estimate_unsuppressed).toBeCloseTo(5 / 7, 12);
		expect(low?.se).toBeCloseTo(Math.sqrt(43 / 441), 12);
	});

	it('Fay ρ = 0.5: replicates 7/13, 4/7, 6/7, 13/15, c = 1, Var = 176914/1863225', async () => {
		const result = await trainingByPoverty(db, {
			surveyId: 'fx-fay',
			wave: 'fall 2024',
			fayRho: 0.5
		});
		const low = result.groups.find((g) => g.group === 'low');
		expect(low?.se).toBeCloseTo(Math.sqrt(176914 / 1863225), 12);
		expect(result.variance_method).toBe('fay');
	});

	it('a domain with no weight in a replicate (fx-jk1v) has no variance and no interval', async () => {
		// R (survey.R, vanishing_domain) drops the 0/0 replicate with a warning and reports
		// SE 0 for a group that lies in one PSU; the app reports no SE instead of a false 0.
		const r = reference.vanishing_domain;
		expect(r.replicate_estimates[0]).toBeNull();
		expect(r.r_se_dropping).toBe(0);
		const result = await trainingByPoverty(db, { surveyId: 'fx-jk1v', wave: 'fall 2024' });
		const high = result.groups.find((g) => g.group === 'high');
		expect(high?.estimate_unsuppressed).toBeCloseTo(r.estimate, 9);
		expect(high?.se).toBeNull();
		expect([high?.lo, high?.hi, high?.n_eff]).toEqual([null, null, null]);
		expect(high?.reliability).toBe('unreliable');
	});
});

describe(`trainingByPoverty — without a design, against R ${reference.r_version} svymean`, () => {
	it.each(reference.no_design.map((c) => [c.survey_id, c] as const))(
		'%s: estimates and Kish n_eff by group and overall',
		async (surveyId, c) => {
			const result = await trainingByPoverty(db, { surveyId, wave: 'fall 2024' });
			const rows = [{ ...result.overall, group: 'all' }, ...result.groups];
			for (const r of [c.overall, ...c.groups]) {
				const ours = rows.find((g) => g.group === r.group);
				expect(ours?.estimate_unsuppressed, r.group).toBeCloseTo(r.estimate, 9);
				expect(ours?.n_unweighted, r.group).toBe(r.n);
				if (surveyId === 'fx-kish') {
					expect(ours?.n_eff, r.group).toBeCloseTo(r.kish_n, 9);
					// Kish variance p(1−p)/n_eff (§5.2)
					expect(ours?.se, r.group).toBeCloseTo(
						Math.sqrt((r.estimate * (1 - r.estimate)) / r.kish_n),
						9
					);
				}
			}
		}
	);
});

describe('trainingByPoverty — errors', () => {
	it('reads Fay ρ from the replicate weights (ratios 0.5 and 1.5 → ρ = 0.5, README fx-fay)', async () => {
		const inferred = await trainingByPoverty(db, { surveyId: 'fx-fay', wave: 'fall 2024' });
		const low = inferred.groups.find((g) => g.group === 'low');
		expect(low?.se).toBeCloseTo(Math.sqrt(176914 / 1863225), 12);
	});

	it('requires Fay ρ when the replicate weights do not show it (ratios 0.5 and 1.4)', async () => {
		const header = readFileSync(
			new URL('../../fixtures/survey/survey_responses.csv', import.meta.url),
			'utf8'
		).split('\n')[0];
		await loadCsv(
			db,
			'survey_responses',
			[
				header,
				'fx-fayx,fall 2024,2024,,x1,,10,s1,P1,Fay,,1,,answered,low,',
				'fx-fayx,fall 2024,2024,,x2,,10,s1,P2,Fay,,0,,answered,low,'
			].join('\n')
		);
		await loadCsv(
			db,
			'survey_replicate_weights',
			[
				'survey_id,survey_wave,respondent_id,replicate,weight',
				'fx-fayx,fall 2024,x1,1,5',
				'fx-fayx,fall 2024,x1,2,14',
				'fx-fayx,fall 2024,x2,1,14',
				'fx-fayx,fall 2024,x2,2,5'
			].join('\n')
		);
		await expect(trainingByPoverty(db, { surveyId: 'fx-fayx', wave: 'fall 2024' })).rejects.toThrow(
			'invalid Fay rho: null (set fayRho)'
		);
		const given = await trainingByPoverty(db, {
			surveyId: 'fx-fayx',
			wave: 'fall 2024',
			fayRho: 0.5
		});
		expect(given.variance_method).toBe('fay');
	});

	it('rejects an unknown survey wave', async () => {
		await expect(trainingByPoverty(db, { surveyId: 'nope', wave: 'fall 2024' })).rejects.toThrow(
			'no survey responses: nope fall 2024'
		);
	});
});

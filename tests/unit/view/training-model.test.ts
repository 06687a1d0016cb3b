import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '#lib/db/database.ts';
import { disclosurePolicy } from '#lib/disclosure/disclose-view.ts';
import { trainingByPoverty } from '#lib/metrics/survey/training-by-poverty.ts';
import { RAND_GROUPS_LABEL } from '#lib/poverty/schemes.ts';
import { loadCatalog } from '#lib/view/catalog.ts';
import { valueOf } from '#lib/view/display.ts';
import { surveyBundle } from '#lib/view/survey-view.ts';
import { randReferences, trainingModel } from '#lib/view/training-model.ts';
import { DEFAULT_VIEW_STATE, type ViewState } from '#lib/view/view-state.ts';
import { surveyFigures } from '#lib/report/survey-figures.ts';
import { changeMethodNote, gapTable } from '../../../src/routes/_dashboard/training-tables.ts';
import { demoCsv } from '../../helpers/demo-data.ts';
import { createSurveyFixtureDatabase, loadCsv } from '../../helpers/schema-db.ts';

/** R's `survey` package values (tests/reference/survey.R → survey-reference.json). */
const reference = JSON.parse(
	readFileSync(new URL('../../reference/survey-reference.json', import.meta.url), 'utf8')
) as { change_fx_strat: { estimate: number; se: number } };
/** R: qnorm(0.975). */
const Z = 1.959963984540054;

let db: Database;
beforeAll(async () => {
	db = await createSurveyFixtureDatabase();
	await loadCsv(db, 'survey_responses', await demoCsv('survey_responses'));
});
afterAll(() => db.close());

/** The training model of a fixture survey as the dashboard builds it (research mode: n is tiny). */
async function model(surveyId: string, patch: Partial<ViewState> = {}, research = true) {
	const catalog = await loadCatalog(db, {
		dataVersion: 'test',
		origin: 'user_loaded',
		hasLogs: false,
		surveyId
	});
	const state = { ...DEFAULT_VIEW_STATE, ...patch };
	const bundle = await surveyBundle(db, state, catalog);
	if (!bundle) throw new Error(`no survey ${surveyId}`);
	return trainingModel(catalog, bundle, state, disclosurePolicy('user_loaded', research));
}

describe('trainingModel: change between panel-linked waves', () => {
	it('shows the design interval of the difference (R svycontrast) when the waves are linked', async () => {
		const m = await model('fx-strat', { wave: 'fall 2024' });
		expect(m.change?.linked).toBe(true);
		expect(m.change?.assumesIndependence).toBe(false);
		const overall = m.change?.rows.find((r) => r.group === 'all');
		const { estimate, se } = reference.change_fx_strat;
		expect(valueOf(overall!.change)).toBeCloseTo(estimate, 9);
		expect(valueOf(overall!.lo)).toBeCloseTo(estimate - Z * se, 6);
		expect(valueOf(overall!.hi)).toBeCloseTo(estimate + Z * se, 6);
		expect(changeMethodNote(m.change!)).toMatch(/linked by a panel identifier/);
	});

	it('keeps Newcombe and says so for unlinked waves', async () => {
		const m = await model('fx-strat', { wave: 'fall 2024' });
		const unlinked = { ...m.change!, linked: false, assumesIndependence: false };
		expect(changeMethodNote(unlinked)).toMatch(/independent samples.*Newcombe/);
	});
});

describe("trainingModel: RAND's reference marks (domain-spec §2.1, §3.4)", () => {
	const rand = [
		{ group: 'low', value: 0.67 },
		{ group: 'middle', value: 0.42 },
		{ group: 'high', value: 0.39 }
	];

	it("are drawn on the survey's own low/middle/high axis, district-weighted, same wave", async () => {
		const m = await model('fx-strat', { wave: 'fall 2024', scheme: 'survey' });
		expect(m.references).toEqual(rand);
		expect(m.referenceLabel).toBe(RAND_GROUPS_LABEL);
		expect(RAND_GROUPS_LABEL).toBe("RAND's groups (definition not published)");
	});

	it.each([
		['a scheme the app classifies (SAIPE quartiles)', { scheme: 'saipe-quartiles' as const }],
		['student weighting (A1-S)', { weighting: 'student' as const }],
		['another wave (fall 2023)', { wave: 'fall 2023' }],
		['the locale grouping', { groupBy: 'locale' as const }]
	])('are absent under %s', async (_, patch) => {
		const m = await model('fx-strat', { wave: 'fall 2024', scheme: 'survey', ...patch });
		expect(m.references).toEqual([]);
	});

	it('are absent when the survey’s own variable is not three-level (fx-srs: low/high only)', async () => {
		const m = await model('fx-srs', { wave: 'fall 2024', scheme: 'survey' });
		expect(m.rows.map((r) => r.group).sort()).toEqual(['high', 'low']);
		expect(m.references).toEqual([]);
	});

	it('are absent for another outcome (A2 planned)', async () => {
		const base = { surveyId: 'fx-strat', wave: 'fall 2024', scheme: 'survey' as const };
		expect(randReferences(await trainingByPoverty(db, base))).toEqual(rand);
		const planned = await trainingByPoverty(db, { ...base, outcome: 'planned' });
		expect(randReferences(planned)).toEqual([]);
	});
});

describe('trainingModel: the gap (domain-spec §3.3, §5.5)', () => {
	it('carries the Newcombe difference, rate ratio and, in research mode, the odds ratio', async () => {
		// tests/fixtures/survey/README.md, "Gap, low − high" (fx-strat, fall 2024)
		const { gap, gapGroups } = await model('fx-strat', { wave: 'fall 2024' });
		expect(valueOf(gap.estimate)).toBeCloseTo(0.8 - 5 / 23, 12);
		expect(valueOf(gap.lo)).toBeCloseTo(-0.079848, 6);
		expect(valueOf(gap.hi)).toBeCloseTo(0.832801, 6);
		expect(valueOf(gap.ratio.estimate)).toBeCloseTo(25 / 92, 12);
		expect(valueOf(gap.ratio.lo)).toBeCloseTo(0.030484, 6);
		expect(valueOf(gap.oddsRatio!.estimate)).toBeCloseTo(5 / 72, 12);
		expect(valueOf(gap.oddsRatio!.hi)).toBeCloseTo(2.349924, 6);
		expect(gapGroups).toEqual({ low: 'Low-poverty districts', high: 'High-poverty districts' });
	});

	it('flags the gap with the worse flag of its two groups: ‡ on fx-strat (n = 4 and 3)', async () => {
		const m = await model('fx-strat', { wave: 'fall 2024' });
		expect(m.gap.reliability).toBe('unreliable');
		const table = gapTable(m)!;
		expect(table.rows.map((r) => [r.key, r.cells.value, r.cells.reliability])).toEqual([
			['difference', '58 points (95% CI -8 to 83 points)', '‡ Reporting standard not met'],
			['ratio', '0.27 (95% CI 0.030 to 2.42)', '‡ Reporting standard not met'],
			['odds_ratio', '0.069 (95% CI 0.0021 to 2.35)', '‡ Reporting standard not met']
		]);
		expect(table.notes).toContain(
			'1 responding district of unknown poverty level is excluded from the gap.'
		);
	});

	it('flags ! on the demo, whose low-poverty group has n_eff* ≈ 52 (< 100: caution, §5.5)', async () => {
		const m = await model('demo-asdp', { wave: 'fall 2024' }, false);
		expect(m.rows.find((r) => r.group === 'low')?.reliability).toBe('caution');
		expect(m.gap.reliability).toBe('caution');
		// public mode: no odds ratio
		expect(m.gap.oddsRatio).toBeNull();
		expect(gapTable(m)!.rows.map((r) => r.key)).toEqual(['difference', 'ratio']);
	});

	it('has no gap table under the locale grouping', async () => {
		const m = await model('fx-strat', { wave: 'fall 2024', groupBy: 'locale' });
		expect(m.gapGroups).toBeNull();
		expect(gapTable(m)).toBeNull();
	});
});

describe('trainingModel: exclusions reach the reader', () => {
	it('states the weighted item non-response and the unknown-poverty count left out', async () => {
		// README fx-strat: item_missing_rate overall 47/188 = 25%, high 35/58; r10 unknown
		const m = await model('fx-strat', { wave: 'fall 2024' });
		expect(m.notes).toContain(
			"25% of responses (weighted) were “don't know” or skipped; they are left out of every rate, and each group's share is in the table."
		);
		expect(m.notes).toContain(
			'1 responding district of unknown poverty level counts in the overall rate but is excluded from the gap.'
		);
		expect(m.excludedUnknown).toBe(1);
		expect(m.rows.find((r) => r.group === 'high')?.item_missing_rate).toBeCloseTo(35 / 58, 12);
	});

	it('publishes each group’s item non-response share in the figure rows (CLI, exports)', async () => {
		const result = await trainingByPoverty(db, { surveyId: 'fx-strat', wave: 'fall 2024' });
		const rows = surveyFigures(result, 'user_loaded');
		expect(rows.find((r) => r.group === 'high')?.item_missing_rate).toBeCloseTo(35 / 58, 12);
		expect(rows.find((r) => r.group === 'all')?.item_missing_rate).toBeCloseTo(47 / 188, 12);
	});
});

describe('trainingModel: the CEP badge of FRPL schemes (domain-spec §2.3)', () => {
	it('counts responding districts flagged or suspected and their share of enrollment', async () => {
		// fixture README: D8 (free lunch 600 of 600 → suspected) is r02 (enrollment 2000); D10
		// (cep_flag true) is r11 (50); fx-strat fall 2024 has 13 respondents, enrollment 8550.
		for (const scheme of ['frpl-nces4', 'frpl-nces3'] as const) {
			const t = await trainingByPoverty(db, { surveyId: 'fx-strat', wave: 'fall 2024', scheme });
			expect(t.cep?.n_respondents).toBe(13);
			expect(t.cep?.n_cep).toBe(2);
			expect(t.cep?.enrollment_share).toBeCloseTo(2050 / 8550, 12);
		}
		const m = await model('fx-strat', { wave: 'fall 2024', scheme: 'frpl-nces4' });
		expect(m.cepBadge).toBe(
			'2 of 13 responding districts (24% of their enrollment) serve all students free meals under the Community Eligibility Provision, so their FRPL share overstates poverty and their level may be too high.'
		);
	});

	it('is absent outside the FRPL schemes', async () => {
		const t = await trainingByPoverty(db, {
			surveyId: 'fx-strat',
			wave: 'fall 2024',
			scheme: 'saipe-quartiles'
		});
		expect(t.cep).toBeNull();
		expect((await model('fx-strat', { wave: 'fall 2024' })).cepBadge).toBeNull();
	});
});

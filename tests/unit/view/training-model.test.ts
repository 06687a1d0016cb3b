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
import { changeMethodNote } from '../../../src/routes/_dashboard/training-tables.ts';
import { createSchemaDatabase, loadCsv } from '../../helpers/schema-db.ts';

/** R's `survey` package values (tests/reference/survey.R → survey-reference.json). */
const reference = JSON.parse(
	readFileSync(new URL('../../reference/survey-reference.json', import.meta.url), 'utf8')
) as { change_fx_strat: { estimate: number; se: number } };
/** R: qnorm(0.975). */
const Z = 1.959963984540054;

const fixture = (name: string) =>
	readFileSync(new URL(`../../fixtures/survey/${name}`, import.meta.url), 'utf8');

let db: Database;
beforeAll(async () => {
	db = await createSchemaDatabase();
	await loadCsv(db, 'districts', fixture('districts.csv'));
	await loadCsv(db, 'survey_responses', fixture('survey_responses.csv'));
	await loadCsv(db, 'survey_replicate_weights', fixture('survey_replicate_weights.csv'));
});
afterAll(() => db.close());

/** The training model of a fixture survey as the dashboard builds it (research mode: n is tiny). */
async function model(surveyId: string, patch: Partial<ViewState> = {}) {
	const catalog = await loadCatalog(db, {
		dataVersion: 'test',
		origin: 'user_loaded',
		hasLogs: false,
		surveyId
	});
	const state = { ...DEFAULT_VIEW_STATE, ...patch };
	const bundle = await surveyBundle(db, state, catalog);
	if (!bundle) throw new Error(`no survey ${surveyId}`);
	return trainingModel(catalog, bundle, state, disclosurePolicy('user_loaded', true));
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

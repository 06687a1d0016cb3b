import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '#lib/db/database.ts';
import { aiTrainingRate } from '#lib/metrics/survey/ai-training-rate.ts';
import { aiTrainingRateStudents } from '#lib/metrics/survey/ai-training-rate-students.ts';
import type { SurveyRateRow } from '#lib/metrics/survey/rate-query.ts';
import { createSchemaDatabase, loadCsv } from '../../helpers/schema-db.ts';

/** Hand-worked in tests/fixtures/survey/README.md (fx-strat, fall 2024). */
let db: Database;
beforeAll(async () => {
	db = await createSchemaDatabase();
	const csv = readFileSync(
		new URL('../../fixtures/survey/survey_responses.csv', import.meta.url),
		'utf8'
	);
	await loadCsv(db, 'survey_responses', csv);
});
afterAll(() => db.close());

const PARAMS = {
	surveyId: 'fx-strat',
	wave: 'fall 2024',
	outcome: 'trained',
	weighting: 'district',
	scheme: 'survey',
	groupBy: 'poverty'
} as const;

describe('ai-training-rate', () => {
	it('gives the weighted share per group and overall, with item non-response', async () => {
		const rows = await db.query<SurveyRateRow>(aiTrainingRate.query(PARAMS));
		const by = Object.fromEntries(rows.map((r) => [r.group, r]));
		expect(Object.keys(by)).toEqual(['high', 'low', 'middle', 'unknown', 'all']);
		expect(by.low?.estimate).toBeCloseTo(0.8, 12);
		expect(by.middle?.estimate).toBeCloseTo(15 / 35, 12);
		expect(by.middle?.item_missing_rate).toBeCloseTo(12 / 47, 12);
		expect(by.all?.estimate).toBeCloseTo(88 / 141, 12);
		expect(by.all?.n_unweighted).toBe(10);
		expect(new Set(rows.map((r) => r.scheme))).toEqual(new Set(['survey']));
	});
});

describe('ai-training-rate-students', () => {
	it('weights by survey weight × enrollment: low = 12500 / 18500', async () => {
		const rows = await db.query<SurveyRateRow>(aiTrainingRateStudents.query(PARAMS));
		const low = rows.find((r) => r.group === 'low');
		expect(low?.estimate).toBeCloseTo(12500 / 18500, 12);
	});
});

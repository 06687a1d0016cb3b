import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '#lib/db/database.ts';
import { RAND_FALL_2024_BY_POVERTY } from '#lib/metrics/survey/published.ts';
import { trainingByPoverty } from '#lib/metrics/survey/training-by-poverty.ts';
import { demoCsv } from '../../helpers/demo-data.ts';
import { createSchemaDatabase, loadCsv } from '../../helpers/schema-db.ts';

/**
 * The generated demo survey (`demo-asdp`, generated in memory with the published seed) must reproduce RAND's
 * published fall 2024 pattern (67% / 42% / 39% of low / middle / high-poverty districts had
 * trained teachers, domain-spec §3.4 R3–R5) within its own 95% intervals, through the real metric
 * code. The benchmarks come from `published.ts`, not from this test.
 */
let db: Database;
beforeAll(async () => {
	db = await createSchemaDatabase();
	await loadCsv(db, 'survey_responses', await demoCsv('survey_responses'));
});
afterAll(() => db.close());

describe('demo survey (demo-asdp)', () => {
	it('reproduces RAND fall 2024 by poverty level within its own 95% Wilson intervals', async () => {
		const result = await trainingByPoverty(db, { surveyId: 'demo-asdp', wave: 'fall 2024' });
		expect(result.variance_method).toBe('taylor');
		for (const benchmark of RAND_FALL_2024_BY_POVERTY) {
			const row = result.groups.find((g) => g.group === benchmark.group_value);
			expect(row?.lo, benchmark.group_value).toBeLessThanOrEqual(benchmark.value);
			expect(row?.hi, benchmark.group_value).toBeGreaterThanOrEqual(benchmark.value);
		}
	});

	it("shows a low-vs-high gap whose interval excludes zero and covers RAND's 28 points", async () => {
		const { gap } = await trainingByPoverty(db, { surveyId: 'demo-asdp', wave: 'fall 2024' });
		expect(gap?.difference?.lo).toBeGreaterThan(0);
		expect(gap?.difference?.lo).toBeLessThanOrEqual(0.28);
		expect(gap?.difference?.hi).toBeGreaterThanOrEqual(0.28);
	});
});

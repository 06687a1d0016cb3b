import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '#lib/db/database.ts';
import { identifier, sql } from '#lib/db/sql.ts';
import { generateDemoData } from '#lib/demo/generate.ts';
import { loadDemoDatabase, one } from './demo-db.ts';

let db: Database;
beforeAll(async () => {
	db = await loadDemoDatabase(await generateDemoData());
});
afterAll(() => db?.close());

/**
 * RAND ASDP figures the demo survey must reproduce (domain-spec §3.4): R1 23% (fall 2023), R2 48%,
 * R3–R5 67/42/39% by poverty level (fall 2024; S1 via S58/S59) and R6 26% planning first-time
 * training (S1 via S59), on the full base of answering districts.
 */
const TARGETS = [
	{ wave: 'fall 2023', level: null, item: 'trained_teachers_ai', target: 0.23 },
	{ wave: 'fall 2024', level: null, item: 'trained_teachers_ai', target: 0.48 },
	{ wave: 'fall 2024', level: 'low', item: 'trained_teachers_ai', target: 0.67 },
	{ wave: 'fall 2024', level: 'middle', item: 'trained_teachers_ai', target: 0.42 },
	{ wave: 'fall 2024', level: 'high', item: 'trained_teachers_ai', target: 0.39 },
	{ wave: 'fall 2024', level: null, item: 'plans_train_ai_this_year', target: 0.26 }
] as const;

describe('demo national survey (demo-asdp)', () => {
	it.each(TARGETS)(
		'$item in $wave ($level) is within 1.96 Kish standard errors of $target',
		async ({ wave, level, item, target }) => {
			// Weighted share over answering districts; SE from the Kish effective n of the same rows.
			const column = identifier(item);
			const rows = await db.query<{ p: number; n: number; n_eff: number }>(
				sql`SELECT sum(weight * ${column}) / sum(weight) AS p, count(*) AS n,
					sum(weight) ^ 2 / sum(weight ^ 2) AS n_eff
				FROM survey_responses
				WHERE survey_id = 'demo-asdp' AND survey_wave = ${wave} AND ${column} IS NOT NULL
					AND (${level}::VARCHAR IS NULL OR poverty_level_source = ${level})`
			);
			const r = rows[0]!;
			const se = Math.sqrt((r.p * (1 - r.p)) / r.n_eff);
			expect(r.n).toBeGreaterThanOrEqual(30);
			expect(se).toBeGreaterThan(0);
			expect(Math.abs(r.p - target)).toBeLessThanOrEqual(1.96 * se);
		}
	);

	it('has ~200 and ~300 respondents in independent waves, weights that vary and sum to the frame', async () => {
		const rows = await db.query<Record<string, number | string>>(
			`SELECT survey_wave AS wave, school_year_start AS yr, count(*) AS n, min(weight) AS w_min,
				max(weight) AS w_max, sum(weight) AS w_sum, count(panel_id) AS panel,
				count(DISTINCT respondent_id) AS ids, (SELECT count(*) FROM districts) AS frame
			FROM survey_responses WHERE survey_id = 'demo-asdp' GROUP BY ALL ORDER BY wave`
		);
		expect(rows.map((r) => [r.wave, r.yr, r.n, r.ids, r.panel])).toEqual([
			['fall 2023', 2023, 200, 200, 0],
			['fall 2024', 2024, 300, 300, 0]
		]);
		for (const r of rows) {
			expect(r.w_max).toBeGreaterThan(Number(r.w_min) * 1.5);
			// Σ_h n_h · N_h / n_h = N: the weights represent every district of the frame.
			expect(Math.abs(Number(r.w_sum) - Number(r.frame))).toBeLessThan(0.01);
		}
	});

	it('oversamples high-poverty districts: their weights are smaller than low-poverty ones', async () => {
		const r = await one<{ high: number; low: number }>(
			db,
			`SELECT avg(weight) FILTER (WHERE poverty_level_source = 'high') AS high,
				avg(weight) FILTER (WHERE poverty_level_source = 'low') AS low
			FROM survey_responses WHERE survey_id = 'demo-asdp'`
		);
		expect(r.high).toBeLessThan(r.low);
	});

	it('has strata of poverty level × region, each with at least 2 PSUs (districts)', async () => {
		const rows = await db.query<{
			wave: string;
			strata: number;
			smallest: number;
			bad_psu: number;
		}>(
			`WITH s AS (SELECT survey_wave, stratum, count(DISTINCT psu) AS psus,
					count(*) FILTER (WHERE psu <> leaid OR stratum NOT LIKE poverty_level_source || '-%') AS bad
				FROM survey_responses WHERE survey_id = 'demo-asdp' GROUP BY ALL)
			SELECT survey_wave AS wave, count(*) AS strata, min(psus) AS smallest, sum(bad) AS bad_psu
			FROM s GROUP BY ALL ORDER BY wave`
		);
		expect(rows.map((r) => [r.wave, r.strata, r.bad_psu])).toEqual([
			['fall 2023', 12, 0],
			['fall 2024', 12, 0]
		]);
		expect(Math.min(...rows.map((r) => r.smallest))).toBeGreaterThanOrEqual(2);
	});
});

describe('demo survey items', () => {
	it('leave items NULL exactly when not answered, with a few dont_know and skipped', async () => {
		const r = await one<{
			inconsistent: number;
			dont_know: number;
			skipped: number;
			answered: number;
			trained_and_planning: number;
			unknown_districts: number;
		}>(
			db,
			`SELECT count(*) FILTER (WHERE (item_response_status = 'answered') <> (trained_teachers_ai IS NOT NULL)
					OR (item_response_status = 'answered') <> (plans_train_ai_this_year IS NOT NULL)) AS inconsistent,
				count(*) FILTER (WHERE item_response_status = 'dont_know') AS dont_know,
				count(*) FILTER (WHERE item_response_status = 'skipped') AS skipped,
				count(*) FILTER (WHERE item_response_status = 'answered') AS answered,
				count(*) FILTER (WHERE trained_teachers_ai = 1 AND plans_train_ai_this_year = 1) AS trained_and_planning,
				count(*) FILTER (WHERE leaid NOT IN (SELECT leaid FROM districts)) AS unknown_districts
			FROM survey_responses`
		);
		expect(r).toMatchObject({ inconsistent: 0, trained_and_planning: 0, unknown_districts: 0 });
		expect(r.dont_know + r.skipped).toBeGreaterThan(0);
		expect(r.dont_know + r.skipped).toBeLessThan(0.1 * r.answered);
	});
});

describe('demo state census (demo-state-census)', () => {
	it('covers every district of its two states once, with weight 1 and no design variables', async () => {
		const r = await one<Record<string, number>>(
			db,
			`WITH c AS (SELECT * FROM survey_responses WHERE survey_id = 'demo-state-census'),
			states AS (SELECT DISTINCT substr(leaid, 1, 2) AS fips FROM c)
			SELECT (SELECT count(*) FROM states) AS states,
				(SELECT count(*) FROM c) AS respondents,
				(SELECT count(*) FROM districts WHERE state_fips IN (SELECT fips FROM states)) AS districts,
				(SELECT count(DISTINCT leaid) FROM c) AS distinct_leaids,
				(SELECT count(*) FROM c WHERE weight <> 1 OR stratum IS NOT NULL OR psu IS NOT NULL
					OR survey_wave <> 'fall 2024') AS bad`
		);
		expect(r.states).toBe(2);
		expect(r.bad).toBe(0);
		expect(r.respondents).toBe(r.districts);
		expect(r.distinct_leaids).toBe(r.districts);
		expect(r.respondents).toBeGreaterThanOrEqual(20);
	});
});

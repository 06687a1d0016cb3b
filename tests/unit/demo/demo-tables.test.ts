import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '#lib/db/database.ts';
import { generateDemoData, type DemoData } from '#lib/demo/generate.ts';
import { loadDemoDatabase, one } from './demo-db.ts';

let data: DemoData;
let db: Database;
beforeAll(async () => {
	data = await generateDemoData();
	db = await loadDemoDatabase(data);
});
afterAll(() => db?.close());

describe('demo files in the canonical schema', () => {
	it('load through insertCanonicalCsvSql with row counts equal to the manifest', async () => {
		expect(data.manifest.files.map((f) => f.name)).toEqual(data.files.map((f) => f.name));
		for (const file of data.manifest.files) {
			const row = await one<{ n: number }>(db, `SELECT count(*) AS n FROM ${file.table}`);
			expect(row.n, file.name).toBe(file.rows);
			expect(file.rows, file.name).toBeGreaterThan(0);
		}
	});

	it('has about 2,000 districts in all 50 states and DC, with LEAID prefix = state FIPS', async () => {
		const r = await one<{ n: number; ids: number; states: number; bad: number }>(
			db,
			`SELECT count(*) AS n, count(DISTINCT leaid) AS ids, count(DISTINCT state_fips) AS states,
				count(*) FILTER (WHERE NOT regexp_full_match(leaid, '\\d{7}') OR substr(leaid, 1, 2) <> state_fips) AS bad
			FROM districts WHERE school_year_start = 2024`
		);
		expect(r).toEqual({ n: r.ids, ids: r.n, states: 51, bad: 0 });
		expect(r.n).toBeGreaterThanOrEqual(1950);
		expect(r.n).toBeLessThanOrEqual(2050);
	});

	it('gives every district a simulated name, a valid locale and consistent lunch counts', async () => {
		const r = await one<Record<string, number>>(
			db,
			`SELECT
				count(*) FILTER (WHERE NOT lea_name LIKE '% (simulated)') AS unmarked,
				count(*) FILTER (WHERE locale_code NOT IN (11,12,13,21,22,23,31,32,33,41,42,43)) AS bad_locale,
				count(*) FILTER (WHERE frpl_count <> free_lunch_count + reduced_lunch_count
					OR frpl_count > enrollment_total OR saipe_pov_5_17 > saipe_pop_5_17) AS bad_counts,
				count(*) FILTER (WHERE cep_flag AND free_lunch_count <> enrollment_total) AS bad_cep,
				count(*) FILTER (WHERE cep_flag) AS cep,
				count(*) FILTER (WHERE saipe_year <> 2023) AS bad_year
			FROM districts`
		);
		expect(r).toMatchObject({ unmarked: 0, bad_locale: 0, bad_counts: 0, bad_cep: 0, bad_year: 0 });
		expect(r.cep).toBeGreaterThan(0);
	});

	it('runs FRPL shares well above SAIPE poverty rates (FRPL counts up to 185% of the poverty line)', async () => {
		const r = await one<{ frpl: number; saipe: number }>(
			db,
			`SELECT median(frpl_count / enrollment_total) AS frpl,
				median(saipe_pov_5_17 / saipe_pop_5_17) AS saipe FROM districts`
		);
		expect(r.frpl).toBeGreaterThan(2 * r.saipe);
	});

	it('has the three demo products with the rules of the cited studies', async () => {
		const rows = await db.query<Record<string, unknown>>(
			'SELECT product_id, dosage_rule_json, grade_min, grade_max, subject FROM products ORDER BY product_id'
		);
		// Rules as specified for the demo (domain-spec §4.2: S10/S11, S13, S15).
		expect(rows).toEqual([
			{
				product_id: 'demo-adaptive-lessons',
				dosage_rule_json: '{"lessons_completed_per_week_mean": {">=": 5}, "min_eligible_weeks": 4}',
				grade_min: 0,
				grade_max: 5,
				subject: 'math'
			},
			{
				product_id: 'demo-ai-tutor',
				dosage_rule_json: '{"minutes_per_week_mean": {">=": 30}, "min_eligible_weeks": 4}',
				grade_min: 3,
				grade_max: 8,
				subject: 'reading'
			},
			{
				product_id: 'demo-math-practice',
				dosage_rule_json: '{"minutes_per_week_mean": {">=": 30}, "min_eligible_weeks": 4}',
				grade_min: 3,
				grade_max: 8,
				subject: 'math'
			}
		]);
		const names = await db.query<{ n: string }>(
			"SELECT product_name AS n FROM products WHERE product_name NOT LIKE '%(simulated)'"
		);
		expect(names).toEqual([]);
	});

	it('excludes Thanksgiving, two winter-break weeks and spring break for all districts', async () => {
		const rows = await db.query<{ w: string; monday: number; leaid: string | null }>(
			"SELECT strftime(week_start, '%Y-%m-%d') AS w, isodow(week_start) AS monday, leaid FROM calendar_exclusions ORDER BY 1"
		);
		expect(rows.map((r) => r.w)).toEqual(['2024-11-25', '2024-12-23', '2024-12-30', '2025-03-17']);
		expect(rows.every((r) => r.monday === 1 && r.leaid === null)).toBe(true);
	});

	it('publishes RAND R1–R7 and Holt/Horn U1 as proportions', async () => {
		const rows = await db.query<{ metric: string; g: string; wave: string | null; value: number }>(
			`SELECT metric, group_value AS g, survey_wave AS wave, value FROM published_estimates
			ORDER BY survey_wave NULLS LAST, metric, group_value`
		);
		// Figures of domain-spec §3.4 (R1–R7; S1 via S48/S58/S59, S2 via S60) and §4.6 (U1; S8).
		expect(rows).toEqual([
			{ metric: 'trained_or_plans_by_year_end', g: 'all', wave: 'fall 2023', value: 0.6 },
			{ metric: 'trained_teachers_ai', g: 'all', wave: 'fall 2023', value: 0.23 },
			{ metric: 'plans_train_ai_this_year', g: 'all', wave: 'fall 2024', value: 0.26 },
			{ metric: 'trained_teachers_ai', g: 'all', wave: 'fall 2024', value: 0.48 },
			{ metric: 'trained_teachers_ai', g: 'high', wave: 'fall 2024', value: 0.39 },
			{ metric: 'trained_teachers_ai', g: 'low', wave: 'fall 2024', value: 0.67 },
			{ metric: 'trained_teachers_ai', g: 'middle', wave: 'fall 2024', value: 0.42 },
			{ metric: 'dosage_rate_access', g: 'all', wave: null, value: 0.047 }
		]);
	});
});

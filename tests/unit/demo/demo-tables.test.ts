import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '#lib/db/database.ts';
import { generateDemoData, type DemoData } from '#lib/demo/generate.ts';
import { SAIPE_QUANTILE_PROBS } from '#lib/demo/saipe-derivation.ts';
import { SAIPE_2023_PARAMETERS as SAIPE } from '#lib/demo/saipe-parameters.ts';
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

	it('gives each state its Census region', async () => {
		// The Census Bureau's four regions (census.gov, "Census Regions and Divisions of the United
		// States"), written out here independently of src/lib/geo; every other state and DC is South.
		const REGIONS: Record<string, string> = {
			...Object.fromEntries('CT ME MA NH RI VT NJ NY PA'.split(' ').map((s) => [s, 'Northeast'])),
			...Object.fromEntries(
				'IL IN MI OH WI IA KS MN MO NE ND SD'.split(' ').map((s) => [s, 'Midwest'])
			),
			...Object.fromEntries(
				'AZ CO ID MT NV NM UT WY AK CA HI OR WA'.split(' ').map((s) => [s, 'West'])
			)
		};
		const rows = await db.query<{ state: string; region: string }>(
			'SELECT DISTINCT state_abbr AS state, census_region AS region FROM districts ORDER BY 1'
		);
		expect(rows).toHaveLength(51);
		for (const { state, region } of rows) expect(region, state).toBe(REGIONS[state] ?? 'South');
	});

	it('follows the committed SAIPE 2023 quantiles of child poverty (median 13.4%) and of children aged 5-17', async () => {
		const probs = [0.1, 0.3, 0.5, 0.7, 0.9];
		const rows = await db.query<{ rate: number; pop: number }>(
			`WITH q AS (
				SELECT quantile_cont(saipe_pov_5_17 / saipe_pop_5_17, [${probs}]) AS rate,
					quantile_cont(saipe_pop_5_17, [${probs}]) AS pop FROM districts)
			SELECT unnest(rate) AS rate, unnest(pop) AS pop FROM q`
		);
		const knot = (values: readonly number[], p: number) =>
			values[SAIPE_QUANTILE_PROBS.indexOf(p as (typeof SAIPE_QUANTILE_PROBS)[number])]!;
		// The generator draws rates and sizes by rank from these knots, so the quantiles match up
		// to the rounding of counts to whole children and the 0.5% tails it drops: within 1 point
		// of poverty rate and 10% of size (at 2,000 districts, 1 rank is 0.05 percentile points).
		probs.forEach((p, i) => {
			expect(
				Math.abs(rows[i]!.rate - knot(SAIPE.povertyRateQuantiles, p)),
				`rate at ${p}`
			).toBeLessThan(0.01);
			const ratio = rows[i]!.pop / knot(SAIPE.population517Quantiles, p);
			expect(ratio, `children at ${p}`).toBeGreaterThan(1 / 1.1);
			expect(ratio, `children at ${p}`).toBeLessThan(1.1);
		});
		// The national median, 13.4% (PROVENANCE note of the SAIPE file).
		expect(Math.abs(rows[2]!.rate - 0.134)).toBeLessThan(0.005);
	});

	it('flags CEP only in high-poverty districts: identified share ≥ 40% and child poverty at or above SAIPE’s 60th percentile', async () => {
		const r = await one<{
			n: number;
			cep: number;
			min_isp: number;
			min_rate: number;
			min_pct: number;
		}>(
			db,
			`WITH d AS (
				SELECT *, percent_rank() OVER (ORDER BY saipe_pov_5_17 / saipe_pop_5_17) AS pct
				FROM districts)
			SELECT count(*) AS n, count(*) FILTER (WHERE cep_flag) AS cep,
				min(direct_cert_count / enrollment_total) FILTER (WHERE cep_flag) AS min_isp,
				min(saipe_pov_5_17 / saipe_pop_5_17) FILTER (WHERE cep_flag) AS min_rate,
				min(pct) FILTER (WHERE cep_flag) AS min_pct
			FROM d`
		);
		// CEP needs an identified student percentage ≥ 40% (7 CFR 245.9 [S56]); the demo also keeps
		// it to districts at or above SAIPE's 60th percentile of child poverty.
		expect(r.min_isp).toBeGreaterThanOrEqual(0.4);
		expect(r.min_rate).toBeGreaterThanOrEqual(
			SAIPE.povertyRateQuantiles[SAIPE_QUANTILE_PROBS.indexOf(0.6)]!
		);
		expect(r.min_pct).toBeGreaterThanOrEqual(0.6);
		// "Some" districts: between 5% and 25% of the frame.
		expect(r.cep / r.n).toBeGreaterThan(0.05);
		expect(r.cep / r.n).toBeLessThan(0.25);
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

import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '#lib/db/database.ts';
import { ingestFile } from '#lib/ingest/ingest-file.ts';
import { LEARNPLATFORM_DISTRICTS_FULL } from '#lib/ingest/mapping/presets.ts';
import { SHARED_DATA, sharedDataAvailable } from '../../helpers/shared-data.ts';
import { balanced, issuesOf, openDatabase, resetTables } from './ingest-helpers.ts';

const available = sharedDataAvailable();
const read = (path: string) => readFileSync(join(SHARED_DATA, path));

let db: Database;
beforeAll(async () => {
	if (available) db = await openDatabase();
});
afterAll(() => db?.close());

describe.skipIf(!available)('the staged public files load through their presets', () => {
	it('SAIPE 2023: 13,144 districts, 54,737,416 children 5–17, 8,348,289 in poverty', async () => {
		await resetTables(db, 'districts');
		const report = await ingestFile(
			db,
			'saipe_school_districts_2023.csv',
			read('saipe_school_districts_2023.csv')
		);
		expect(issuesOf(report)).toEqual([
			{
				severity: 'notice',
				code: 'columns_ignored',
				message: 'Not loaded (no field mapped to them): "district_id", "est_total_population".'
			},
			{
				severity: 'notice',
				code: 'rows_summary',
				message: '13,144 rows read: 13,144 loaded into districts, 0 rejected.'
			}
		]);
		const [totals] = await db.query<Record<string, number>>(
			'SELECT count(*) AS n, count(DISTINCT leaid) AS leaids, sum(saipe_pop_5_17) AS children, sum(saipe_pov_5_17) AS poor, min(school_year_start) AS sy0, max(school_year_start) AS sy1 FROM districts'
		);
		expect(totals).toEqual({
			n: 13144,
			leaids: 13144,
			children: 54737416,
			poor: 8348289,
			sy0: 2024,
			sy1: 2024
		});
		const [alabaster] = await db.query<Record<string, unknown>>(
			"SELECT lea_name, state_abbr, census_region, saipe_year, saipe_pop_5_17, saipe_pov_5_17, round(100.0 * saipe_pov_5_17 / saipe_pop_5_17, 2) AS pct FROM districts WHERE leaid = '0100190'"
		);
		expect(alabaster).toEqual({
			lea_name: 'Alabaster City School District',
			state_abbr: 'AL',
			census_region: 'South',
			saipe_year: 2023,
			saipe_pop_5_17: 6631,
			saipe_pov_5_17: 702,
			pct: 10.59
		});
	});

	it('LearnPlatform districts_info: ranges parsed, NaN kept as suppressed (daily_touch_districts)', async () => {
		await resetTables(db, 'daily_touch_districts');
		const report = await ingestFile(
			db,
			'districts_info.csv',
			read('learnplatform_2020/districts_info.csv')
		);
		expect([report.rowsRead, report.rowsLoaded, report.rowsRejected]).toEqual([233, 233, 0]);
		expect(report.missing).toEqual([
			{ field: 'state', column: 'state', reason: 'suppressed', count: 57, lines: [104, 105, 106] },
			{
				field: 'locale_group',
				column: 'locale',
				reason: 'suppressed',
				count: 57,
				lines: [104, 105, 106]
			},
			{
				field: 'frpl_interval',
				column: 'pct_free/reduced',
				reason: 'missing',
				count: 28,
				lines: [2, 45, 46]
			},
			{
				field: 'frpl_interval',
				column: 'pct_free/reduced',
				reason: 'suppressed',
				count: 57,
				lines: [104, 105, 106]
			}
		]);
		const bins = await db.query<Record<string, unknown>>(
			'SELECT frpl_interval_lo AS lo, frpl_interval_hi AS hi, count(*) AS n FROM daily_touch_districts GROUP BY ALL ORDER BY lo NULLS LAST'
		);
		expect(bins).toEqual([
			{ lo: 0, hi: 0.2, n: 46 },
			{ lo: 0.2, hi: 0.4, n: 48 },
			{ lo: 0.4, hi: 0.6, n: 37 },
			{ lo: 0.6, hi: 0.8, n: 13 },
			{ lo: 0.8, hi: 1, n: 4 },
			{ lo: null, hi: null, n: 85 }
		]);
	});

	it('LearnPlatform districts_info in full (lp_districts): every range with per-row missing reasons', async () => {
		await resetTables(db, 'lp_districts');
		const report = await ingestFile(
			db,
			'districts_info.csv',
			read('learnplatform_2020/districts_info.csv'),
			{ mapping: LEARNPLATFORM_DISTRICTS_FULL.mapping }
		);
		expect(balanced(report) && report.rowsLoaded).toBe(233);
		const reasons = await db.query<Record<string, unknown>>(
			'SELECT pp_total_raw_missing_reason AS reason, count(*) AS n, count(pp_total_raw_lo) AS with_lo FROM lp_districts GROUP BY ALL ORDER BY reason NULLS FIRST'
		);
		expect(reasons).toEqual([
			{ reason: null, n: 118, with_lo: 118 },
			{ reason: 'missing', n: 58, with_lo: 0 },
			{ reason: 'suppressed', n: 57, with_lo: 0 }
		]);
		const [row] = await db.query<Record<string, unknown>>(
			'SELECT pp_total_raw_lo AS lo, pp_total_raw_hi AS hi FROM lp_districts WHERE pp_total_raw_lo IS NOT NULL ORDER BY lo LIMIT 1'
		);
		expect(row).toEqual({ lo: 4000, hi: 6000 });
	});

	it('LearnPlatform products_info into products', async () => {
		await resetTables(db, 'products');
		const report = await ingestFile(
			db,
			'products_info.csv',
			read('learnplatform_2020/products_info.csv')
		);
		expect([report.rowsRead, report.rowsLoaded, report.rowsRejected]).toEqual([372, 372, 0]);
		const [first] = await db.query<Record<string, unknown>>(
			"SELECT product_name, vendor FROM products WHERE product_id = '61517'"
		);
		expect(first).toEqual({ product_name: '¡Avancemos!', vendor: 'Houghton Mifflin Harcourt' });
	});

	it('LearnPlatform engagement .csv.gz into daily_touch, matching the derived summary for district 2872', async () => {
		await resetTables(db, 'daily_touch');
		const report = await ingestFile(
			db,
			'engagement_data/2872.csv.gz',
			read('learnplatform_2020/engagement_data/2872.csv.gz')
		);
		expect(balanced(report)).toBe(true);
		expect(report.rowsRejected).toBe(0);
		const path = await db.registerFile(
			'ingest-test/summary.csv',
			read('learnplatform_2020/derived_district_product_summary_2020.csv')
		);
		const diff = await db.query<Record<string, unknown>>(
			`WITH mine AS (SELECT lp_id, count(pct_access) AS days_reported, count(*) FILTER (WHERE pct_access > 0) AS days_with_access, round(avg(pct_access), 4) AS mean_pct_access FROM daily_touch GROUP BY lp_id),
			 theirs AS (SELECT lp_id::VARCHAR AS lp_id, days_reported, days_with_access, mean_pct_access FROM read_csv('${path}') WHERE district_id = 2872)
			 SELECT count(*) AS n, count(*) FILTER (WHERE m.days_reported IS DISTINCT FROM t.days_reported OR m.days_with_access IS DISTINCT FROM t.days_with_access OR m.mean_pct_access IS DISTINCT FROM t.mean_pct_access) AS differ FROM theirs t LEFT JOIN mine m USING (lp_id)`
		);
		await db.dropFile(path);
		expect(diff[0]!.differ).toBe(0);
		expect(diff[0]!.n).toBeGreaterThan(0);
	});
});

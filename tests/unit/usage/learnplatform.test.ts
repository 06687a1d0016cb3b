import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '#lib/db/database.ts';
import { ingestFile } from '#lib/ingest/ingest-file.ts';
import {
	dailyTouchByFrplBinSql,
	dailyTouchRateSql,
	type DailyTouchRow
} from '#lib/metrics/usage/daily-touch-rate.ts';
import { createSchemaDatabase } from '../../helpers/schema-db.ts';
import { SHARED_DATA, sharedDataAvailable } from '../../helpers/shared-data.ts';

const LP = join(SHARED_DATA, 'learnplatform_2020');
const available = sharedDataAvailable();

let db: Database;
let districts: string[] = [];

/**
 * Loads one staged file as a user would: through `ingestFile` and the preset its headers pick.
 * The only rows it may reject are engagement rows without a product ID (PROVENANCE §2), which
 * have no product to summarise.
 */
async function ingest(name: string) {
	const report = await ingestFile(db, name, readFileSync(join(LP, name)));
	const errors = report.issues.filter((i) => i.severity === 'error');
	expect(errors.length, name).toBe(report.rowsRejected);
	for (const e of errors) expect([e.code, e.column], name).toEqual(['required_missing', 'lp_id']);
	expect(report.rowsLoaded, name).toBeGreaterThan(0);
}

beforeAll(async () => {
	if (!available) return;
	db = await createSchemaDatabase();
	await ingest('products_info.csv');
	await ingest('districts_info.csv');
	const files = readdirSync(join(LP, 'engagement_data')).filter((f) => f.endsWith('.csv.gz'));
	districts = files.map((f) => f.replace('.csv.gz', ''));
	for (const file of files) await ingest(`engagement_data/${file}`);
}, 300_000);
afterAll(() => db?.close());

/** `derived_district_product_summary_2020.csv` rows of the staged districts (PROVENANCE §2). */
function derivedRows(): Map<string, string[]> {
	const [header, ...lines] = readFileSync(
		join(LP, 'derived_district_product_summary_2020.csv'),
		'utf8'
	)
		.trim()
		.split(/\r?\n/);
	expect(header).toBe(
		'district_id,lp_id,days_reported,days_with_access,mean_pct_access,max_pct_access,days_engagement_reported,mean_engagement_index'
	);
	const wanted = new Set(districts);
	const rows = new Map<string, string[]>();
	for (const line of lines) {
		const cells = line.split(',');
		if (wanted.has(cells[0]!)) rows.set(`${cells[0]}/${cells[1]}`, cells);
	}
	return rows;
}

/**
 * Python's `round(x, 4)`, which the derived file used: the exact binary value of `x` rounded to 4
 * decimals, exact ties to even. `toFixed(100)` spells out that exact value.
 */
function round4(x: number | null): number | null {
	if (x === null) return null;
	const [whole, fraction] = Math.abs(x).toFixed(100).split('.') as [string, string];
	const kept = BigInt(whole + fraction.slice(0, 4));
	const rest = fraction.slice(4).replace(/0+$/, '');
	const up = rest > '5' || (rest === '5' && kept % 2n === 1n);
	const scaled = Number(kept + (up ? 1n : 0n)) / 1e4;
	return Math.sign(x) * scaled;
}
const num = (cell: string | undefined) => (cell === undefined || cell === '' ? null : Number(cell));

describe.skipIf(!available)('daily touch on the staged LearnPlatform 2020 files', () => {
	it('reproduces the derived district × product summary exactly for the 30 districts', async () => {
		expect(districts).toHaveLength(30);
		const ours = await db.query<DailyTouchRow>(dailyTouchRateSql());
		const expected = derivedRows();
		expect(ours.length).toBe(expected.size);
		for (const row of ours) {
			const cells = expected.get(`${row.lp_district_id}/${row.lp_id}`);
			expect(cells, `${row.lp_district_id}/${row.lp_id}`).toBeDefined();
			expect(
				[
					row.days_reported,
					row.days_with_access,
					round4(row.mean_pct_access),
					row.max_pct_access,
					row.days_engagement_reported,
					round4(row.mean_engagement_index)
				],
				`${row.lp_district_id}/${row.lp_id}`
			).toEqual(cells!.slice(2).map(num));
		}
	});

	it('keeps pct_access on its percent scale and names the proportion daily_touch_rate', async () => {
		const [row] = await db.query<DailyTouchRow>(
			`SELECT * FROM (${dailyTouchRateSql().text}) WHERE days_reported > 0 LIMIT 1`
		);
		expect(row!.daily_touch_rate).toBeCloseTo(row!.mean_pct_access! / 100, 6);
	});

	it('groups districts by their FRPL bin, each district once', async () => {
		const bins = await db.query<{
			frpl_interval_lo: number | null;
			lp_id: string;
			districts_n: number;
		}>(dailyTouchByFrplBinSql());
		// PROVENANCE §2: 4 staged districts are in [0.8, 1[, 8 in [0.6, 0.8[, 6 in each other bin.
		const maxDistricts = new Map<number | null, number>();
		for (const b of bins) {
			maxDistricts.set(
				b.frpl_interval_lo,
				Math.max(maxDistricts.get(b.frpl_interval_lo) ?? 0, b.districts_n)
			);
		}
		expect(Object.fromEntries(maxDistricts)).toEqual({ 0: 6, 0.2: 6, 0.4: 6, 0.6: 8, 0.8: 4 });
	});

	it('averages each bin’s districts as recomputed from the derived summary and districts_info', async () => {
		// Independent oracle: the derived summary's per-district figures, grouped by the FRPL bin
		// read from districts_info.csv here. Its means are rounded to 4 decimals of a percent, so
		// a rate (÷ 100) and a mean of such rates can differ by 5e-7 (plus float error); day
		// counts are exact integers.
		const binOf = new Map(
			readFileSync(join(LP, 'districts_info.csv'), 'utf8')
				.trim()
				.split(/\r?\n/)
				.slice(1)
				.map((line) => {
					const [id, , , , frpl] = line.split(/,(?=(?:[^"]*"[^"]*")*[^"]*$)/);
					const lo = /^"?\[([0-9.]+),/.exec(frpl ?? '')?.[1];
					return [id!, lo === undefined ? null : Number(lo)] as const;
				})
		);
		const expected = new Map<string, { n: number; rates: number[]; shares: number[] }>();
		for (const cells of derivedRows().values()) {
			const key = `${binOf.get(cells[0]!)}/${cells[1]}`;
			const e = expected.get(key) ?? { n: 0, rates: [], shares: [] };
			const [days, touched, mean] = [num(cells[2]), num(cells[3]), num(cells[4])];
			e.n++;
			if (mean !== null) e.rates.push(mean / 100);
			if (days! > 0) e.shares.push(touched! / days!);
			expected.set(key, e);
		}
		const avg = (xs: number[]) => (xs.length ? xs.reduce((a, b) => a + b, 0) / xs.length : null);
		const bins = await db.query<{
			frpl_interval_lo: number | null;
			lp_id: string;
			districts_n: number;
			mean_daily_touch_rate: number | null;
			mean_share_of_days_touched: number | null;
		}>(dailyTouchByFrplBinSql());
		expect(bins.length).toBe(expected.size);
		for (const b of bins) {
			const key = `${b.frpl_interval_lo}/${b.lp_id}`;
			const e = expected.get(key)!;
			expect(b.districts_n, key).toBe(e.n);
			const [rate, share] = [avg(e.rates), avg(e.shares)];
			if (rate === null) expect(b.mean_daily_touch_rate, key).toBeNull();
			else expect(Math.abs(b.mean_daily_touch_rate! - rate), key).toBeLessThanOrEqual(5e-7 + 1e-15);
			if (share === null) expect(b.mean_share_of_days_touched, key).toBeNull();
			else expect(b.mean_share_of_days_touched!, key).toBeCloseTo(share, 12);
		}
	});
});

import { strFromU8, unzipSync } from 'fflate';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '#lib/db/database.ts';
import { generateDemoData } from '#lib/demo/generate.ts';
import { loadParquetNode } from '#lib/export/parquet-node.ts';
import { USAGE_UNITS } from '#lib/export/usage-units.ts';
import { buildViewExport, type ViewSnapshot } from '#lib/export/view-export.ts';
import type { FigureRow } from '#lib/report/figure-row.ts';
import { loadCatalog, type DataCatalog } from '#lib/view/catalog.ts';
import { publishedInterval, representationInterval } from '#lib/view/representation-interval.ts';
import { usageView } from '#lib/view/usage-view.ts';
import { DEFAULT_VIEW_STATE, type ViewState } from '#lib/view/view-state.ts';
import { buildViewUnits, type ViewUnits } from '#lib/view/view-units.ts';
import { createSchemaDatabase, loadCsv } from '../../helpers/schema-db.ts';
import { runScript } from './run-script.ts';

let db: Database;
let catalog: DataCatalog;
let units: ViewUnits;

beforeAll(async () => {
	db = await createSchemaDatabase();
	for (const f of (await generateDemoData()).files) await loadCsv(db, f.table, f.text);
	const options = { dataVersion: 'test', origin: 'demo' as const, hasLogs: true };
	catalog = await loadCatalog(db, { ...options, surveyId: 'demo-asdp' });
	units = await buildViewUnits(db, { schoolYear: 2024, source: 'aggregate', rules: {} });
});
afterAll(() => db?.close());

/** The dashboard's snapshot of a view of the current units. */
async function snapshotOf(patch: Partial<ViewState>): Promise<ViewSnapshot> {
	const state = { ...DEFAULT_VIEW_STATE, ...patch };
	const view = await usageView(db, units, state);
	return {
		db,
		catalog,
		state,
		usage: { view, units, state },
		spreads: [],
		url: 'http://localhost/usage',
		inputs: []
	};
}

async function download(patch: Partial<ViewState>) {
	const file = await buildViewExport(await snapshotOf(patch), {
		title: 'Usage funnel',
		kind: 'all',
		format: 'json',
		now: new Date('2026-11-22T10:00:00Z'),
		parquet: loadParquetNode
	});
	return { name: file.name, files: unzipSync(file.bytes) };
}

/** Every exact figure of a download, matched in its script's output to 1e-9 (estimate) and n. */
async function expectReproduced(files: Record<string, Uint8Array>): Promise<FigureRow[]> {
	const figures = JSON.parse(strFromU8(files['figures.json']!)) as FigureRow[];
	const exact = figures.filter((f) => f.status === 'shown');
	const script = await runScript(files);
	for (const f of exact) {
		const key = `${f.dataset} ${f.metric} ${f.product_id} ${f.group}`;
		const row = script.find(
			(r) =>
				r.dataset === f.dataset &&
				r.metric === f.metric &&
				r.period === f.period &&
				r.product_id === f.product_id &&
				r.group === f.group
		);
		expect(row, key).toBeDefined();
		expect(Math.abs((row!.estimate as number) - f.estimate!), key).toBeLessThanOrEqual(1e-9);
		if (typeof f.n === 'number') expect(row!.n, key).toBe(f.n);
	}
	return exact;
}

// The expected figures are the screen's own (`usageView` over the cells table, disclosed as on
// screen); the script recomputes them independently from the bundle's CSVs on a fresh engine.
describe('a chart download from the dashboard view', () => {
	it('holds the screen figures, and its script rebuilds every exact one (demo, three products pooled)', async () => {
		const { name, files } = await download({});
		expect(name).toBe('adoption-gap_Usage-funnel_wave-fall-2024_year-2024_2026-11-22.zip');
		const exact = await expectReproduced(files);
		expect(exact.some((f) => f.product_id === 'all-products')).toBe(true);
		expect(exact.some((f) => f.dataset === 'demo-asdp')).toBe(true);
		const pkg = JSON.parse(strFromU8(files['datapackage.json']!));
		expect(pkg.adoption_gap.reproduce.map((r: { path: string }) => r.path)).toContain(
			'reproduce.sql'
		);
		expect(pkg.adoption_gap.url).toBe('http://localhost/usage');
	});

	it('rebuilds a filtered view (states, locale, size band, poverty levels, two products)', async () => {
		const patch: Partial<ViewState> = {
			states: ['TX', 'OH', 'GA', 'CA', 'NY', 'FL'],
			locales: ['suburb', 'rural', 'city'],
			sizes: ['1k-5k', '5k-25k', '25k-plus'],
			levels: ['Q1', 'Q3', 'Q4']
		};
		const snapshot = await snapshotOf(patch);
		const products = snapshot.usage!.units.products.map((p) => p.id);
		const { files } = await download({ ...patch, products: products.slice(0, 2) });
		expect(Object.keys(files)).toContain('reproduce.sql');
		const exact = await expectReproduced(files);
		const usage = exact.filter((f) => f.dataset === 'usage');
		// Filters that left nothing shown would make the comparison vacuous.
		expect(usage.some((f) => f.group === 'Q4')).toBe(true);
		expect(usage.some((f) => f.product_id === 'all-products')).toBe(true);
		const pkg = JSON.parse(strFromU8(files['datapackage.json']!));
		expect(pkg.adoption_gap.filter_note).toMatch(/sample survey/);
	});

	it.each(['locale', 'region', 'size'] as const)(
		'rebuilds a view grouped by %s',
		async (groupBy) => {
			const { files } = await download({ groupBy });
			const exact = await expectReproduced(files);
			const groups = new Set(exact.filter((f) => f.dataset === 'usage').map((f) => f.group));
			expect(groups.size).toBeGreaterThan(2);
			expect([...groups].some((g) => /^Q\d$/.test(String(g)))).toBe(false);
		}
	);
});

describe('the sidecar of the user’s own data', () => {
	it('lists each loaded file with its hash, as the snapshot carries them', async () => {
		const inputs = [{ name: 'my-usage.csv', table: 'usage_aggregate', sha256: 'ab'.repeat(32) }];
		const file = await buildViewExport(
			{ ...(await snapshotOf({})), inputs },
			{
				title: 'Usage funnel',
				kind: 'usage',
				format: 'csv',
				now: new Date('2026-11-22T10:00:00Z'),
				parquet: loadParquetNode
			}
		);
		const pkg = JSON.parse(strFromU8(unzipSync(file.bytes)['datapackage.json']!));
		expect(pkg.adoption_gap.inputs).toEqual(inputs);
	});

	it('records a representation-index bootstrap computed on request: seed, resamples, limits', async () => {
		const state = DEFAULT_VIEW_STATE;
		const result = await representationInterval(db, state, 'demo-math-practice', {
			seed: 5,
			resamples: 100
		});
		const shown = { status: 'shown', value: 1 } as const;
		const index = Object.keys(result.intervals).map((group) => ({ group, index: shown }));
		const published = publishedInterval(result, index);
		const sidecar = async (kind: 'usage' | 'training') => {
			const snapshot = { ...(await snapshotOf({})), representationIntervals: [published] };
			const file = await buildViewExport(snapshot, {
				title: 'Representation',
				kind,
				format: 'csv',
				now: new Date('2026-11-22T10:00:00Z'),
				parquet: loadParquetNode
			});
			return JSON.parse(strFromU8(unzipSync(file.bytes)['datapackage.json']!)).adoption_gap;
		};
		const usage = await sidecar('usage');
		expect(usage.representation_bootstrap).toEqual([JSON.parse(JSON.stringify(published))]);
		expect(usage.representation_bootstrap[0]).toMatchObject({
			seed: 5,
			resamples: 100,
			level: 0.95
		});
		expect((await sidecar('training')).representation_bootstrap).toBeUndefined();
	});
});

// Usage from student-week logs: the screen's figures come from evaluating every student against
// the rules; the bundle holds only the school-level units that evaluation gave (never the logs).
describe('a download of a view computed from student-week logs with an edited rule', () => {
	const stricter = '{"minutes_per_week_mean":{">=":45},"min_eligible_weeks":6}';
	beforeAll(async () => {
		units = await buildViewUnits(db, {
			schoolYear: 2024,
			source: 'logs',
			rules: { 'demo-ai-tutor': stricter }
		});
	});
	afterAll(async () => {
		units = await buildViewUnits(db, { schoolYear: 2024, source: 'aggregate', rules: {} });
	});

	it('bundles the derived school-level units, and its script rebuilds every exact figure', async () => {
		const { files } = await download({ source: 'logs' });
		const header = strFromU8(files['usage_units.csv']!).split('\n')[0];
		expect(header).toBe(USAGE_UNITS.columns.map((c) => c.name).join(','));
		expect(Object.keys(files).some((f) => /student_week|roster/.test(f))).toBe(false);
		const script = strFromU8(files['reproduce.sql']!);
		expect(script).toContain('"demo-ai-tutor": {"minutes_per_week_mean":{">=":45}');
		const pkg = JSON.parse(strFromU8(files['datapackage.json']!));
		const units = pkg.adoption_gap.reproduce.find(
			(r: { path: string }) => r.path === 'usage_units.csv'
		);
		expect(units.description).toMatch(/derived by the app/);
		expect(units.schema.fields).toContainEqual(
			expect.objectContaining({ name: 'not_evaluable_n', type: 'integer', unit: 'students' })
		);
		const exact = await expectReproduced(files);
		const tutor = exact.filter((f) => f.product_id === 'demo-ai-tutor');
		expect(tutor.some((f) => f.metric === 'dosage_rate_access')).toBe(true);
		expect(tutor.some((f) => f.metric === 'not_evaluable_share')).toBe(true);
		expect(exact.some((f) => f.product_id === 'all-products')).toBe(true);
	});

	it('rebuilds a filtered, regrouped view of the logs', async () => {
		const { files } = await download({
			source: 'logs',
			groupBy: 'locale',
			states: ['TX', 'OH', 'GA', 'CA', 'NY', 'FL']
		});
		const exact = await expectReproduced(files);
		expect(exact.filter((f) => f.dataset === 'usage').length).toBeGreaterThan(4);
	});
});

import { strFromU8, unzipSync } from 'fflate';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '#lib/db/database.ts';
import { createNodeDatabase } from '#lib/db/node.ts';
import { generateDemoData } from '#lib/demo/generate.ts';
import { loadParquetNode } from '#lib/export/parquet-node.ts';
import { REPRODUCE_TABLES } from '#lib/export/sql-script.ts';
import { buildViewExport, reproduceSpecOf, type ViewSnapshot } from '#lib/export/view-export.ts';
import type { FigureRow } from '#lib/report/figure-row.ts';
import { loadCatalog } from '#lib/view/catalog.ts';
import { usageView } from '#lib/view/usage-view.ts';
import { DEFAULT_VIEW_STATE, type ViewState } from '#lib/view/view-state.ts';
import { buildViewUnits } from '#lib/view/view-units.ts';
import { createSchemaDatabase, loadCsv } from '../../helpers/schema-db.ts';

let db: Database;
let snapshotOf: (patch: Partial<ViewState>) => Promise<ViewSnapshot>;

beforeAll(async () => {
	db = await createSchemaDatabase();
	for (const f of (await generateDemoData()).files) {
		if (f.table !== 'usage_student_week' && f.table !== 'usage_roster') {
			await loadCsv(db, f.table, f.text);
		}
	}
	const options = { dataVersion: 'test', origin: 'demo' as const, hasLogs: false };
	const catalog = await loadCatalog(db, { ...options, surveyId: 'demo-asdp' });
	const units = await buildViewUnits(db, { schoolYear: 2024, source: 'aggregate', rules: {} });
	snapshotOf = async (patch) => {
		const state = { ...DEFAULT_VIEW_STATE, ...patch };
		const view = await usageView(db, units, state);
		return {
			db,
			catalog,
			state,
			usage: { view, units, state },
			spreads: [],
			url: 'http://localhost/usage',
			manifest: null
		};
	};
});
afterAll(() => db?.close());

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

/** Runs a bundle's reproduce.sql on a fresh engine holding only the bundle's CSVs. */
async function runScript(files: Record<string, Uint8Array>) {
	const fresh = await createNodeDatabase();
	try {
		let script = strFromU8(files['reproduce.sql']!);
		for (const table of REPRODUCE_TABLES) {
			const path = await fresh.registerFile(`bundle/${table}.csv`, files[`${table}.csv`]!);
			script = script.replaceAll(`'${table}.csv'`, `'${path}'`);
		}
		return await fresh.query<Record<string, string | number | null>>(script);
	} finally {
		await fresh.close();
	}
}

describe('a chart download from the dashboard view', () => {
	it('holds the screen figures, and its script rebuilds every exact one (demo, three products pooled)', async () => {
		const { name, files } = await download({});
		expect(name).toBe('adoption-gap_Usage-funnel_wave-fall-2024_year-2024_2026-11-22.zip');
		const figures = JSON.parse(strFromU8(files['figures.json']!)) as FigureRow[];
		const exact = figures.filter((f) => f.status === 'shown');
		expect(exact.some((f) => f.product_id === 'all-products')).toBe(true);
		expect(exact.some((f) => f.dataset === 'demo-asdp')).toBe(true);
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
		}
		const pkg = JSON.parse(strFromU8(files['datapackage.json']!));
		expect(pkg.adoption_gap.reproduce.map((r: { path: string }) => r.path)).toContain(
			'reproduce.sql'
		);
		expect(pkg.adoption_gap.url).toBe('http://localhost/usage');
	});

	it('leaves the script out, with the reason, when district filters are active', async () => {
		const snapshot = await snapshotOf({ locales: ['rural'] });
		expect(reproduceSpecOf(snapshot, 'all')).toEqual({ reason: expect.stringMatching(/filters/) });
		const { files } = await download({ locales: ['rural'] });
		expect(Object.keys(files).sort()).toEqual(['datapackage.json', 'figures.json']);
		const pkg = JSON.parse(strFromU8(files['datapackage.json']!));
		expect(pkg.adoption_gap.filters.locale).toEqual(['rural']);
		expect(pkg.adoption_gap.filter_note).toMatch(/sample survey/);
	});
});

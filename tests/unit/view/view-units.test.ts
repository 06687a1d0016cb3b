import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '#lib/db/database.ts';
import { join, sql } from '#lib/db/sql.ts';
import { generateDemoData, type DemoData } from '#lib/demo/generate.ts';
import { restrictToFilter, type LocaleGroup } from '#lib/filters/restrict.ts';
import { summarizeFunnel } from '#lib/metrics/usage/funnel-groups.ts';
import { COUNT_FIELDS } from '#lib/metrics/usage/funnel-rates.ts';
import type { FunnelUnitRow } from '#lib/metrics/usage/funnel-unit.ts';
import { districtPovertyInput } from '#lib/metrics/usage/poverty-input.ts';
import { usageFunnelByPoverty } from '#lib/metrics/usage/usage-funnel-by-poverty.ts';
import { TABLES } from '#lib/schema/tables.ts';
import { POOLED } from '#lib/view/view-tables.ts';
import { usageView } from '#lib/view/usage-view.ts';
import { DEFAULT_VIEW_STATE, usageScheme, type ViewState } from '#lib/view/view-state.ts';
import { buildViewUnits, type ViewUnits } from '#lib/view/view-units.ts';
import { createSchemaDatabase, loadCsv } from '../../helpers/schema-db.ts';
import { expectCloseDeep } from './close-to.ts';

let demo: DemoData;
let db: Database;
const EDITED_RULE = '{"minutes_per_week_mean":{">=":20},"min_eligible_weeks":4}';

async function reload(): Promise<void> {
	for (const table of TABLES) await db.exec(`DELETE FROM ${table.name}`);
	await db.exec('DROP TABLE IF EXISTS fixed_poverty');
	for (const file of demo.files) await loadCsv(db, file.table, file.text);
}

const build = (source: 'aggregate' | 'logs') =>
	buildViewUnits(db, {
		schoolYear: 2024,
		source,
		rules: source === 'logs' ? { 'demo-ai-tutor': EDITED_RULE } : {}
	});

beforeAll(async () => {
	demo = await generateDemoData();
	db = await createSchemaDatabase();
});
afterAll(() => db?.close());

/**
 * The independent path: restrict the tables in place (the command line's filter), then run the
 * metric itself over units, with poverty levels fixed on all districts first (the dashboard
 * never moves a district to another level when filtering).
 */
async function oracle(state: ViewState, units: ViewUnits) {
	await reload();
	const poverty = districtPovertyInput(usageScheme(state.scheme), 2024);
	await db.exec(sql`CREATE TABLE fixed_poverty AS SELECT * FROM (${poverty.relation})`);
	await restrictToFilter(db, {
		states: state.states,
		localeGroups: state.locales as LocaleGroup[],
		products: state.products
	});
	const rules = new Map(
		units.products.filter((p) => p.rule.source === 'user').map((p) => [p.id, p.rule.rule])
	);
	return usageFunnelByPoverty(db, {
		schoolYear: 2024,
		scheme: { ...poverty, relation: sql`SELECT * FROM fixed_poverty` },
		grain: units.source === 'logs' ? 'auto' : 'aggregate',
		window: units.window ?? undefined,
		rules
	});
}

const CASES: [string, 'aggregate' | 'logs', Partial<ViewState>][] = [
	['no filter', 'aggregate', {}],
	['two states', 'aggregate', { states: ['AL', 'TX'] }],
	[
		'towns and rural, one product',
		'aggregate',
		{ locales: ['town', 'rural'], products: ['demo-math-practice'] }
	],
	['tertiles, suburbs', 'aggregate', { scheme: 'saipe-tertiles', locales: ['suburb'] }],
	['student-week logs, an edited rule', 'logs', {}],
	['student-week logs, cities and suburbs', 'logs', { locales: ['city', 'suburb'] }]
];

describe('usageView (statistics over the units table) equals usageFunnelByPoverty on restricted tables', () => {
	it.each(CASES)('%s (%s)', async (_name, source, patch) => {
		const state = { ...DEFAULT_VIEW_STATE, ...patch };
		await reload();
		const units = await build(source);
		const actual = await usageView(db, units, state);
		const expected = await oracle(state, units);
		expect(actual.release).toEqual({ allowed: true });
		for (const product of actual.products) expect(product.overall.units_n).toBeGreaterThan(0);
		// The blocks of small districts are disclosure input, not a figure (district-blocks tests).
		const figures = actual.products.map(({ splitGroups: _, ...rest }) => rest);
		expectCloseDeep(figures, expected.products);
	});
});

/** A school's consistent units of every product merged, then `summarizeFunnel` per group. */
function pooledByHand(units: (FunnelUnitRow & { grp: string | null })[], group: string | null) {
	const merged = new Map<string, FunnelUnitRow & { grp: string | null }>();
	for (const u of units.filter((x) => !x.funnel_inconsistent)) {
		const key = `${u.leaid}|${u.ncessch}`;
		const m = merged.get(key);
		if (!m) merged.set(key, { ...u });
		else for (const f of COUNT_FIELDS) m[f] = m[f] === null || u[f] === null ? null : m[f]! + u[f]!;
	}
	const all = [...merged.values()];
	return summarizeFunnel(POOLED, group ?? 'all', group ? all.filter((u) => u.grp === group) : all);
}

describe('usageView pooled over products', () => {
	it('equals summarizeFunnel over each school’s units merged across products', async () => {
		await reload();
		const units = await build('aggregate');
		const state = { ...DEFAULT_VIEW_STATE, locales: ['rural' as const] };
		const view = await usageView(db, units, state);
		const rows = await db.query<FunnelUnitRow & { grp: string | null }>(
			`SELECT u.*, nullif(d.poverty_saipe_quartiles, 'unknown') AS grp FROM view_units u JOIN view_districts d USING (leaid) WHERE d.locale = 'rural' ORDER BY product_id, leaid, ncessch`
		);
		expectCloseDeep(view.pooled!.overall, pooledByHand(rows, null));
		expectCloseDeep(view.pooled!.groups[3], pooledByHand(rows, 'Q4'));
	});

	it('pools the selected set after the product filter changes back and forth (cached sets)', async () => {
		await reload();
		const units = await build('aggregate');
		const all = units.products.map((p) => p.id);
		const two = all.slice(0, 2);
		expect(all.length).toBeGreaterThan(2);
		for (const products of [all, two, all, two]) {
			const view = await usageView(db, units, { ...DEFAULT_VIEW_STATE, products });
			const rows = await db.query<FunnelUnitRow & { grp: string | null }>(
				sql`SELECT u.*, nullif(d.poverty_saipe_quartiles, 'unknown') AS grp FROM view_units u JOIN view_districts d USING (leaid) WHERE u.product_id IN (${join(
					products.map((id) => sql`${id}`),
					', '
				)}) ORDER BY product_id, leaid, ncessch`
			);
			expectCloseDeep(view.pooled!.overall, pooledByHand(rows, null));
			expectCloseDeep(view.pooled!.groups[0], pooledByHand(rows, 'Q1'));
		}
	});
});

describe('buildViewUnits', () => {
	it('applies an edited rule to student-week logs only, and names its source', async () => {
		await reload();
		const tutor = (u: ViewUnits) => u.products.find((p) => p.id === 'demo-ai-tutor')!;
		const aggregate = await build('aggregate');
		expect(tutor(aggregate)).toMatchObject({
			grain: 'aggregate',
			rule: { source: 'products_table' }
		});
		expect(aggregate.window).toBeNull();
		const logs = await build('logs');
		expect(tutor(logs)).toMatchObject({ grain: 'student_week', rule: { source: 'user' } });
		expect(logs.window).toEqual({ start: '2024-09-02', end: '2025-06-01' });
	});
});

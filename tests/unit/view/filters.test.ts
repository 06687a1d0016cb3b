import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '#lib/db/database.ts';
import { createNodeDatabase } from '#lib/db/node.ts';
import { sql } from '#lib/db/sql.ts';
import { reconcileWithCatalog, type DataCatalog } from '#lib/view/catalog.ts';
import { districtFilterSql, groupSql } from '#lib/view/funnel-stats-sql.ts';
import { groupSpecs, hasDistrictFilters, selectedProducts } from '#lib/view/groups.ts';
import { DEFAULT_VIEW_STATE, sizeBandOf, type ViewState } from '#lib/view/view-state.ts';

let db: Database;
beforeAll(async () => {
	db = await createNodeDatabase();
});
afterAll(() => db?.close());

/** Six districts covering known, unknown and missing attributes. */
const DISTRICTS = sql`SELECT * FROM (VALUES
	('d1', 'AL', 'city', 'under-1k', 'Q1', 'South'),
	('d2', 'AL', 'rural', '1k-5k', 'Q4', 'South'),
	('d3', 'TX', 'rural', '25k-plus', 'Q2', 'South'),
	('d4', 'CA', 'suburb', '5k-25k', 'unknown', 'West'),
	('d5', 'CA', NULL, NULL, 'Q4', 'West'),
	('d6', NULL, 'town', '1k-5k', 'Q3', NULL)
) AS t(leaid, state_abbr, locale, size_band, poverty_saipe_quartiles, region)`;

async function kept(patch: Partial<ViewState>): Promise<string[]> {
	const state = { ...DEFAULT_VIEW_STATE, ...patch };
	const rows = await db.query<{ leaid: string }>(
		sql`SELECT leaid FROM (${DISTRICTS}) WHERE ${districtFilterSql(state)} ORDER BY leaid`
	);
	return rows.map((r) => r.leaid);
}

describe('districtFilterSql', () => {
	it('keeps every district when no filter is set (an empty list is no filter)', async () => {
		expect(await kept({})).toEqual(['d1', 'd2', 'd3', 'd4', 'd5', 'd6']);
	});

	it('combines filters with AND and values within a filter with OR', async () => {
		expect(await kept({ states: ['AL', 'TX'] })).toEqual(['d1', 'd2', 'd3']);
		expect(await kept({ states: ['AL', 'TX'], locales: ['rural'] })).toEqual(['d2', 'd3']);
		expect(await kept({ sizes: ['1k-5k', '25k-plus'] })).toEqual(['d2', 'd3', 'd6']);
	});

	it('filters poverty levels of the usage scheme and excludes unknown values once a filter is set', async () => {
		expect(await kept({ levels: ['Q4'] })).toEqual(['d2', 'd5']);
		expect(await kept({ locales: ['city', 'suburb', 'town', 'rural'] })).toEqual([
			'd1',
			'd2',
			'd3',
			'd4',
			'd6'
		]);
	});
});

describe('groupSql', () => {
	it('groups by the usage scheme, with unknown poverty as no group', async () => {
		const rows = await db.query<{ leaid: string; grp: string | null }>(
			sql`SELECT leaid, ${groupSql(DEFAULT_VIEW_STATE)} AS grp FROM (${DISTRICTS}) ORDER BY leaid`
		);
		expect(rows.map((r) => r.grp)).toEqual(['Q1', 'Q4', 'Q2', null, 'Q4', 'Q3']);
	});
});

describe('grouping and selection helpers', () => {
	it('name each group for the students it counts, lowest poverty first', () => {
		expect(groupSpecs('poverty', DEFAULT_VIEW_STATE).map((g) => [g.group, g.label])).toEqual([
			['Q1', 'Students in Q1 districts (lowest poverty)'],
			['Q2', 'Students in Q2 districts'],
			['Q3', 'Students in Q3 districts'],
			['Q4', 'Students in Q4 districts (highest poverty)']
		]);
		expect(
			groupSpecs('poverty', { ...DEFAULT_VIEW_STATE, scheme: 'frpl-nces3' }).map((g) => g.label)
		).toEqual([
			'Students in low-poverty districts',
			'Students in middle-poverty districts',
			'Students in high-poverty districts'
		]);
		expect(groupSpecs('size', DEFAULT_VIEW_STATE).map((g) => g.short)).toEqual([
			'<1k',
			'1k–5k',
			'5k–25k',
			'25k+'
		]);
	});

	it('select every product when none is chosen', () => {
		const products = [{ id: 'a' }, { id: 'b' }];
		expect(selectedProducts(products, DEFAULT_VIEW_STATE)).toEqual(products);
		expect(selectedProducts(products, { ...DEFAULT_VIEW_STATE, products: ['b'] })).toEqual([
			{ id: 'b' }
		]);
		expect(hasDistrictFilters({ ...DEFAULT_VIEW_STATE, products: ['b'] })).toBe(false);
		expect(hasDistrictFilters({ ...DEFAULT_VIEW_STATE, sizes: ['1k-5k'] })).toBe(true);
	});

	it('put each enrolment in its band', () => {
		expect([null, -1, 0, 999, 1000, 4999, 5000, 24999, 25000].map(sizeBandOf)).toEqual([
			null,
			null,
			'under-1k',
			'under-1k',
			'1k-5k',
			'1k-5k',
			'5k-25k',
			'5k-25k',
			'25k-plus'
		]);
	});
});

const CATALOG: DataCatalog = {
	dataVersion: 'a4d647e571cc',
	origin: 'demo',
	states: ['AL', 'TX'],
	products: [{ id: 'p1', name: 'One' }],
	surveyId: 's',
	waves: ['fall 2023', 'fall 2024'],
	years: [2024],
	districtYear: 2024,
	schemes: ['survey', 'saipe-quartiles'],
	hasLogs: true
};

describe('reconcileWithCatalog', () => {
	it('leaves a view that names only what the data has unchanged', () => {
		const state = { ...DEFAULT_VIEW_STATE, states: ['TX'], wave: 'fall 2023', prices: { p1: 3 } };
		expect(reconcileWithCatalog(state, CATALOG)).toEqual({ state, notices: [] });
	});

	it('drops what the data does not have, with a notice for each', () => {
		const state: ViewState = {
			...DEFAULT_VIEW_STATE,
			states: ['CA', 'TX'],
			products: ['p9'],
			wave: 'spring 2030',
			year: 2019,
			scheme: 'meps-quartiles',
			levels: ['Q4'],
			rules: { p9: '{}' },
			prices: { p1: 2, p9: 1 }
		};
		const { state: checked, notices } = reconcileWithCatalog(state, CATALOG);
		expect(checked).toEqual({
			...DEFAULT_VIEW_STATE,
			states: ['TX'],
			prices: { p1: 2 }
		});
		expect(notices.map((n) => n.message)).toEqual([
			'Ignored survey wave “spring 2030”: not in this data.',
			'Ignored school year 2019: not in this data.',
			'Ignored poverty scheme “meps-quartiles”: the districts in this data lack its measure.',
			'Ignored “CA”: this data has no districts in “CA”.',
			'Ignored “p9”: this data has no product “p9”.',
			'Ignored “p9”: this data has no product “p9”.',
			'Ignored “p9”: this data has no product “p9”.'
		]);
	});
});

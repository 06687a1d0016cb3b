import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '#lib/db/database.ts';
import { generateDemoData } from '#lib/demo/generate.ts';
import type { DisplayValue } from '#lib/disclosure/display-value.ts';
import { DEFAULT_PROFILE } from '#lib/disclosure/profiles.ts';
import { EXPORT_FORMATS, encodeTable } from '#lib/export/bundle.ts';
import { hiddenCells } from '#lib/export/datapackage.ts';
import { loadParquetNode } from '#lib/export/parquet-node.ts';
import { figureTable } from '#lib/export/table.ts';
import { usageViewFigures } from '#lib/export/view-figures.ts';
import { loadCatalog, type DataCatalog } from '#lib/view/catalog.ts';
import { usageModelOf } from '#lib/view/compute.ts';
import { POOLED } from '#lib/view/view-tables.ts';
import { usageView } from '#lib/view/usage-view.ts';
import { DEFAULT_VIEW_STATE, type ViewState } from '#lib/view/view-state.ts';
import { buildViewUnits, type ViewUnits } from '#lib/view/view-units.ts';
import { createSchemaDatabase, loadCsv } from '../../helpers/schema-db.ts';
import { readBack } from './read-back.ts';

let db: Database;
let catalog: DataCatalog;
let units: ViewUnits;

beforeAll(async () => {
	db = await createSchemaDatabase();
	for (const f of (await generateDemoData()).files) {
		if (f.table !== 'usage_student_week' && f.table !== 'usage_roster') {
			await loadCsv(db, f.table, f.text);
		}
	}
	const options = { dataVersion: 'test', origin: 'demo' as const, hasLogs: false };
	catalog = await loadCatalog(db, { ...options, surveyId: 'demo-asdp' });
	units = await buildViewUnits(db, { schoolYear: 2024, source: 'aggregate', rules: {} });
});
afterAll(() => db?.close());

function exactValue(value: DisplayValue): number | null {
	return value.status === 'shown' || value.status === 'true_zero' ? value.value : null;
}

/**
 * Demo views chosen because their small groups are disclosed: Alaska by locale has suppressed
 * cells, Vermont by poverty has range-coded ones (found by listing every state's statuses).
 */
const VIEWS: [string, Partial<ViewState>, string][] = [
	['Alaska by locale', { states: ['AK'], groupBy: 'locale' }, 'suppressed'],
	['Vermont by poverty level', { states: ['VT'], groupBy: 'poverty' }, 'coarsened']
];

describe('exports disclose exactly what the screen shows', () => {
	it.each(VIEWS)(
		'%s: the screen model and the export rows agree cell by cell',
		async (_, patch, hidden) => {
			const state = { ...DEFAULT_VIEW_STATE, ...patch };
			const view = await usageView(db, units, state);
			const screen = usageModelOf(view, units, catalog, state);
			const rows = usageViewFigures(view, state, 2024, catalog.origin);
			expect(rows.some((r) => r.status === hidden)).toBe(true);
			const funnels = [
				...screen.products.map((p) => [p.id, p.funnel] as const),
				...(view.pooled && screen.overall ? [[POOLED, screen.overall] as const] : [])
			];
			let compared = 0;
			for (const [id, funnel] of funnels) {
				for (const cell of funnel.cells) {
					const row = rows.find(
						(r) => r.product_id === id && r.metric === cell.stage && r.group === cell.group
					);
					expect(row, `${id} ${cell.stage} ${cell.group}`).toBeDefined();
					expect(row!.status).toBe(cell.value.status);
					expect(row!.estimate).toBe(exactValue(cell.value));
					compared++;
				}
			}
			expect(compared).toBe(rows.length);
			const listed = hiddenCells([figureTable(rows, 'Usage')]);
			const withheld = rows.filter((r) => r.status === 'suppressed' || r.status === 'coarsened');
			expect(listed.map((h) => [h.key.product_id, h.key.metric, h.key.group, h.status])).toEqual(
				withheld.map((r) => [r.product_id, r.metric, r.group, r.status])
			);
		}
	);

	it.each(VIEWS)('%s: every format carries the same hidden cells', async (_, patch) => {
		const state = { ...DEFAULT_VIEW_STATE, ...patch };
		const rows = usageViewFigures(await usageView(db, units, state), state, 2024, 'demo');
		const table = figureTable(rows, 'Usage');
		const provenance = {
			view: 'Usage',
			url: null,
			filters: {},
			filterNote: null,
			sql: [],
			inputs: [],
			dataVersion: null,
			origin: 'demo' as const,
			mode: 'public' as const,
			profile: DEFAULT_PROFILE,
			exportedAt: new Date(0),
			cite: null
		};
		const expected = rows.map((r) => [r.status, r.estimate, r.lo, r.hi, r.n]);
		for (const format of EXPORT_FORMATS) {
			const bytes = await encodeTable(table, format, provenance, { parquet: loadParquetNode });
			const back = await readBack(format, bytes, table);
			expect(
				back.map((r) => [r.status, r.estimate, r.lo, r.hi, r.n]),
				format
			).toEqual(expected);
		}
	});
});

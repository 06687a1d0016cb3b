import type { Database } from '#lib/db/database.ts';
import { loadSource } from '#lib/ingest/ingest-file.ts';
import { openSource } from '#lib/ingest/source/open-source.ts';
import { effectiveYear, reconcileWithCatalog } from '#lib/view/catalog.ts';
import { computeTraining, usageModelOf } from '#lib/view/compute.ts';
import { usageView } from '#lib/view/usage-view.ts';
import { DEFAULT_VIEW_STATE, type ViewState } from '#lib/view/view-state.ts';
import { buildViewUnits, type ViewUnits } from '#lib/view/view-units.ts';
import { VIEW_UNITS_TABLE } from '#lib/view/view-tables.ts';
import { dataVersionOf, inputsOf, LOAD_ORDER, resetTables } from '#lib/workspace/engine.ts';
import { suggestFor } from '#lib/workspace/suggest.ts';
import { openUserSession } from '#lib/workspace/user-session.ts';
import type { FileReport } from '#lib/ingest/report.ts';
import { countsCsv, type FunnelCounts } from './figures.ts';
import type { Timings } from './timing.ts';
import { time } from './timing.ts';

/** The view the benchmark measures: the defaults, with the usage figures from student-week logs. */
export const BENCH_VIEW: ViewState = { ...DEFAULT_VIEW_STATE, source: 'logs' };

/**
 * The answer to the one question the "Your data" page asks of these files: a bare year such as
 * `2024` in `school_year_start` is the fall of the school year (2024-25).
 */
export const YEAR_MAPPING = 'fall' as const;

/**
 * The filter changes every engine replays (≥ 30): pick one product, then all again, cycling
 * through the products; the browser clicks the same "Product" checkboxes.
 */
export function filterChanges(products: readonly string[], count = 30): string[][] {
	return Array.from({ length: count }, (_, i) =>
		i % 2 === 0 ? [products[Math.floor(i / 2) % products.length]!] : []
	);
}

/**
 * The app's own pipeline on one engine, as the "Your data" page and the dashboard run it: reset
 * the tables, load each file in the page's order with the mapping it would suggest (open,
 * validate, insert: `loadSource`), open the user's session, then the Overview's figures
 * (training and usage, `Dashboard.track`), the filter changes, and the export.
 */
export async function runAppPipeline(
	startDb: () => Promise<Database>,
	files: readonly { name: string; bytes: Uint8Array }[],
	timings: Timings
): Promise<FunnelCounts[]> {
	const db = await time(timings, 'startup', startDb);
	try {
		const reports = await time(timings, 'ingest', () => ingestAll(db, files));
		const { units, state, catalog } = await time(timings, 'metrics', async () => {
			const session = await openUserSession(db, await dataVersionOf(reports), inputsOf(reports));
			const catalog = session.catalog;
			const state = reconcileWithCatalog(BENCH_VIEW, catalog).state;
			await computeTraining(db, catalog, state);
			const units = await viewUnits(db, state, effectiveYear(state, catalog));
			usageModelOf(await usageView(db, units, state), units, catalog, state);
			return { units, state, catalog };
		});
		const products = catalog.products.map((p) => p.id);
		timings.filter = [];
		for (const picked of filterChanges(products)) {
			const next = { ...state, products: picked };
			const started = performance.now();
			usageModelOf(await usageView(db, units, next), units, catalog, next);
			timings.filter.push(performance.now() - started);
		}
		let counts: FunnelCounts[] = [];
		await time(timings, 'export', async () => {
			counts = await unitCounts(db);
			return countsCsv(counts);
		});
		return counts;
	} finally {
		await db.close();
	}
}

async function ingestAll(
	db: Database,
	files: readonly { name: string; bytes: Uint8Array }[]
): Promise<FileReport[]> {
	await resetTables(db);
	const opened = [];
	for (const file of files) {
		const result = await openSource(file.name, file.bytes);
		if (!result.ok) throw new Error(`${file.name}: ${result.issues[0]?.message}`);
		const suggested = suggestFor(file.name, result.source.header.fields).mapping;
		const mapping = { ...suggested, options: { ...suggested.options, year_mapping: YEAR_MAPPING } };
		opened.push({ source: result.source, mapping });
	}
	opened.sort((a, b) => LOAD_ORDER.indexOf(a.mapping.table) - LOAD_ORDER.indexOf(b.mapping.table));
	const reports: FileReport[] = [];
	for (const { source, mapping } of opened) {
		const report = await loadSource(db, source, mapping);
		if (report.status !== 'loaded' || report.rowsRejected > 0)
			throw new Error(`${source.name}: ${report.status}, ${report.rowsRejected} rows rejected`);
		reports.push(report);
	}
	return reports;
}

function viewUnits(db: Database, state: ViewState, year: number | null): Promise<ViewUnits> {
	if (year === null) throw new Error('the loaded data has no usage year');
	return buildViewUnits(db, { schoolYear: year, source: state.source, rules: state.rules });
}

/** The funnel counts per product and district from the units the Overview was computed from. */
function unitCounts(db: Database): Promise<FunnelCounts[]> {
	return db.query<FunnelCounts>(`SELECT product_id, leaid,
	sum(enrolled_n) AS enrolled, sum(licensed_n) AS licensed, sum(activated_n) AS activated,
	sum(regular_n) AS regular, sum(dosage_met_n) AS dosage_met
FROM ${VIEW_UNITS_TABLE} GROUP BY ALL ORDER BY product_id, leaid`);
}

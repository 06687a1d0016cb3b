import type { Database } from '../db/database.ts';
import type { SqlQuery } from '../db/sql.ts';
import { PUBLIC_POLICY } from '../disclosure/disclose-view.ts';
import type { FigureRow } from '../report/figure-row.ts';
import { surveyFigures } from '../report/survey-figures.ts';
import type { DataCatalog } from '../view/catalog.ts';
import { effectiveWave, effectiveYear } from '../view/catalog.ts';
import { funnelStatsSql } from '../view/funnel-stats-sql.ts';
import type { DistrictSpread } from '../view/district-rates.ts';
import { selectedProducts } from '../view/groups.ts';
import { surveyBundle, surveyGrouping } from '../view/survey-view.ts';
import type { PublishedInterval } from '../view/representation-interval.ts';
import type { UsageView } from '../view/usage-view.ts';
import type { ViewState } from '../view/view-state.ts';
import type { ViewUnits } from '../view/view-units.ts';
import { exportFiles, zipFiles } from './bundle.ts';
import type { ExportFormat, ExportKind } from './formats.ts';
import { publicSource } from './chart-export.ts';
import type { ExportProvenance, InputHash } from './datapackage.ts';
import { exportFileName, type NamedFilter } from './file-name.ts';
import type { ParquetModule } from './parquet.ts';
import { recordQueries } from '../db/recorder.ts';
import { logUnitsOf, reproduceFiles } from './reproduce-files.ts';
import type { ReproduceSpec } from './sql-script.ts';
import { districtTable, figureTable, type ExportTable } from './table.ts';
import { usageViewFigures } from './view-figures.ts';

/** What the dashboard shows when the user asks for a download. */
export interface ViewSnapshot {
	readonly db: Database;
	readonly catalog: DataCatalog;
	readonly state: ViewState;
	/** The usage result shown, with the view state it was computed for (prices: `state`'s). */
	readonly usage: {
		readonly view: UsageView;
		readonly units: ViewUnits;
		readonly state: ViewState;
	} | null;
	readonly spreads: readonly DistrictSpread[];
	/** The view's URL, query included. */
	readonly url: string;
	/** The input files and their hashes: the demo manifest's, or the user's loaded files'. */
	readonly inputs: readonly InputHash[];
	/** Representation-index bootstraps computed on request for the usage result shown. */
	readonly representationIntervals?: readonly PublishedInterval[];
}

/** Filters on districts: usage figures are restricted by them, the survey sample is not. */
const DISTRICT_FILTERS = ['state', 'locale', 'size', 'poverty'];

/** The view's active filters, for the file name and the sidecar. */
export function viewFilters(state: ViewState, catalog: DataCatalog): NamedFilter[] {
	const wave = effectiveWave(state, catalog);
	const year = effectiveYear(state, catalog);
	return [
		{ name: 'state', values: state.states },
		{ name: 'locale', values: state.locales },
		{ name: 'size', values: state.sizes },
		{ name: 'poverty', values: state.levels },
		{ name: 'product', values: state.products },
		{ name: 'wave', values: wave === null ? [] : [wave] },
		{ name: 'year', values: year === null ? [] : [year] }
	];
}

/**
 * The tables of one chart's download and the SQL behind them. Survey figures are recomputed
 * through a recording handle (`surveyBundle`, the screen's own function), so the SQL listed is
 * the SQL run; usage figures are the screen's result, disclosed as on screen, with the one
 * statistics query that produced them.
 */
async function viewTables(
	snapshot: ViewSnapshot,
	kind: ExportKind
): Promise<{ tables: ExportTable[]; sql: SqlQuery[] }> {
	const { catalog, state } = snapshot;
	const rows: FigureRow[] = [];
	const sql: SqlQuery[] = [];
	if (kind !== 'usage') {
		const recorded = recordQueries(snapshot.db);
		const bundle = await surveyBundle(recorded.db, state, catalog);
		if (bundle) rows.push(...surveyFigures(bundle.training, catalog.origin, PUBLIC_POLICY));
		sql.push(...recorded.queries);
	}
	const tables: ExportTable[] = [];
	if (kind !== 'training' && snapshot.usage) {
		const { view, units } = snapshot.usage;
		const shown = { ...snapshot.usage.state, prices: state.prices };
		rows.push(...usageViewFigures(view, shown, units.schoolYear, catalog.origin));
		const products = selectedProducts(units.products, shown).map((p) => p.id);
		sql.push(funnelStatsSql(shown, products, products.length > 1));
		if (snapshot.spreads.length) tables.push(districtTable(snapshot.spreads));
	}
	return { tables: [figureTable(rows, 'Figures of the view'), ...tables], sql };
}

/**
 * What the "copy as SQL" script of a view rebuilds: survey figures grouped as the screen groups
 * them, and usage figures with the view's grouping, district filters and products, from the
 * supplied aggregates or, for products evaluated from student-week logs, from the school-level
 * units the app derived under the rules in force (`usage_units.csv`; the logs are never exported).
 */
export function reproduceSpecOf(snapshot: ViewSnapshot, kind: ExportKind): ReproduceSpec {
	const { catalog, state } = snapshot;
	const usage = kind !== 'training' ? snapshot.usage : null;
	const wave = effectiveWave(state, catalog);
	const surveys =
		kind !== 'usage' && wave !== null
			? [
					{
						surveyId: catalog.surveyId,
						wave,
						weighting: state.weighting,
						scheme: state.scheme,
						groupBy: surveyGrouping(state)
					}
				]
			: [];
	const products = usage
		? selectedProducts(usage.units.products, usage.state).map((p) => p.id)
		: [];
	return {
		surveys,
		usage:
			usage && products.length
				? {
						schoolYear: usage.units.schoolYear,
						products,
						pooled: products.length > 1,
						view: usage.state,
						fromLogs: logUnitsOf(usage.units, products)
					}
				: null
	};
}

/**
 * One chart's download: its figures (and the view's district-level rates for usage) in the
 * chosen format with `datapackage.json` and, when the view can be reproduced, the canonical
 * CSVs and `reproduce.sql`; zipped, named after the chart, filters and date.
 * Public mode always (the screen's mode).
 */
export async function buildViewExport(
	snapshot: ViewSnapshot,
	options: {
		title: string;
		kind: ExportKind;
		format: ExportFormat;
		now: Date;
		parquet: () => Promise<ParquetModule>;
	}
): Promise<{ name: string; bytes: Uint8Array }> {
	const { catalog, state } = snapshot;
	const filters = viewFilters(state, catalog);
	const { tables, sql } = await viewTables(snapshot, options.kind);
	const provenance: ExportProvenance = {
		...publicSource(snapshot, options.title, options.now),
		filters: {
			...Object.fromEntries(filters.map((f) => [f.name, f.values])),
			scheme: state.scheme,
			group_by: state.groupBy,
			weighting: state.weighting,
			usage_source: state.source,
			prices: state.prices
		},
		filterNote: filters.some((f) => f.values.length && DISTRICT_FILTERS.includes(f.name))
			? 'District filters do not cut the sample survey (domain-spec §3.2): its figures are for the whole survey population.'
			: null,
		sql,
		...(options.kind !== 'training' && snapshot.representationIntervals?.length
			? { bootstrap: snapshot.representationIntervals }
			: {})
	};
	const name = exportFileName(options.title, filters, options.now, 'zip');
	const files = await exportFiles(
		tables,
		options.format,
		provenance,
		{ parquet: options.parquet },
		{
			name: name.replace(/\.zip$/, '').toLowerCase(),
			extras: await reproduceFiles(snapshot.db, reproduceSpecOf(snapshot, options.kind))
		}
	);
	return { name, bytes: zipFiles(files) };
}

import type { Database } from '../db/database.ts';
import type { SqlQuery } from '../db/sql.ts';
import { PUBLIC_POLICY } from '../disclosure/disclose-view.ts';
import type { DataCatalog } from '../view/catalog.ts';
import { exportFiles, zipFiles } from './bundle.ts';
import { citeView } from './cite.ts';
import type { ExportProvenance, InputHash } from './datapackage.ts';
import { exportFileName, type NamedFilter } from './file-name.ts';
import type { ExportFormat } from './formats.ts';
import type { ParquetModule } from './parquet.ts';
import { scriptFiles } from './reproduce-files.ts';
import type { LogUnits } from './sql-script.ts';
import type { ExportTable } from './table.ts';

/**
 * The tables a chart (or a page such as the board brief) offers for download, computed from
 * the model it shows, with what the sidecar needs to say where they come from.
 */
export interface ChartTables {
	/** Short name of the view for the file name, e.g. "compare dosage". */
	readonly view: string;
	readonly tables: readonly ExportTable[];
	/** The picked districts, settings and filters, named in the file name and the sidecar. */
	readonly filters: readonly NamedFilter[];
	/** Further settings for the sidecar only (e.g. the poverty scheme). */
	readonly settings: Readonly<Record<string, unknown>>;
	/** What a filter did not apply to. */
	readonly filterNote: string | null;
	/** The SQL the page ran to compute the tables, in order (empty when not recorded). */
	readonly sql: readonly SqlQuery[];
	/** What the SQL listed covers, or why it is not recorded. */
	readonly sqlNote: string;
	/** The chart's "Copy as SQL" script; null when the chart has nothing it can rebuild. */
	readonly reproduce: ChartScript | null;
}

/**
 * A standalone script that rebuilds a chart's point estimates and counts from the canonical
 * CSVs, and the products whose units it reads from `usage_units.csv` (derived from logs).
 */
export interface ChartScript {
	readonly script: string;
	readonly fromLogs: readonly LogUnits[];
}

/** What the page knows about the data behind every chart. */
export interface ExportContext {
	readonly catalog: DataCatalog;
	/** The view's URL, query included. */
	readonly url: string;
	readonly inputs: readonly InputHash[];
	/** The database the page computed from: its canonical tables go into a reproducible bundle. */
	readonly db?: Database;
}

/**
 * What every download from the site says about its source: the view and its URL, the data
 * (version, origin, input hashes), public mode, the export time and the citation.
 */
export function publicSource(
	context: ExportContext,
	title: string,
	now: Date
): Omit<ExportProvenance, 'filters' | 'filterNote' | 'sql' | 'sqlNote'> {
	const { catalog, url } = context;
	return {
		view: title,
		url,
		inputs: context.inputs,
		dataVersion: catalog.dataVersion,
		origin: catalog.origin,
		mode: PUBLIC_POLICY.mode,
		profile: PUBLIC_POLICY.profile,
		exportedAt: now,
		cite: citeView({
			title,
			url,
			dataVersion: catalog.dataVersion,
			accessed: now.toISOString().slice(0, 10)
		})
	};
}

/**
 * A chart's download from its own tables: each table in the chosen format with
 * `datapackage.json` (view, URL, filters and settings, the SQL or why it is missing, data
 * version, input hashes, public mode and the cells it hid, citation), zipped and named after
 * the view, its filters (picked districts first) and the date. With the chart's script, the
 * canonical CSVs and `reproduce.sql` too (they need `context.db`): the script rebuilds the point
 * estimates and counts, while peer search, disclosure and intervals stay the app's.
 */
export async function buildChartExport(
	context: ExportContext,
	chart: ChartTables,
	options: {
		title: string;
		format: ExportFormat;
		now: Date;
		parquet: () => Promise<ParquetModule>;
	}
): Promise<{ name: string; bytes: Uint8Array }> {
	const provenance: ExportProvenance = {
		...publicSource(context, options.title, options.now),
		filters: {
			...Object.fromEntries(chart.filters.map((f) => [f.name, f.values])),
			...chart.settings
		},
		filterNote: chart.filterNote,
		sql: chart.sql,
		sqlNote: chart.sqlNote
	};
	const name = exportFileName(chart.view, chart.filters, options.now, 'zip');
	const { reproduce } = chart;
	if (reproduce && !context.db) throw new Error('a reproducible download needs the database');
	const extras =
		reproduce && context.db
			? await scriptFiles(context.db, reproduce.fromLogs, reproduce.script)
			: [];
	const files = await exportFiles(
		chart.tables,
		options.format,
		provenance,
		{ parquet: options.parquet },
		{ name: name.replace(/\.zip$/, '').toLowerCase(), extras }
	);
	return { name, bytes: zipFiles(files) };
}

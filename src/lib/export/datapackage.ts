import type { SqlQuery } from '../db/sql.ts';
import type { ColumnSpec, TableSpec } from '../schema/tables.ts';
import type { DisclosureProfile } from '../disclosure/profiles.ts';
import type { DataOrigin, DisclosureMode } from '../disclosure/view.ts';
import { APP_VERSION } from '../version.ts';
import type { Citation } from './cite.ts';
import { exportSources } from './sources.ts';
import type { ExportTable, ExportValue } from './table.ts';

/** One input dataset and the hash of its bytes. */
export interface InputHash {
	readonly name: string;
	readonly table: string;
	readonly sha256: string;
}

/** Where an export's figures come from and how they were computed. */
export interface ExportProvenance {
	/** The view exported, e.g. "Training rates by poverty level". */
	readonly view: string;
	/** The view's URL (query included) when exported from the site. */
	readonly url: string | null;
	/** Every active filter, by name. */
	readonly filters: Readonly<Record<string, unknown>>;
	/** What a filter did not apply to, e.g. a sample survey left whole. */
	readonly filterNote: string | null;
	/** The SQL the figures were computed with (text and bound parameters), in the order it ran. */
	readonly sql: readonly SqlQuery[];
	/** What the SQL listed covers, or why it is not recorded, when that needs saying. */
	readonly sqlNote?: string | null;
	readonly inputs: readonly InputHash[];
	readonly dataVersion: string | null;
	readonly origin: DataOrigin;
	readonly mode: DisclosureMode;
	readonly profile: DisclosureProfile;
	readonly exportedAt: Date;
	readonly cite: Citation | null;
	/** Bootstrap intervals computed on request (seed, resamples, level, clusters, limits). */
	readonly bootstrap?: readonly unknown[];
}

/** A file written beside the data: its name in the bundle, media type and format. */
export interface ResourceFile {
	readonly path: string;
	readonly format: string;
	readonly mediatype: string;
	readonly sha256: string;
	readonly table: ExportTable;
}

/** A file that reproduces the figures, with the description of the canonical table it holds. */
export interface ReproduceFile {
	readonly path: string;
	readonly sha256: string;
	readonly description?: string;
	readonly schema?: { readonly fields: readonly Readonly<Record<string, string>>[] };
}

/** The Frictionless field type of a DuckDB column type. */
function fieldType(type: ColumnSpec['type']): string {
	if (type === 'VARCHAR') return 'string';
	if (type === 'INTEGER') return 'integer';
	if (type === 'BOOLEAN') return 'boolean';
	if (type === 'DATE') return 'date';
	return 'number';
}

/** A canonical table's description and Table Schema fields (type, description, unit). */
export function canonicalSchema(table: TableSpec): Pick<ReproduceFile, 'description' | 'schema'> {
	return {
		description: table.description,
		schema: {
			fields: table.columns.map((c) => ({
				name: c.name,
				type: fieldType(c.type),
				description: c.description,
				...(c.unit ? { unit: c.unit } : {})
			}))
		}
	};
}

/** A cell disclosure control did not show exactly, as the sidecar lists it. */
export interface HiddenCell {
	readonly resource: string;
	readonly row: number;
	readonly key: Readonly<Record<string, ExportValue>>;
	readonly status: string;
	readonly note: string;
}

const KEY_COLUMNS = ['dataset', 'metric', 'period', 'product_id', 'group'];

/** The cells of figure tables whose status is suppressed or coarsened (shown only as a range). */
export function hiddenCells(tables: readonly ExportTable[]): HiddenCell[] {
	return tables.flatMap((t) =>
		t.rows.flatMap((row, i) =>
			row.status === 'suppressed' || row.status === 'coarsened'
				? [
						{
							resource: t.name,
							row: i + 1,
							key: Object.fromEntries((t.keys ?? KEY_COLUMNS).map((c) => [c, row[c] ?? null])),
							status: String(row.status),
							note: String(row.note ?? '')
						}
					]
				: []
		)
	);
}

/** Distinct values of a column across tables (interval methods, levels), in first-seen order. */
function distinct(tables: readonly ExportTable[], column: string): ExportValue[] {
	return [...new Set(tables.flatMap((t) => t.rows.map((r) => r[column] ?? null)))].filter(
		(v) => v !== null && v !== ''
	);
}

function suppressionRule(mode: DisclosureMode, profile: DisclosureProfile): string {
	if (mode === 'research') {
		return 'Research mode (user-loaded data only): values unsuppressed, with reliability flags; one-student groups never shown.';
	}
	const tiers = profile.codingTiers
		.map((t) => `n ≥ ${t.minN}: ≤${t.bottomPct}%/≥${t.topPct}%`)
		.join(', ');
	return (
		`Public mode, profile "${profile.label}": student-derived groups under n = ${profile.minN} hidden, ` +
		`complementary suppression within each partition, sample sizes shown as bands, rates top/bottom-coded (${tiers}); ` +
		'survey (district) cells get the reliability rule only. See docs/methodology.md#disclosure-control.'
	);
}

/**
 * The provenance of an export, as `datapackage.json` (under `adoption_gap`) and the command
 * line's `metrics` output write it: filters, SQL, input hashes, interval methods and levels,
 * mode, suppression rule and the cells it hid, app version, export time, citation.
 */
export function provenanceFields(provenance: ExportProvenance, tables: readonly ExportTable[]) {
	return {
		app_version: APP_VERSION,
		exported_at: provenance.exportedAt.toISOString(),
		view: provenance.view,
		url: provenance.url,
		data_version: provenance.dataVersion,
		inputs: provenance.inputs,
		sources: exportSources(
			provenance.origin,
			provenance.inputs.map((i) => i.name)
		),
		filters: provenance.filters,
		filter_note: provenance.filterNote,
		sql: provenance.sql,
		...(provenance.sqlNote ? { sql_note: provenance.sqlNote } : {}),
		...(provenance.bootstrap?.length ? { representation_bootstrap: provenance.bootstrap } : {}),
		interval: {
			methods: distinct(tables, 'method'),
			levels: distinct(tables, 'level')
		},
		mode: provenance.mode,
		suppression: {
			profile: provenance.profile.id,
			rule: suppressionRule(provenance.mode, provenance.profile),
			hidden: hiddenCells(tables)
		},
		cite: provenance.cite
	};
}

/**
 * The Frictionless Data Package (`datapackage.json`) describing an export: each file with its
 * Table Schema (column descriptions, types, units) and hash, the data sources with citations,
 * and the provenance under `adoption_gap`: filters, SQL, input hashes, interval methods and
 * levels, mode, suppression rule and the cells it hid, app version, export time, citation.
 */
export function dataPackage(
	provenance: ExportProvenance,
	resources: readonly ResourceFile[],
	name: string,
	reproduce: readonly ReproduceFile[] = []
) {
	const tables = resources.map((r) => r.table);
	return {
		profile: 'tabular-data-package',
		name,
		title: `Adoption Gap: ${provenance.view}`,
		created: provenance.exportedAt.toISOString(),
		resources: resources.map((r) => ({
			name: r.table.name,
			title: r.table.title,
			path: r.path,
			profile: 'tabular-data-resource',
			format: r.format,
			mediatype: r.mediatype,
			encoding: 'utf-8',
			hash: `sha256:${r.sha256}`,
			schema: {
				fields: r.table.fields,
				missingValues: [''],
				...(r.table.keys ? { primaryKey: r.table.keys } : {})
			}
		})),
		sources: exportSources(
			provenance.origin,
			provenance.inputs.map((i) => i.name)
		),
		adoption_gap: {
			...provenanceFields(provenance, tables),
			/** Canonical CSVs and the SQL script that rebuild the point estimates and counts. */
			reproduce
		}
	};
}

export type DataPackage = ReturnType<typeof dataPackage>;

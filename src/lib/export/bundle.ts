import { strToU8, zipSync } from 'fflate';
import type { TableSpec } from '../schema/tables.ts';
import { APP_VERSION } from '../version.ts';
import { toArrowIpc } from './arrow.ts';
import { toCsv, toJson } from './csv.ts';
import {
	canonicalSchema,
	dataPackage,
	type ExportProvenance,
	type ResourceFile
} from './datapackage.ts';
import { sha256Hex } from './hash.ts';
import { toParquet, type ParquetModule } from './parquet.ts';
import type { ExportTable } from './table.ts';
import { FORMAT_INFO, type ExportFormat } from './formats.ts';
import { toXlsx } from './xlsx.ts';

export { EXPORT_FORMATS, FORMAT_INFO, type ExportFormat } from './formats.ts';

/** A file of an export: its name inside the bundle and its bytes. */
export interface ExportFile {
	readonly name: string;
	readonly bytes: Uint8Array;
	/** The canonical table a CSV holds, described in `datapackage.json`. */
	readonly table?: TableSpec;
}

/** How formats that need a large library get it (loaded on first use). */
export interface FormatLoaders {
	readonly parquet: () => Promise<ParquetModule>;
}

/** The provenance lines of the XLSX `about` sheet. */
function aboutLines(p: ExportProvenance): [string, string][] {
	return [
		['view', p.view],
		['filters', JSON.stringify(p.filters)],
		['data version', p.dataVersion ?? ''],
		['mode', p.mode],
		['disclosure profile', p.profile.id],
		['app version', APP_VERSION],
		['exported at', p.exportedAt.toISOString()],
		['cite', p.cite?.text ?? ''],
		['provenance', 'datapackage.json, beside this file, has the SQL, input hashes and hidden cells']
	];
}

/** One table in one format. */
export async function encodeTable(
	table: ExportTable,
	format: ExportFormat,
	provenance: ExportProvenance,
	loaders: FormatLoaders
): Promise<Uint8Array> {
	switch (format) {
		case 'csv':
		case 'csv-excel':
			return strToU8(toCsv(table, { bom: format === 'csv-excel' }));
		case 'json':
			return strToU8(toJson(table));
		case 'arrow':
			return toArrowIpc(table);
		case 'parquet':
			return toParquet(await loaders.parquet(), table);
		case 'xlsx':
			return toXlsx(table, aboutLines(provenance));
	}
}

/**
 * The files of an export: each table in the chosen format, `extras` (e.g. the canonical CSVs and
 * SQL script that reproduce the figures) and `datapackage.json` describing all of them.
 */
export async function exportFiles(
	tables: readonly ExportTable[],
	format: ExportFormat,
	provenance: ExportProvenance,
	loaders: FormatLoaders,
	options: { name: string; extras?: readonly ExportFile[] }
): Promise<ExportFile[]> {
	const info = FORMAT_INFO[format];
	const resources: ResourceFile[] = [];
	const files: ExportFile[] = [];
	for (const table of tables) {
		const bytes = await encodeTable(table, format, provenance, loaders);
		const path = `${table.name}.${info.extension}`;
		files.push({ name: path, bytes });
		resources.push({ path, table, sha256: await sha256Hex(bytes), ...info });
	}
	const extras = options.extras ?? [];
	const extraHashes = await Promise.all(
		extras.map(async (f) => ({
			path: f.name,
			sha256: await sha256Hex(f.bytes),
			...(f.table ? canonicalSchema(f.table) : {})
		}))
	);
	const descriptor = dataPackage(provenance, resources, options.name, extraHashes);
	return [
		...files,
		...extras,
		{ name: 'datapackage.json', bytes: strToU8(`${JSON.stringify(descriptor, null, 2)}\n`) }
	];
}

/** Several export files as one zip (fflate; deterministic given the files). */
export function zipFiles(files: readonly ExportFile[]): Uint8Array {
	return zipSync(Object.fromEntries(files.map((f) => [f.name, f.bytes])), { level: 6 });
}

import type { Database } from '../db/database.ts';
import { chunkRecords } from './csv/chunks.ts';
import { issue } from './issues.ts';
import { resolveLimits } from './limits.ts';
import { loadChunks, notLoaded, type LoadOptions } from './load-chunks.ts';
import { readingOptions, type ColumnMapping } from './mapping/mapping.ts';
import { presetFor } from './mapping/presets.ts';
import { rankTables } from './mapping/suggest.ts';
import type { FileReport } from './report.ts';
import { openSource, type OpenOptions, type OpenedSource } from './source/open-source.ts';

export interface IngestOptions extends LoadOptions, OpenOptions {
	/** How columns map to the target table; by default the file's preset (SAIPE, LearnPlatform). */
	readonly mapping?: ColumnMapping;
}

/** Loads an opened source (Node, the command line, or the browser's main thread for small files). */
export function loadSource(
	db: Database,
	source: OpenedSource,
	mapping: ColumnMapping,
	options: LoadOptions = {}
): Promise<FileReport> {
	const { layout, ...info } = source;
	return loadChunks(
		db,
		info,
		chunkRecords(layout, resolveLimits(options.limits).chunkBytes),
		mapping,
		options
	);
}

/**
 * Reads, validates and loads one upload: bytes in, report out. Uses `options.mapping` (its header
 * line and worksheet, if set, choose how the file is read), else the preset recognised from the
 * file; without either the report asks for a mapping and names the likeliest tables. Never throws
 * for bad input; an abort rejects with the signal's reason.
 */
export async function ingestFile(
	db: Database,
	name: string,
	bytes: Uint8Array,
	options: IngestOptions = {}
): Promise<FileReport> {
	const reading = options.mapping ? readingOptions(options.mapping.options) : {};
	const opened = await openSource(name, bytes, { ...reading, ...options });
	if (!opened.ok)
		return notLoaded({ name }, options.mapping?.table ?? '', opened.issues, options.mapping);
	const mapping = options.mapping ?? presetFor(name, opened.source.header.fields)?.mapping;
	if (!mapping) {
		const ranked = rankTables(opened.source.header.fields).slice(0, 3);
		const hint =
			ranked.length > 0
				? ` The columns look most like: ${ranked.map((r) => `${r.table} (${r.fields} fields)`).join(', ')}.`
				: '';
		const { layout: _layout, ...info } = opened.source;
		return notLoaded(info, '', [
			issue(
				'error',
				'mapping_invalid',
				name,
				`No mapping was given and the file matches no known layout; choose the table it belongs to and map its columns.${hint}`
			)
		]);
	}
	return loadSource(db, opened.source, mapping, options);
}

import { readFile } from 'node:fs/promises';
import { basename } from 'node:path';
import type { CanonicalFile } from '../lib/ingest/canonical.ts';
import type { TableName } from '../lib/schema/tables.ts';
import type { FilterOptions } from './options.ts';
import { DataError } from './usage-error.ts';

const FIXED_TABLES = {
	survey: 'survey_responses',
	roster: 'usage_roster',
	districts: 'districts',
	products: 'products'
} as const satisfies Partial<Record<keyof FilterOptions, TableName>>;

/** Every table the command line's inputs can load (usage files go to one of the usage tables). */
export const INPUT_TABLES: readonly TableName[] = [
	...Object.values(FIXED_TABLES),
	'usage_aggregate',
	'usage_student_week'
];

/** A file's bytes; a missing or unreadable file is a data error naming it. */
export async function read(path: string): Promise<Uint8Array> {
	try {
		return await readFile(path);
	} catch (error) {
		throw new DataError(`cannot read ${path}: ${(error as NodeJS.ErrnoException).code ?? error}`);
	}
}

/** Usage files come at two grains; their header says which (`unit_type` marks aggregates). */
function usageTable(path: string, bytes: Uint8Array): TableName {
	const header = new TextDecoder().decode(bytes.subarray(0, 4096)).split(/\r?\n/)[0] ?? '';
	const columns = header.replace(/^\uFEFF/, '').split(',');
	if (columns.includes('unit_type')) return 'usage_aggregate';
	if (columns.includes('student_key')) return 'usage_student_week';
	throw new DataError(
		`${path}: line 1 has neither unit_type (aggregates) nor student_key (student-week logs); is it a usage file in the canonical format?`
	);
}

/**
 * Reads the input files named on the command line, each destined for its canonical table; the
 * inputs in `mapped` are left out (they go through the ingest with their `--mapping`).
 */
export async function readInputs(
	options: FilterOptions,
	mapped: ReadonlySet<string> = new Set()
): Promise<CanonicalFile[]> {
	const files: CanonicalFile[] = [];
	for (const [option, table] of Object.entries(FIXED_TABLES)) {
		const path = options[option as keyof typeof FIXED_TABLES];
		if (path && !mapped.has(option))
			files.push({ name: basename(path), table, bytes: await read(path) });
	}
	if (options.usage && !mapped.has('usage')) {
		const bytes = await read(options.usage);
		files.push({ name: basename(options.usage), table: usageTable(options.usage, bytes), bytes });
	}
	return files;
}

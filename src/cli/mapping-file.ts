import { readFile } from 'node:fs/promises';
import { basename } from 'node:path';
import type { Database } from '../lib/db/database.ts';
import type { InputHash } from '../lib/export/datapackage.ts';
import { sha256Hex } from '../lib/export/hash.ts';
import { ingestFile } from '../lib/ingest/ingest-file.ts';
import { parseMapping, type ColumnMapping } from '../lib/ingest/mapping/mapping.ts';
import { read } from './inputs.ts';
import { DataError, UsageError } from './usage-error.ts';

/** The input options of `metrics` and `validate`, and the tables a mapping for each may fill. */
export const INPUT_TABLES = {
	districts: ['districts'],
	products: ['products'],
	survey: ['survey_responses'],
	roster: ['usage_roster'],
	usage: ['usage_student_week', 'usage_aggregate']
} as const satisfies Record<string, readonly string[]>;

export type InputOption = keyof typeof INPUT_TABLES;

/** The input options in load order: the district reference first, so the others match against it. */
export const INPUT_ORDER: readonly InputOption[] = [
	'districts',
	'products',
	'survey',
	'roster',
	'usage'
];

/** Reads a mapping file (the JSON the website downloads); a bad one is a one-line usage error. */
export async function readMappingFile(path: string): Promise<ColumnMapping> {
	let text: string;
	try {
		text = await readFile(path, 'utf8');
	} catch (error) {
		throw new DataError(`cannot read ${path}: ${(error as NodeJS.ErrnoException).code ?? error}`);
	}
	const parsed = parseMapping(text);
	if (!parsed.ok) throw new UsageError(`--mapping ${path}: ${parsed.errors.join('; ')}`);
	return parsed.mapping;
}

/**
 * Pairs each mapping with the input option whose file it describes, by the mapping's table
 * (`survey_responses` → `--survey`, `usage_aggregate` → `--usage`, …). A mapping for a table no
 * given input fills, or two mappings for one input, is a usage error.
 */
export function assignMappings(
	mappings: readonly { path: string; mapping: ColumnMapping }[],
	given: ReadonlySet<InputOption>
): Map<InputOption, ColumnMapping> {
	const assigned = new Map<InputOption, ColumnMapping>();
	for (const { path, mapping } of mappings) {
		const option = INPUT_ORDER.find((o) =>
			(INPUT_TABLES[o] as readonly string[]).includes(mapping.table)
		);
		if (!option || !given.has(option)) {
			const where = option ? `no --${option} file was given` : 'no input option takes that table';
			throw new UsageError(`--mapping ${path}: its table is ${mapping.table}, but ${where}`);
		}
		if (assigned.has(option))
			throw new UsageError(`--mapping ${path}: a second mapping for the --${option} file`);
		assigned.set(option, mapping);
	}
	return assigned;
}

/** Reads every `--mapping` file and pairs it with its input. */
export async function readMappings(
	paths: readonly string[],
	given: ReadonlySet<InputOption>
): Promise<Map<InputOption, ColumnMapping>> {
	const mappings = [];
	for (const path of paths) mappings.push({ path, mapping: await readMappingFile(path) });
	return assignMappings(mappings, given);
}

/**
 * Loads the mapped inputs through the ingest (after the canonical files, so they match the
 * district reference). Any row rejected or file refused stops `metrics` with a data error that
 * names the file, the first problem and the `validate` command that lists them all. Returns
 * each loaded file with the SHA-256 of its bytes, for the provenance.
 */
export async function loadMappedInputs(
	db: Database,
	paths: Partial<Record<InputOption, string>>,
	mappings: ReadonlyMap<InputOption, ColumnMapping>
): Promise<InputHash[]> {
	const inputs: InputHash[] = [];
	for (const option of INPUT_ORDER) {
		const mapping = mappings.get(option);
		const path = paths[option];
		if (!mapping || !path) continue;
		const bytes = await read(path);
		const report = await ingestFile(db, basename(path), bytes, { mapping });
		const first = report.issues.find((i) => i.severity === 'error');
		if (report.status !== 'loaded' || report.rowsRejected > 0) {
			throw new DataError(
				`${path}: ${report.status === 'loaded' ? `${report.rowsRejected} of ${report.rowsRead} rows rejected` : 'not loaded'}${first ? `, first: ${first.message}` : ''} (adoption-gap validate --${option} ${path} --mapping … lists every issue)`
			);
		}
		inputs.push({ name: basename(path), table: mapping.table, sha256: await sha256Hex(bytes) });
	}
	return inputs;
}

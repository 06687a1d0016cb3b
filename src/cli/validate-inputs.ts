import type { ColumnMapping } from '../lib/ingest/mapping/mapping.ts';
import { LOAD_ORDER } from '../lib/workspace/engine.ts';
import { readMappingFile } from './mapping-file.ts';
import { UsageError } from './usage-error.ts';

/**
 * The file options of `validate`: every kind of file the "Your data" page takes, each option
 * repeatable, and the tables a file given with it may fill (a `--mapping` for one of them goes
 * with that option's files).
 */
export const VALIDATE_INPUTS = {
	districts: {
		tables: ['districts'],
		help: 'district reference: the Census SAIPE file or a district directory (CCD-style)'
	},
	products: {
		tables: ['products'],
		help: 'products with dosage rules, or LearnPlatform products_info.csv'
	},
	survey: { tables: ['survey_responses'], help: 'survey responses' },
	'replicate-weights': {
		tables: ['survey_replicate_weights'],
		help: 'survey replicate weights (one row per respondent and replicate)'
	},
	usage: {
		tables: ['usage_student_week', 'usage_aggregate'],
		help: 'usage: student-week logs or school/district aggregates (told apart by their columns)'
	},
	roster: {
		tables: ['usage_roster'],
		help: 'usage roster (who had access), with student-week logs'
	},
	calendar: {
		tables: ['calendar_exclusions'],
		help: 'calendar exclusions (weeks without instruction) for student-week logs'
	},
	engagement: {
		tables: ['daily_touch'],
		help: 'LearnPlatform engagement_data/<district>.csv(.gz); the district is the file name'
	},
	'lp-districts': {
		tables: ['daily_touch_districts', 'lp_districts'],
		help: 'LearnPlatform districts_info.csv (to lp_districts with a --mapping for that table)'
	}
} as const satisfies Record<string, { tables: readonly string[]; help: string }>;

export type ValidateInput = keyof typeof VALIDATE_INPUTS;

/** One file named on the command line, with the option that named it. */
export interface InputFile {
	readonly option: ValidateInput;
	readonly path: string;
}

/**
 * Pairs each `--mapping` with the files of the option whose tables include its table. One
 * mapping for an option goes with every file of it; several go with its files in the order both
 * were given (so their numbers must agree). A mapping no given file can take is a usage error.
 */
export function assignInputMappings(
	mappings: readonly { path: string; mapping: ColumnMapping }[],
	files: readonly InputFile[]
): Map<InputFile, ColumnMapping> {
	const byOption = new Map<ValidateInput, { path: string; mapping: ColumnMapping }[]>();
	for (const entry of mappings) {
		const option = (Object.keys(VALIDATE_INPUTS) as ValidateInput[]).find((o) =>
			(VALIDATE_INPUTS[o].tables as readonly string[]).includes(entry.mapping.table)
		);
		if (!option || !files.some((f) => f.option === option)) {
			const where = option ? `no --${option} file was given` : 'no input option takes that table';
			throw new UsageError(
				`--mapping ${entry.path}: its table is ${entry.mapping.table}, but ${where}`
			);
		}
		byOption.set(option, [...(byOption.get(option) ?? []), entry]);
	}
	const assigned = new Map<InputFile, ColumnMapping>();
	for (const [option, entries] of byOption) {
		const ofOption = files.filter((f) => f.option === option);
		if (entries.length > 1 && entries.length !== ofOption.length)
			throw new UsageError(
				`${entries.length} mappings for ${ofOption.length} --${option} files: give one mapping for all of them, or one per file in the same order`
			);
		ofOption.forEach((file, i) => assigned.set(file, entries[entries.length > 1 ? i : 0]!.mapping));
	}
	return assigned;
}

/** Reads every `--mapping` file and pairs it with the files it describes. */
export async function readInputMappings(
	paths: readonly string[],
	files: readonly InputFile[]
): Promise<Map<InputFile, ColumnMapping>> {
	const mappings = [];
	for (const path of paths) mappings.push({ path, mapping: await readMappingFile(path) });
	return assignInputMappings(mappings, files);
}

/**
 * The files in the order the "Your data" page loads them (`LOAD_ORDER` of their tables: the
 * district reference first, so the others match against it); files of one table keep their order.
 * A file without a mapping (it will not load) comes last.
 */
export function inLoadOrder<T extends { mapping?: ColumnMapping }>(files: readonly T[]): T[] {
	const rank = (f: T) => {
		const i = f.mapping ? LOAD_ORDER.indexOf(f.mapping.table) : -1;
		return i < 0 ? LOAD_ORDER.length : i;
	};
	return files
		.map((f, i) => ({ f, i }))
		.sort((a, b) => rank(a.f) - rank(b.f) || a.i - b.i)
		.map(({ f }) => f);
}

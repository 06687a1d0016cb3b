import { findTarget } from '../targets/index.ts';

/** Why a value is NULL (domain-spec §1.6). */
export type MissingReason = 'missing' | 'not_applicable' | 'suppressed' | 'unknown';

export const MISSING_REASONS: readonly MissingReason[] = [
	'missing',
	'not_applicable',
	'suppressed',
	'unknown'
];

/** Options that change how values are read; every one is a decision the user can see and change. */
export interface MappingOptions {
	/** How a bare 4-digit school year is read: the fall year (2024 = 2024-25) or the spring year (2025 = 2024-25). */
	readonly year_mapping?: 'fall' | 'spring';
	/** `districts`: with `school_year_start` unmapped, it is `saipe_year + saipe_lag` (domain-spec §1.9). */
	readonly saipe_lag?: number;
	/** Per field: are plain numbers proportions (0.67) or percentages (67)? Settles `ambiguous_scale`. */
	readonly scales?: Readonly<Record<string, 'percent' | 'proportion'>>;
	/** Extra or overriding missing-value codes, e.g. `{ "NaN": "suppressed" }`. */
	readonly missing_codes?: Readonly<Record<string, MissingReason>>;
	/** Per field: one raw value for every row (e.g. a district ID taken from the file name). */
	readonly constants?: Readonly<Record<string, string>>;
	/** Which row of a duplicate key is loaded (default `keep_first`). */
	readonly duplicates?: 'keep_first' | 'keep_last';
	/** The header's line (1-based), when the automatic search picks the wrong one. */
	readonly header_line?: number;
	/** XLSX: the worksheet to read, by name (default: the first sheet). */
	readonly sheet?: string;
}

/** How the file itself is read under `options` (the header line and worksheet chosen, if any). */
export function readingOptions(options: MappingOptions): {
	headerLine?: number;
	sheet?: string;
} {
	return {
		...(options.header_line === undefined ? {} : { headerLine: options.header_line }),
		...(options.sheet === undefined ? {} : { sheet: options.sheet })
	};
}

/**
 * Which source column fills each field of a target table (JSON-serialisable, so a mapping can be
 * saved and reused). `null` or an absent field means "not in this file".
 */
export interface ColumnMapping {
	readonly version: 1;
	readonly table: string;
	readonly columns: Readonly<Record<string, string | null>>;
	readonly options: MappingOptions;
}

export type MappingParse =
	| { readonly ok: true; readonly mapping: ColumnMapping }
	| { readonly ok: false; readonly errors: readonly string[] };

const OPTION_KEYS = [
	'year_mapping',
	'saipe_lag',
	'scales',
	'missing_codes',
	'constants',
	'duplicates',
	'header_line',
	'sheet'
];

function isRecord(value: unknown): value is Record<string, unknown> {
	return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/**
 * Validates a mapping read from JSON (text or parsed): the version, a known table, fields of that
 * table, header names as strings and every option's type. Returns every error, each naming the path.
 */
export function parseMapping(input: unknown): MappingParse {
	let value = input;
	if (typeof input === 'string') {
		try {
			value = JSON.parse(input);
		} catch (error) {
			return {
				ok: false,
				errors: [
					`the mapping is not valid JSON: ${error instanceof Error ? error.message : String(error)}`
				]
			};
		}
	}
	if (!isRecord(value)) return { ok: false, errors: ['the mapping must be a JSON object'] };
	const errors: string[] = [];
	if (value.version !== 1) errors.push(`version: expected 1, got ${JSON.stringify(value.version)}`);
	const target = typeof value.table === 'string' ? findTarget(value.table) : undefined;
	if (!target) errors.push(`table: unknown table ${JSON.stringify(value.table)}`);
	const fields = new Set(target?.fields.map((f) => f.name) ?? []);
	if (!isRecord(value.columns))
		errors.push('columns: expected an object of field → source column (or null)');
	else {
		for (const [field, header] of Object.entries(value.columns)) {
			if (target && !fields.has(field))
				errors.push(`columns.${field}: ${target.spec.name} has no field "${field}"`);
			if (header !== null && typeof header !== 'string')
				errors.push(
					`columns.${field}: expected a column name or null, got ${JSON.stringify(header)}`
				);
		}
	}
	const options = value.options ?? {};
	if (!isRecord(options)) errors.push('options: expected an object');
	else errors.push(...optionErrors(options, fields));
	if (errors.length > 0) return { ok: false, errors };
	return {
		ok: true,
		mapping: {
			version: 1,
			table: value.table as string,
			columns: value.columns as Record<string, string | null>,
			options: options as MappingOptions
		}
	};
}

function optionErrors(options: Record<string, unknown>, fields: ReadonlySet<string>): string[] {
	const errors: string[] = [];
	for (const key of Object.keys(options))
		if (!OPTION_KEYS.includes(key)) errors.push(`options.${key}: unknown option`);
	const { year_mapping, saipe_lag, scales, missing_codes, constants, duplicates } = options;
	const { header_line, sheet } = options;
	if (year_mapping !== undefined && year_mapping !== 'fall' && year_mapping !== 'spring')
		errors.push(
			`options.year_mapping: expected "fall" or "spring", got ${JSON.stringify(year_mapping)}`
		);
	if (
		saipe_lag !== undefined &&
		!(Number.isInteger(saipe_lag) && (saipe_lag as number) >= 0 && (saipe_lag as number) <= 5)
	)
		errors.push(
			`options.saipe_lag: expected a whole number from 0 to 5, got ${JSON.stringify(saipe_lag)}`
		);
	if (duplicates !== undefined && duplicates !== 'keep_first' && duplicates !== 'keep_last')
		errors.push(
			`options.duplicates: expected "keep_first" or "keep_last", got ${JSON.stringify(duplicates)}`
		);
	if (header_line !== undefined && !(Number.isInteger(header_line) && (header_line as number) >= 1))
		errors.push(
			`options.header_line: expected a line number from 1, got ${JSON.stringify(header_line)}`
		);
	if (sheet !== undefined && (typeof sheet !== 'string' || sheet === ''))
		errors.push(`options.sheet: expected a worksheet name, got ${JSON.stringify(sheet)}`);
	errors.push(
		...recordErrors(
			'scales',
			scales,
			(v) => v === 'percent' || v === 'proportion',
			'"percent" or "proportion"',
			fields
		)
	);
	errors.push(
		...recordErrors(
			'missing_codes',
			missing_codes,
			(v) => MISSING_REASONS.includes(v as MissingReason),
			MISSING_REASONS.map((r) => `"${r}"`).join(', ')
		)
	);
	errors.push(
		...recordErrors('constants', constants, (v) => typeof v === 'string', 'a string', fields)
	);
	return errors;
}

function recordErrors(
	name: string,
	value: unknown,
	valid: (v: unknown) => boolean,
	expected: string,
	fields?: ReadonlySet<string>
): string[] {
	if (value === undefined) return [];
	if (!isRecord(value)) return [`options.${name}: expected an object`];
	const errors: string[] = [];
	for (const [key, v] of Object.entries(value)) {
		if (fields && fields.size > 0 && !fields.has(key))
			errors.push(`options.${name}.${key}: no such field`);
		if (!valid(v))
			errors.push(`options.${name}.${key}: expected ${expected}, got ${JSON.stringify(v)}`);
	}
	return errors;
}

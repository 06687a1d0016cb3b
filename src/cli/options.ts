import { parseArgs } from 'node:util';
import { EXPORT_FORMATS, type ExportFormat } from '../lib/export/bundle.ts';
import { DISCLOSURE_PROFILES } from '../lib/disclosure/profiles.ts';
import type { IntervalMethod } from '../lib/stats/domain-interval.ts';
import { UsageError } from './usage-error.ts';
import { VALIDATE_INPUTS, type InputFile, type ValidateInput } from './validate-inputs.ts';

/** The options of `adoption-gap metrics`, one place for parsing and for `--help`. */
export const METRICS_OPTIONS = {
	survey: { type: 'string', help: 'survey responses CSV (canonical survey_responses columns)' },
	usage: {
		type: 'string',
		help: 'usage CSV: student-week logs or school/district aggregates (told apart by their columns)'
	},
	roster: { type: 'string', help: 'usage roster CSV (who had access), with student-week logs' },
	districts: { type: 'string', help: 'district reference CSV (poverty, locale, enrollment)' },
	products: { type: 'string', help: 'products CSV with dosage rules' },
	mapping: {
		type: 'string',
		multiple: true,
		help: 'mapping JSON for a file not in the canonical format (the website downloads it); repeatable'
	},
	state: {
		type: 'string',
		multiple: true,
		help: 'keep districts of this state (USPS code); repeatable'
	},
	locale: {
		type: 'string',
		multiple: true,
		help: 'keep this locale group (city, suburb, town, rural); repeatable'
	},
	'poverty-level': {
		type: 'string',
		multiple: true,
		help: "keep districts of this SAIPE child-poverty quartile (Q1 lowest … Q4 highest) for usage figures, as the site's level filter; repeatable"
	},
	year: {
		type: 'string',
		help: 'school year by its fall year, e.g. 2024 for 2024-25 (usage, and the survey waves of that year)'
	},
	wave: { type: 'string', help: 'survey wave, e.g. "fall 2024" (default: the latest)' },
	interval: { type: 'string', help: 'survey intervals: wilson (default) or korn-graubard' },
	product: { type: 'string', multiple: true, help: 'keep this product id; repeatable' },
	mode: {
		type: 'string',
		help: 'public (default: suppression on) or research (your own data only, not the demo data)'
	},
	profile: {
		type: 'string',
		help: `disclosure profile of the suppression rules: ${DISCLOSURE_PROFILES.map((p) => p.id).join(', ')} (default: default, minimum n 10)`
	},
	format: { type: 'string', help: 'json (default) or csv' },
	out: { type: 'string', help: 'output file (default: standard output)' },
	help: { type: 'boolean', short: 'h', help: 'show this help' }
} as const;

/** The options of `adoption-gap export`: the inputs and filters of `metrics`, other formats. */
export const EXPORT_OPTIONS = {
	...METRICS_OPTIONS,
	format: {
		type: 'string',
		help: `${EXPORT_FORMATS.join(', ')} (default: csv; csv-excel has a UTF-8 byte-order mark)`
	},
	out: {
		type: 'string',
		help: 'a .zip bundle, or a folder to write the files into (default: a .zip named after the filters and date)'
	}
} as const;

/** The options of `adoption-gap validate`: every kind of file the website takes, each repeatable. */
export const VALIDATE_OPTIONS = {
	...(Object.fromEntries(
		Object.entries(VALIDATE_INPUTS).map(([name, input]) => [
			name,
			{ type: 'string', multiple: true, help: `${input.help}; repeatable` }
		])
	) as Record<ValidateInput, { type: 'string'; multiple: true; help: string }>),
	mapping: {
		type: 'string',
		multiple: true,
		help: 'mapping JSON for files not in the canonical format (the website downloads it); one for every file of its table, or one per file in order; repeatable'
	},
	format: {
		type: 'string',
		help: 'text (default: a summary with every issue) or json (the report)'
	},
	out: METRICS_OPTIONS.out,
	help: METRICS_OPTIONS.help
} as const;

type OptionSpec = {
	readonly type: 'string' | 'boolean';
	readonly multiple?: boolean;
	readonly short?: string;
	readonly help: string;
};
type Values = Record<string, string | boolean | (string | boolean)[] | undefined>;

/** The inputs, filters and mode shared by `metrics` and `export`. */
export interface FilterOptions {
	survey?: string;
	usage?: string;
	roster?: string;
	districts?: string;
	products?: string;
	state: string[];
	locale: string[];
	povertyLevel: string[];
	year?: number;
	wave?: string;
	/** Interval method of the survey figures. */
	interval: IntervalMethod;
	product: string[];
	mapping: string[];
	mode: 'public' | 'research';
	/** A `DISCLOSURE_PROFILES` id. */
	profile: string;
	help: boolean;
}

export interface MetricsOptions extends FilterOptions {
	format: 'json' | 'csv';
	out?: string;
}

export interface ExportOptions extends FilterOptions {
	format: ExportFormat;
	out?: string;
}

function oneOf<T extends string>(
	name: string,
	value: string | undefined,
	allowed: readonly T[],
	fallback: T
): T {
	if (value === undefined) return fallback;
	if ((allowed as readonly string[]).includes(value)) return value as T;
	throw new UsageError(`--${name} must be one of ${allowed.join(', ')}, not "${value}"`);
}

function parse(specs: Record<string, OptionSpec>, args: string[]): Values {
	const config = Object.fromEntries(
		Object.entries(specs).map(([name, spec]) => {
			const { help: _help, ...rest } = spec;
			return [name, rest];
		})
	);
	try {
		return parseArgs({ args, options: config, strict: true, allowPositionals: false }).values;
	} catch (error) {
		throw new UsageError((error as Error).message.split('\n')[0] ?? 'invalid arguments');
	}
}

function filterOptions(values: Values): FilterOptions {
	const year = values.year as string | undefined;
	if (year !== undefined && !/^\d{4}$/.test(year)) {
		throw new UsageError(`--year must be a four-digit fall year such as 2024, not "${year}"`);
	}
	return {
		survey: values.survey as string | undefined,
		usage: values.usage as string | undefined,
		roster: values.roster as string | undefined,
		districts: values.districts as string | undefined,
		products: values.products as string | undefined,
		state: ((values.state as string[] | undefined) ?? []).map((s) => s.toUpperCase()),
		locale: ((values.locale as string[] | undefined) ?? []).map((s) => s.toLowerCase()),
		povertyLevel: (values['poverty-level'] as string[] | undefined) ?? [],
		year: year === undefined ? undefined : Number(year),
		wave: values.wave as string | undefined,
		interval: oneOf(
			'interval',
			values.interval as string | undefined,
			['wilson', 'korn-graubard'],
			'wilson'
		),
		product: (values.product as string[] | undefined) ?? [],
		mapping: (values.mapping as string[] | undefined) ?? [],
		mode: oneOf('mode', values.mode as string | undefined, ['public', 'research'], 'public'),
		profile: oneOf(
			'profile',
			values.profile as string | undefined,
			DISCLOSURE_PROFILES.map((p) => p.id),
			'default'
		),
		help: values.help === true
	};
}

/** Parses `metrics` arguments; throws `UsageError` with a one-line message on any mistake. */
export function parseMetricsOptions(args: string[]): MetricsOptions {
	const values = parse(METRICS_OPTIONS, args);
	return {
		...filterOptions(values),
		format: oneOf('format', values.format as string | undefined, ['json', 'csv'], 'json'),
		out: values.out as string | undefined
	};
}

/** Parses `export` arguments; throws `UsageError` with a one-line message on any mistake. */
export function parseExportOptions(args: string[]): ExportOptions {
	const values = parse(EXPORT_OPTIONS, args);
	return {
		...filterOptions(values),
		format: oneOf('format', values.format as string | undefined, EXPORT_FORMATS, 'csv'),
		out: values.out as string | undefined
	};
}

export interface ValidateOptions {
	/** The files, by option in the order of `VALIDATE_INPUTS`, each option's in the order given. */
	files: InputFile[];
	mapping: string[];
	format: 'text' | 'json';
	out?: string;
	help: boolean;
}

/** Parses `validate` arguments; throws `UsageError` with a one-line message on any mistake. */
export function parseValidateOptions(args: string[]): ValidateOptions {
	const values = parse(VALIDATE_OPTIONS, args);
	const options = Object.keys(VALIDATE_INPUTS) as ValidateInput[];
	return {
		files: options.flatMap((option) =>
			((values[option] as string[] | undefined) ?? []).map((path) => ({ option, path }))
		),
		mapping: (values.mapping as string[] | undefined) ?? [],
		format: oneOf('format', values.format as string | undefined, ['text', 'json'], 'text'),
		out: values.out as string | undefined,
		help: values.help === true
	};
}

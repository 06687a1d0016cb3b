import { parseArgs } from 'node:util';
import { UsageError } from './usage-error.ts';

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
	'poverty-level': { type: 'string', multiple: true, help: 'keep this poverty level; repeatable' },
	year: { type: 'string', help: 'school year by its fall year, e.g. 2024 for 2024-25' },
	wave: { type: 'string', help: 'survey wave, e.g. "fall 2024" (default: the latest)' },
	product: { type: 'string', multiple: true, help: 'keep this product id; repeatable' },
	mode: {
		type: 'string',
		help: 'public (default: suppression on) or research (your own data only)'
	},
	format: { type: 'string', help: 'json (default) or csv' },
	out: { type: 'string', help: 'output file (default: standard output)' },
	help: { type: 'boolean', short: 'h', help: 'show this help' }
} as const;

type OptionSpec = (typeof METRICS_OPTIONS)[keyof typeof METRICS_OPTIONS];

export interface MetricsOptions {
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
	product: string[];
	mode: 'public' | 'research';
	format: 'json' | 'csv';
	out?: string;
	help: boolean;
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

/** Parses `metrics` arguments; throws `UsageError` with a one-line message on any mistake. */
export function parseMetricsOptions(args: string[]): MetricsOptions {
	const config = Object.fromEntries(
		Object.entries(METRICS_OPTIONS).map(([name, spec]: [string, OptionSpec]) => {
			const { help, ...rest } = spec;
			return [name, rest];
		})
	);
	let values: Record<string, string | string[] | boolean | undefined>;
	try {
		({ values } = parseArgs({ args, options: config, strict: true, allowPositionals: false }));
	} catch (error) {
		throw new UsageError((error as Error).message.split('\n')[0] ?? 'invalid arguments');
	}
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
		product: (values.product as string[] | undefined) ?? [],
		mode: oneOf('mode', values.mode as string | undefined, ['public', 'research'], 'public'),
		format: oneOf('format', values.format as string | undefined, ['json', 'csv'], 'json'),
		out: values.out as string | undefined,
		help: values.help === true
	};
}

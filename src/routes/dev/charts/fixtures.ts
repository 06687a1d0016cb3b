import { intervalData, type EstimateLike } from '#lib/charts/interval/interval-data.ts';

/** Fixed figures for the chart gallery: invented, shaped like the metrics' rows. */

export const POVERTY_ORDER = [
	{ group: 'low', label: 'Low-poverty districts' },
	{ group: 'middle', label: 'Middle-poverty districts' },
	{ group: 'high', label: 'High-poverty districts' }
];

const estimate = (
	group: string,
	value: number | null,
	ci: [number, number] | null,
	n: number,
	nEff: number | null,
	reliability: EstimateLike['reliability'] = 'ok',
	flags: string[] = []
): EstimateLike => ({
	group,
	estimate: value,
	lo: ci?.[0] ?? null,
	hi: ci?.[1] ?? null,
	n_unweighted: n,
	n_eff: nEff,
	reliability,
	flags
});

export const TRAINING_2024 = intervalData(
	[
		estimate('low', 0.64, [0.55, 0.72], 96, 112),
		estimate('middle', 0.44, [0.33, 0.55], 88, 64, 'caution', ['caution']),
		estimate('high', 0.37, [0.29, 0.46], 84, 104)
	],
	POVERTY_ORDER,
	'2024'
);

export const TRAINING_2023 = intervalData(
	[
		estimate('low', 0.31, [0.23, 0.4], 81, 102),
		estimate('middle', 0.22, [0.14, 0.32], 74, 58, 'caution', ['caution']),
		estimate('high', 0.12, [0.07, 0.2], 76, 101)
	],
	POVERTY_ORDER,
	'2023'
);

export const RAND_REFERENCES = [
	{ group: 'low', value: 0.67 },
	{ group: 'middle', value: 0.42 },
	{ group: 'high', value: 0.39 }
];

export const TRAINING_BY_LOCALE = intervalData(
	[
		estimate('city', 0.52, [0.4, 0.64], 61, 58, 'caution', ['caution']),
		estimate('suburb', 0.61, [0.52, 0.7], 102, 121),
		estimate('town', null, [0.05, 0.62], 14, 9, 'unreliable', ['unreliable']),
		estimate('rural', 0.31, [0.24, 0.38], 139, 133),
		estimate('remote', null, null, 0, null, 'unreliable', ['no_data', 'unreliable'])
	],
	[
		{ group: 'city', label: 'City districts' },
		{ group: 'suburb', label: 'Suburban districts' },
		{ group: 'town', label: 'Town districts' },
		{ group: 'rural', label: 'Rural districts' },
		{ group: 'remote', label: 'Remote rural districts' }
	]
);

export const FUNNEL_GROUPS = [
	{ group: 'low', label: 'Students in low-poverty districts', short: 'Low' },
	{ group: 'middle', label: 'Students in middle-poverty districts', short: 'Middle' },
	{ group: 'high', label: 'Students in high-poverty districts', short: 'High' }
];

const rate = (
	estimate: number | null,
	ci: [number, number] | null,
	numerator: number | null,
	denominator: number | null,
	denominator_label: string
) => ({
	estimate,
	lo: ci?.[0] ?? null,
	hi: ci?.[1] ?? null,
	numerator,
	denominator,
	denominator_label
});

const ENROLLED = 'enrolled students';
const LICENSED = 'licensed students';
const EVALUABLE = 'licensed students with enough eligible weeks';

export const FUNNEL_ROWS = [
	{
		poverty_group: 'low',
		rates: {
			access_rate: rate(0.75, [0.71, 0.79], 15000, 20000, ENROLLED),
			activation_rate: rate(0.78, [0.74, 0.82], 11700, 15000, LICENSED),
			regular_rate: rate(0.28, [0.25, 0.31], 4200, 15000, LICENSED),
			dosage_rate_access: rate(0.079, [0.071, 0.088], 1020, 12900, EVALUABLE)
		}
	},
	{
		poverty_group: 'middle',
		rates: {
			access_rate: rate(0.71, [0.67, 0.75], 21300, 30000, ENROLLED),
			activation_rate: rate(0.72, [0.69, 0.75], 15336, 21300, LICENSED),
			regular_rate: rate(0.22, [0.2, 0.24], 4686, 21300, LICENSED),
			dosage_rate_access: rate(0.052, [0.046, 0.059], 980, 18850, EVALUABLE)
		}
	},
	{
		poverty_group: 'high',
		rates: {
			access_rate: rate(0.82, [0.78, 0.86], 14760, 18000, ENROLLED),
			activation_rate: rate(0.66, [0.62, 0.7], 9742, 14760, LICENSED),
			regular_rate: rate(0.15, [0.13, 0.17], 2214, 14760, LICENSED),
			dosage_rate_access: rate(0.031, [0.026, 0.037], 412, 13290, EVALUABLE)
		}
	}
];

/** A second product with a group nobody was licensed in, and counts withheld. */
export const FUNNEL_ROWS_GAPS = [
	{
		poverty_group: 'low',
		rates: {
			access_rate: rate(0.4, [0.3, 0.5], null, null, ENROLLED),
			activation_rate: rate(0.9, [0.85, 0.94], null, null, LICENSED),
			regular_rate: rate(0, [0, 0.03], null, null, LICENSED),
			dosage_rate_access: rate(0, [0, 0.03], null, null, EVALUABLE)
		}
	},
	{
		poverty_group: 'high',
		rates: {
			access_rate: rate(0, [0, 0.01], 0, 900, ENROLLED),
			activation_rate: rate(null, null, 0, 0, LICENSED),
			regular_rate: rate(null, null, 0, 0, LICENSED),
			dosage_rate_access: rate(null, null, null, null, EVALUABLE)
		}
	}
];

/** A seeded generator (LCG) so the gallery's districts are the same on every build. */
function seeded(seed: number): () => number {
	let state = seed;
	return () => {
		state = (state * 1664525 + 1013904223) % 4294967296;
		return state / 4294967296;
	};
}

function districtRates(group: string, n: number, centre: number, spread: number, seed: number) {
	const random = seeded(seed);
	return Array.from({ length: n }, (_, i) => {
		const normal = Math.sqrt(-2 * Math.log(1 - random())) * Math.cos(2 * Math.PI * random());
		const value = Math.max(0, Math.round((centre + spread * normal) * 1000) / 1000);
		return { id: `${group}-${i}`, group, value: i % 29 === 28 ? null : value };
	});
}

export const DISTRICT_DOSAGE_RATES = [
	...districtRates('low', 70, 0.085, 0.03, 1),
	...districtRates('middle', 110, 0.055, 0.025, 2),
	...districtRates('high', 64, 0.032, 0.02, 3)
];

/** `decomposeUseGap` of the funnel above: high- over low-poverty, dosage per licensed. */
export const DECOMPOSITION = {
	access_ratio: 0.82 / 0.75,
	conversion_ratio: 0.031 / 0.079,
	use_ratio: (0.82 / 0.75) * (0.031 / 0.079),
	access_share: Math.log(0.82 / 0.75) / Math.log((0.82 / 0.75) * (0.031 / 0.079)),
	conversion_share: 1 - Math.log(0.82 / 0.75) / Math.log((0.82 / 0.75) * (0.031 / 0.079))
};

/** A product where access drives most of the gap. */
export const DECOMPOSITION_ACCESS = {
	access_ratio: 0.45,
	conversion_ratio: 0.8,
	use_ratio: 0.36,
	access_share: Math.log(0.45) / Math.log(0.36),
	conversion_share: Math.log(0.8) / Math.log(0.36)
};

export const REPRESENTATION = [
	{ poverty_group: 'low', base_share: 0.29, dosage_share: 0.42, representation_index: 0.42 / 0.29 },
	{
		poverty_group: 'middle',
		base_share: 0.44,
		dosage_share: 0.4,
		representation_index: 0.4 / 0.44
	},
	{ poverty_group: 'high', base_share: 0.27, dosage_share: 0.18, representation_index: 0.18 / 0.27 }
];

/** One row per kind of missing value, for the MissingValue and DataTable demo. */
export const MISSINGNESS_TABLE = {
	caption: 'The four kinds of missing value, as every table and chart shows them',
	columns: [
		{ id: 'case', label: 'Case' },
		{ id: 'value', label: 'Shown as', numeric: true }
	],
	rows: [
		{
			key: 'min-n',
			header: 'A group below the minimum size',
			cells: { value: { absent: { status: 'suppressed', reason: 'min_n', label: 'n<10' } } }
		},
		{
			key: 'unreliable',
			header: 'An estimate too imprecise to show',
			cells: { value: { absent: { status: 'suppressed', reason: 'unreliable', label: '‡' } } }
		},
		{
			key: 'missing',
			header: 'A count the district did not report',
			cells: { value: { absent: { status: 'missing', reason: 'missing' } } }
		},
		{
			key: 'not-applicable',
			header: 'A rate over zero students',
			cells: { value: { absent: { status: 'not_applicable', reason: 'zero_denominator' } } }
		},
		{
			key: 'true-zero',
			header: 'No student met the rule',
			cells: { value: { absent: { status: 'true_zero', value: 0 }, zeroText: '0%' } }
		},
		{ key: 'shown', header: 'A plain value', cells: { value: '42%' } }
	]
} as const;

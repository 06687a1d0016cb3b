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

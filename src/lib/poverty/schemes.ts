/**
 * Poverty category schemes (domain-spec §2.2, §2.5). Every result names the scheme in force;
 * the headline gap compares the scheme's top category (`high`) with its bottom one (`low`).
 */

/** Typed scheme ids; the default for recomputed district comparisons is `saipe-quartiles` [D]. */
export const POVERTY_SCHEME_IDS = [
	'survey',
	'saipe-quartiles',
	'saipe-tertiles',
	'meps-quartiles',
	'frpl-nces4',
	'frpl-nces3'
] as const;

export type PovertySchemeId = (typeof POVERTY_SCHEME_IDS)[number];

/** Continuous district measures of §2.1 (P-SAIPE, P-MEPS, P-FRPL). */
export type PovertyMeasure = 'saipe' | 'meps' | 'frpl';

/** The label every row of an unclassifiable district (or respondent) carries. */
export const UNKNOWN_POVERTY = 'unknown';

export interface PovertyScheme {
	readonly id: PovertySchemeId;
	/** Printed on every chart and export. */
	readonly label: string;
	/** Shown beside the label (e.g. "not RAND's definition"); empty when none. */
	readonly caveat: string;
	/** The measure classified; `null` for the survey's own variable. */
	readonly measure: PovertyMeasure | null;
	/** Category labels from lowest to highest poverty; empty for passthrough (verbatim values). */
	readonly levels: readonly string[];
	/** Number of quantile groups, for quantile schemes. */
	readonly quantiles: 3 | 4 | null;
}

const QUARTILES = ['Q1', 'Q2', 'Q3', 'Q4'] as const;

export const POVERTY_SCHEMES: Readonly<Record<PovertySchemeId, PovertyScheme>> = {
	survey: {
		id: 'survey',
		label: "The survey's own poverty levels",
		caveat: 'Passed through verbatim; RAND has not published its definition',
		measure: null,
		levels: [],
		quantiles: null
	},
	'saipe-quartiles': {
		id: 'saipe-quartiles',
		label: 'Census SAIPE child-poverty quartiles (Q1 lowest poverty)',
		caveat: 'Quartile cutpoints are computed per school year and stored with the results',
		measure: 'saipe',
		levels: QUARTILES,
		quantiles: 4
	},
	'saipe-tertiles': {
		id: 'saipe-tertiles',
		label: 'Census SAIPE child-poverty tertiles (T1 lowest poverty)',
		caveat: "Tertiles are not RAND's definition",
		measure: 'saipe',
		levels: ['T1', 'T2', 'T3'],
		quantiles: 3
	},
	'meps-quartiles': {
		id: 'meps-quartiles',
		label: 'Urban Institute MEPS quartiles (Q1 lowest poverty)',
		caveat: 'Quartile cutpoints are computed per school year and stored with the results',
		measure: 'meps',
		levels: QUARTILES,
		quantiles: 4
	},
	'frpl-nces4': {
		id: 'frpl-nces4',
		label: 'NCES school-poverty cutoffs applied to districts',
		caveat: 'FRPL share; CEP districts may be misclassified',
		measure: 'frpl',
		levels: ['low', 'mid_low', 'mid_high', 'high'],
		quantiles: null
	},
	'frpl-nces3': {
		id: 'frpl-nces3',
		label: 'NCES FRPL cutoffs collapsed to low / middle / high',
		caveat: "Not RAND's definition; CEP districts may be misclassified",
		measure: 'frpl',
		levels: ['low', 'middle', 'high'],
		quantiles: null
	}
};

/** Label for RAND's published low/middle/high marks when shown on a survey's own 3-level axis. */
export const RAND_GROUPS_LABEL = "RAND's groups (definition not published)";

export function povertyScheme(id: string): PovertyScheme {
	const scheme = (POVERTY_SCHEMES as Record<string, PovertyScheme | undefined>)[id];
	if (!scheme) throw new Error(`unknown poverty scheme: ${id}`);
	return scheme;
}

/**
 * The headline contrast (§2.2): the bottom and top categories. For the survey passthrough the
 * survey's own labels are used, `low` and `high` unless configured.
 */
export function headlineLevels(
	scheme: PovertyScheme,
	passthrough: { low: string; high: string } = { low: 'low', high: 'high' }
): { low: string; high: string } {
	const { levels } = scheme;
	if (levels.length === 0) return passthrough;
	return { low: levels[0] ?? '', high: levels[levels.length - 1] ?? '' };
}

/** The funnel counts of a unit or a group (NULL = unknown). */
export interface FunnelCounts {
	enrolled_n: number | null;
	licensed_n: number | null;
	activated_n: number | null;
	regular_n: number | null;
	dosage_met_n: number | null;
	not_evaluable_n: number | null;
	not_evaluable_enrolled_n: number | null;
	not_evaluable_active_n: number | null;
}

export const COUNT_FIELDS = [
	'enrolled_n',
	'licensed_n',
	'activated_n',
	'regular_n',
	'dosage_met_n',
	'not_evaluable_n',
	'not_evaluable_enrolled_n',
	'not_evaluable_active_n'
] as const satisfies readonly (keyof FunnelCounts)[];

type Part = (c: FunnelCounts) => number | null;

const minus =
	(a: keyof FunnelCounts, b: keyof FunnelCounts): Part =>
	(c) =>
		c[a] === null || c[b] === null ? null : c[a] - c[b];

const evaluableLicensed = minus('licensed_n', 'not_evaluable_n');

/**
 * Each funnel rate with its own numerator and named denominator (domain-spec §4.1). Dosage rates
 * leave not-evaluable students out of the denominator (§4.2 step 5); the usage-versus-access gap
 * is `1 − D/L` over evaluable licensed students.
 */
export const FUNNEL_RATES = {
	access_rate: {
		numerator: (c) => c.licensed_n,
		denominator: (c) => c.enrolled_n,
		denominator_label: 'enrolled students'
	},
	activation_rate: {
		numerator: (c) => c.activated_n,
		denominator: (c) => c.licensed_n,
		denominator_label: 'licensed students'
	},
	regular_rate: {
		numerator: (c) => c.regular_n,
		denominator: (c) => c.licensed_n,
		denominator_label: 'licensed students'
	},
	dosage_rate_access: {
		numerator: (c) => c.dosage_met_n,
		denominator: evaluableLicensed,
		denominator_label: 'licensed students with enough eligible weeks'
	},
	dosage_rate_enrolled: {
		numerator: (c) => c.dosage_met_n,
		denominator: minus('enrolled_n', 'not_evaluable_enrolled_n'),
		denominator_label: 'enrolled students with enough eligible weeks'
	},
	dosage_rate_active: {
		numerator: (c) => c.dosage_met_n,
		denominator: minus('activated_n', 'not_evaluable_active_n'),
		denominator_label: 'activated students with enough eligible weeks'
	},
	usage_access_gap: {
		numerator: (c) => {
			const base = evaluableLicensed(c);
			return base === null || c.dosage_met_n === null ? null : base - c.dosage_met_n;
		},
		denominator: evaluableLicensed,
		denominator_label: 'licensed students with enough eligible weeks'
	}
} as const satisfies Record<
	string,
	{ numerator: Part; denominator: Part; denominator_label: string }
>;

export type RateId = keyof typeof FUNNEL_RATES;

export const RATE_IDS = Object.keys(FUNNEL_RATES) as RateId[];

/** `numerator / denominator`, NULL when either is unknown or the denominator is 0. */
export function rateOf(counts: FunnelCounts, id: RateId): number | null {
	const num = FUNNEL_RATES[id].numerator(counts);
	const den = FUNNEL_RATES[id].denominator(counts);
	return num === null || den === null || den <= 0 ? null : num / den;
}

import { shown, type DisplayValue } from '../../disclosure/display-value.ts';

/** A stage of the usage funnel: what it counts and over whom. */
export interface FunnelStage {
	readonly id: string;
	/** e.g. "Met the recommended dosage". */
	readonly label: string;
	/** The rate's denominator, e.g. "licensed students with enough eligible weeks". */
	readonly denominator: string;
}

/** A group of the funnel chart (a poverty level) and its labels. */
export interface FunnelGroup {
	readonly group: string;
	/** Full label: "Students in high-poverty districts". */
	readonly label: string;
	/** Bar label: "High". */
	readonly short: string;
}

/** One group's rate at one stage. */
export interface FunnelDatum {
	readonly stage: string;
	readonly group: string;
	readonly value: DisplayValue;
	readonly lo: number | null;
	readonly hi: number | null;
	readonly numerator: number | null;
	readonly denominator: number | null;
}

/** The fields of a usage `RateEstimate` the chart reads. */
export interface RateLike {
	readonly estimate: number | null;
	readonly numerator: number | null;
	readonly denominator: number | null;
	readonly denominator_label: string;
	readonly lo: number | null;
	readonly hi: number | null;
}

/** The fields of a usage `FunnelGroupRow` the chart reads. */
export interface FunnelRowLike {
	readonly poverty_group: string;
	readonly rates: Readonly<Record<string, RateLike>>;
}

/** The four stages of access → activated → regular → met dosage, by rate id of `FUNNEL_RATES`. */
export const FUNNEL_STAGE_RATES = [
	{ id: 'access_rate', label: 'Given access (licensed)' },
	{ id: 'activation_rate', label: 'Activated an account' },
	{ id: 'regular_rate', label: 'Used it regularly' },
	{ id: 'dosage_rate_access', label: 'Met the recommended dosage' }
] as const;

function rateValue(rate: RateLike): DisplayValue {
	if (rate.estimate !== null) return shown(rate.estimate);
	if (rate.denominator === 0) return { status: 'not_applicable', reason: 'zero_denominator' };
	return { status: 'missing', reason: rate.denominator === null ? 'missing' : 'no_denominator' };
}

/**
 * Usage funnel rows (`FunnelGroupRow`) as the chart's stages and data, groups in `order`. Each
 * stage keeps its rate's own denominator ("enrolled students", "licensed students", …). A rate
 * over zero students is `not_applicable`; an unknown count makes it `missing`. Rates above 100%
 * (more licences than students) are kept as they are; the chart draws them to its edge.
 */
export function funnelData(
	rows: readonly FunnelRowLike[],
	order: readonly FunnelGroup[]
): { stages: FunnelStage[]; data: FunnelDatum[] } {
	const present = order.flatMap((g) => rows.filter((r) => r.poverty_group === g.group));
	const stages = FUNNEL_STAGE_RATES.map(({ id, label }) => ({
		id,
		label,
		denominator: present[0]?.rates[id]?.denominator_label ?? ''
	}));
	const data = FUNNEL_STAGE_RATES.flatMap(({ id }) =>
		present.flatMap((row) => {
			const rate = row.rates[id];
			if (!rate) return [];
			const value = rateValue(rate);
			const visible = value.status === 'shown' || value.status === 'true_zero';
			return [
				{
					stage: id,
					group: row.poverty_group,
					value,
					lo: visible ? rate.lo : null,
					hi: visible ? rate.hi : null,
					numerator: rate.numerator,
					denominator: rate.denominator
				}
			];
		})
	);
	return { stages, data };
}

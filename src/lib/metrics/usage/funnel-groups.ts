import { wilsonInterval, Z_95 } from '../../stats/proportion.ts';
import { clusteredRatio, MIN_CLUSTERS, type ClusteredRatio } from './clustered-ratio.ts';
import {
	COUNT_FIELDS,
	FUNNEL_RATES,
	RATE_IDS,
	rateOf,
	type FunnelCounts,
	type RateId
} from './funnel-rates.ts';
import type { FunnelUnitRow } from './funnel-unit.ts';

export type FunnelFlag =
	| 'overlicensed'
	| 'enrolled_approximate'
	| 'funnel_inconsistent_units_excluded'
	| 'assumes_independence'
	| 'too_few_schools';

/** A rate, the counts it divides, and its 95% interval (or why there is none). */
export interface RateEstimate {
	estimate: number | null;
	numerator: number | null;
	denominator: number | null;
	denominator_label: string;
	lo: number | null;
	hi: number | null;
	n_eff: number | null;
	ci_method: 'clustered_wilson' | 'wilson' | null;
	ci_missing: 'too_few_schools' | 'rate_above_one' | 'no_denominator' | null;
}

/** The funnel of one poverty group (or all students) for one product. */
export interface FunnelGroupRow extends FunnelCounts {
	product_id: string;
	poverty_group: string;
	units_n: number;
	schools_n: number;
	/** Units left out because their counts break D ≤ A ≤ L (aggregates). */
	excluded_units_n: number;
	rates: Record<RateId, RateEstimate>;
	/** `access_rate` capped at 1 for display when overlicensed; never used in arithmetic. */
	access_rate_display: number | null;
	flags: FunnelFlag[];
}

function sumCounts(units: readonly FunnelUnitRow[]): FunnelCounts {
	const total = {} as FunnelCounts;
	for (const field of COUNT_FIELDS) {
		total[field] = units.some((u) => u[field] === null)
			? null
			: units.reduce((s, u) => s + (u[field] ?? 0), 0);
	}
	return total;
}

/** A group's clustered interval: its effective n and Wilson interval (null: too few schools). */
export type ClusteredInterval = Pick<ClusteredRatio, 'n_eff' | 'interval'>;

/**
 * One rate of a group with its named denominator and interval: student-level Wilson when
 * `clustered` is null (no school IDs, `assumes_independence`), else the clustered interval it
 * returns; no interval without a denominator or above 1.
 */
export function rateEstimate(
	id: RateId,
	counts: FunnelCounts,
	z: number,
	clustered: (() => ClusteredInterval | null) | null
): RateEstimate {
	const { numerator, denominator, denominator_label } = FUNNEL_RATES[id];
	const estimate = rateOf(counts, id);
	const base = {
		estimate,
		numerator: numerator(counts),
		denominator: denominator(counts),
		denominator_label,
		lo: null,
		hi: null,
		n_eff: null,
		ci_method: null,
		ci_missing: null
	};
	if (estimate === null) return { ...base, ci_missing: 'no_denominator' };
	if (estimate > 1) return { ...base, ci_missing: 'rate_above_one' };
	if (!clustered) {
		const interval = wilsonInterval(estimate, base.denominator ?? 0, z);
		return { ...base, ...interval, n_eff: base.denominator, ci_method: 'wilson' };
	}
	const result = clustered();
	return {
		...base,
		...result?.interval,
		n_eff: result?.n_eff ?? null,
		ci_method: 'clustered_wilson',
		ci_missing: result?.interval ? null : 'too_few_schools'
	};
}

function estimateRate(
	id: RateId,
	counts: FunnelCounts,
	units: readonly FunnelUnitRow[],
	z: number
): RateEstimate {
	const { numerator, denominator } = FUNNEL_RATES[id];
	const byUnit = () =>
		clusteredRatio(
			units.map((u) => ({ numerator: numerator(u) ?? 0, denominator: denominator(u) ?? 0 })),
			z
		);
	return rateEstimate(id, counts, z, units.some((u) => u.ncessch === null) ? null : byUnit);
}

/**
 * Sums the funnel over the units of one group and estimates every rate with its interval:
 * clustered Wilson with schools as clusters (domain-spec §5.4), or student-level Wilson flagged
 * `assumes_independence` when any unit has no school ID. Units flagged `funnel_inconsistent` are
 * excluded and counted; a count unknown in any unit is unknown for the group.
 */
export function summarizeFunnel(
	productId: string,
	group: string,
	units: readonly FunnelUnitRow[],
	z: number = Z_95
): FunnelGroupRow {
	const included = units.filter((u) => !u.funnel_inconsistent);
	const counts = sumCounts(included);
	const rates = Object.fromEntries(
		RATE_IDS.map((id) => [id, estimateRate(id, counts, included, z)])
	) as Record<RateId, RateEstimate>;
	const schools = new Set(included.flatMap((u) => (u.ncessch === null ? [] : [u.ncessch])));
	const flags: FunnelFlag[] = [];
	const access = rates.access_rate.estimate;
	if (access !== null && access > 1) flags.push('overlicensed');
	if (included.some((u) => u.enrolled_approximate)) flags.push('enrolled_approximate');
	if (included.length < units.length) flags.push('funnel_inconsistent_units_excluded');
	if (included.some((u) => u.ncessch === null)) flags.push('assumes_independence');
	else if (schools.size < MIN_CLUSTERS) flags.push('too_few_schools');
	return {
		product_id: productId,
		poverty_group: group,
		units_n: included.length,
		schools_n: schools.size,
		excluded_units_n: units.length - included.length,
		...counts,
		rates,
		access_rate_display: access === null ? null : Math.min(1, access),
		flags
	};
}

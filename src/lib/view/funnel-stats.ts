import { MIN_CLUSTERS } from '../metrics/usage/clustered-ratio.ts';
import {
	rateEstimate,
	type FunnelFlag,
	type FunnelGroupRow,
	type RateEstimate
} from '../metrics/usage/funnel-groups.ts';
import {
	COUNT_FIELDS,
	RATE_IDS,
	type FunnelCounts,
	type RateId
} from '../metrics/usage/funnel-rates.ts';
import { effectiveNFromVariance, wilsonInterval, Z_95 } from '../stats/proportion.ts';
import { RATE_SUMS } from './funnel-stats-sql.ts';

type CountField = (typeof COUNT_FIELDS)[number];
type RateSums = Record<(typeof RATE_SUMS)[number], number>;

/** Additive sufficient statistics of a set of funnel units (see `funnelStatsSql`). */
export interface FunnelStats {
	readonly units_n: number;
	readonly excluded_units_n: number;
	readonly district_units_n: number;
	readonly schools_n: number;
	readonly approximate_n: number;
	readonly sums: Readonly<Record<CountField, number>>;
	readonly nulls: Readonly<Record<CountField, number>>;
	readonly rates: Readonly<Record<RateId, RateSums>>;
}

const SCALARS = [
	'units_n',
	'excluded_units_n',
	'district_units_n',
	'schools_n',
	'approximate_n'
] as const;

const zeros = <K extends string>(keys: readonly K[]) =>
	Object.fromEntries(keys.map((k) => [k, 0])) as Record<K, number>;

export const EMPTY_STATS: FunnelStats = {
	...zeros(SCALARS),
	sums: zeros(COUNT_FIELDS),
	nulls: zeros(COUNT_FIELDS),
	rates: Object.fromEntries(RATE_IDS.map((id) => [id, zeros(RATE_SUMS)])) as FunnelStats['rates']
};

/** Reads one row of `funnelStatsSql`. */
export function statsFromRow(row: Readonly<Record<string, unknown>>): FunnelStats {
	const n = (key: string) => (row[key] as number | null) ?? 0;
	return {
		...(Object.fromEntries(SCALARS.map((k) => [k, n(k)])) as Record<
			(typeof SCALARS)[number],
			number
		>),
		sums: Object.fromEntries(COUNT_FIELDS.map((f) => [f, n(f)])) as Record<CountField, number>,
		nulls: Object.fromEntries(COUNT_FIELDS.map((f) => [f, n(`${f}__nulls`)])) as Record<
			CountField,
			number
		>,
		rates: Object.fromEntries(
			RATE_IDS.map((id) => [id, Object.fromEntries(RATE_SUMS.map((s) => [s, n(`${id}__${s}`)]))])
		) as FunnelStats['rates']
	};
}

const addRecords = <K extends string>(a: Record<K, number>, b: Record<K, number>) =>
	Object.fromEntries(Object.keys(a).map((k) => [k, a[k as K] + b[k as K]])) as Record<K, number>;

/** The statistics of two disjoint sets of units together. */
export function addStats(a: FunnelStats, b: FunnelStats): FunnelStats {
	return {
		...(Object.fromEntries(SCALARS.map((k) => [k, a[k] + b[k]])) as Record<
			(typeof SCALARS)[number],
			number
		>),
		sums: addRecords(a.sums, b.sums),
		nulls: addRecords(a.nulls, b.nulls),
		rates: Object.fromEntries(
			RATE_IDS.map((id) => [id, addRecords(a.rates[id], b.rates[id])])
		) as FunnelStats['rates']
	};
}

export const sumStats = (all: readonly FunnelStats[]): FunnelStats =>
	all.reduce(addStats, EMPTY_STATS);

function countsOf(s: FunnelStats): FunnelCounts {
	return Object.fromEntries(
		COUNT_FIELDS.map((f) => [f, s.nulls[f] > 0 ? null : s.sums[f]])
	) as unknown as FunnelCounts;
}

/**
 * `clusteredRatio` from sums: `Σ(n_c − r·d_c)² = Σn² − 2rΣnd + r²Σd²` with the same small-sample
 * factor, effective-n cap and `MIN_CLUSTERS` rule (domain-spec §5.4).
 */
function clusteredFromSums(r: RateSums, clusters: number, z: number) {
	if (!(r.sd > 0)) return null;
	const ratio = r.sn / r.sd;
	const squares = Math.max(0, r.snn - 2 * ratio * r.snd + ratio * ratio * r.sdd);
	const variance = clusters > 1 ? (clusters / (clusters - 1)) * (squares / r.sd ** 2) : NaN;
	const n_eff = Math.min(effectiveNFromVariance(ratio, variance) ?? r.sd, r.sd);
	const interval = clusters >= MIN_CLUSTERS ? wilsonInterval(ratio, n_eff, z) : null;
	return { n_eff, interval };
}

function estimateRate(id: RateId, counts: FunnelCounts, s: FunnelStats, z: number): RateEstimate {
	const bySums = () => clusteredFromSums(s.rates[id], s.units_n, z);
	return rateEstimate(id, counts, z, s.district_units_n > 0 ? null : bySums);
}

/**
 * A group's funnel row from its statistics: the same counts, rates, intervals and flags as
 * `summarizeFunnel` over the group's units (equal up to floating-point rounding of the sums).
 */
export function funnelRowFromStats(
	productId: string,
	group: string,
	s: FunnelStats,
	z: number = Z_95
): FunnelGroupRow {
	const counts = countsOf(s);
	const rates = Object.fromEntries(
		RATE_IDS.map((id) => [id, estimateRate(id, counts, s, z)])
	) as Record<RateId, RateEstimate>;
	const access = rates.access_rate.estimate;
	const flags: FunnelFlag[] = [];
	if (access !== null && access > 1) flags.push('overlicensed');
	if (s.approximate_n > 0) flags.push('enrolled_approximate');
	if (s.excluded_units_n > 0) flags.push('funnel_inconsistent_units_excluded');
	if (s.district_units_n > 0) flags.push('assumes_independence');
	else if (s.schools_n < MIN_CLUSTERS) flags.push('too_few_schools');
	return {
		product_id: productId,
		poverty_group: group,
		units_n: s.units_n,
		schools_n: s.schools_n,
		excluded_units_n: s.excluded_units_n,
		...counts,
		rates,
		access_rate_display: access === null ? null : Math.min(1, access),
		flags
	};
}

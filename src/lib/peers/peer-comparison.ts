import { quantileSorted } from 'd3';
import { wilsonInterval, Z_95 } from '../stats/proportion.ts';

/**
 * One district's value of a metric: a survey or usage result reduced to what a peer comparison
 * needs. `numerator`/`denominator` are counts (students, or districts for survey shares); null
 * when the estimate is weighted or unknown.
 */
export interface PeerMetricValue {
	readonly leaid: string;
	readonly estimate: number | null;
	readonly numerator: number | null;
	readonly denominator: number | null;
}

export interface PeerComparisonOptions {
	/**
	 * Peers whose denominator is below this are left out of the median, IQR and percentile (a
	 * median of an odd count is one district's own rate): pass the disclosure profile's minimum
	 * n for student-derived metrics. Default 1 (survey values of one district each).
	 */
	readonly minDenominator?: number;
	readonly z?: number;
}

export interface PeerComparison {
	/** Peers in the distribution (an estimate, and a denominator ≥ the minimum when one is given). */
	readonly peers_used: number;
	readonly peers_excluded: number;
	readonly median: number | null;
	readonly q1: number | null;
	readonly q3: number | null;
	readonly iqr: number | null;
	readonly target_estimate: number | null;
	/** 0–100: share of peers below the target, ties counted half. */
	readonly target_percentile: number | null;
	/** target − peer median. */
	readonly peer_gap: number | null;
	/** Σ numerators / Σ denominators over peers with both counts, with a Wilson interval. */
	readonly pooled: {
		readonly estimate: number;
		readonly lo: number;
		readonly hi: number;
		readonly numerator: number;
		readonly denominator: number;
		/** Wilson on pooled counts treats students as independent (§5.4: too narrow when clustered). */
		readonly assumes_independence: true;
	} | null;
}

function usable(
	value: PeerMetricValue,
	minDenominator: number
): value is PeerMetricValue & {
	estimate: number;
} {
	if (value.estimate === null || !Number.isFinite(value.estimate)) return false;
	return value.denominator === null ? minDenominator <= 1 : value.denominator >= minDenominator;
}

/**
 * Where a district sits among its peers (domain-spec §7.2 step 6 [D]): peer median and quartiles
 * (linear interpolation between order statistics, R type 7 / d3), the target's percentile among
 * peers (mid-rank), `peer_gap = target − median`, and the pooled peer rate (weighted by the
 * denominators) with a Wilson interval (§5.1). The results are figures like any other: pass
 * them through `discloseView` (§6 for usage, §5.5 for survey metrics) before showing them.
 */
export function comparePeers(
	target: PeerMetricValue,
	peers: readonly PeerMetricValue[],
	options: PeerComparisonOptions = {}
): PeerComparison {
	const { minDenominator = 1, z = Z_95 } = options;
	const used = peers.filter((p) => usable(p, minDenominator)).map((p) => p.estimate);
	const sorted = [...used].sort((a, b) => a - b);
	const [q1, median, q3] = [0.25, 0.5, 0.75].map((p) => quantileSorted(sorted, p) ?? null);
	const t = target.estimate;
	const below = t === null ? 0 : sorted.filter((v) => v < t).length;
	const equal = t === null ? 0 : sorted.filter((v) => v === t).length;
	return {
		peers_used: sorted.length,
		peers_excluded: peers.length - sorted.length,
		median: median ?? null,
		q1: q1 ?? null,
		q3: q3 ?? null,
		iqr: q1 != null && q3 != null ? q3 - q1 : null,
		target_estimate: t,
		target_percentile:
			t === null || sorted.length === 0 ? null : (100 * (below + equal / 2)) / sorted.length,
		peer_gap: t === null || median == null ? null : t - median,
		pooled: pooledRate(peers, z)
	};
}

function pooledRate(peers: readonly PeerMetricValue[], z: number): PeerComparison['pooled'] {
	let numerator = 0;
	let denominator = 0;
	for (const p of peers) {
		if (p.numerator === null || p.denominator === null || !(p.denominator > 0)) continue;
		numerator += p.numerator;
		denominator += p.denominator;
	}
	const estimate = numerator / denominator;
	const interval = wilsonInterval(estimate, denominator, z);
	if (!interval) return null;
	return { estimate, ...interval, numerator, denominator, assumes_independence: true };
}

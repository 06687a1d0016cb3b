import {
	effectiveNFromVariance,
	wilsonInterval,
	Z_95,
	type Interval
} from '../../stats/proportion.ts';

/** One school's numerator and denominator of a rate. */
export interface ClusterCounts {
	readonly numerator: number;
	readonly denominator: number;
}

/** Fewer schools than this in a group → no interval ("too few schools", domain-spec §5.4). */
export const MIN_CLUSTERS = 5;

export interface ClusteredRatio {
	readonly ratio: number;
	readonly variance: number;
	readonly clusters: number;
	/**
	 * `r(1−r)/Var(r)`, never more than the number of students (a design effect below 1, as when
	 * schools are more alike than chance allows, would claim more precision than a simple random
	 * sample of every student) [D]; the number of students when Var = 0 (e.g. r = 0) [D].
	 */
	readonly n_eff: number;
	readonly interval: Interval | null;
}

/**
 * Ratio estimator `r = ΣD_c / ΣB_c` over schools with the linearised cluster variance
 * `Var(r) ≈ C/(C−1) · Σ_c (D_c − r·B_c)² / (ΣB_c)²` and a Wilson interval with
 * `n_eff* = r(1−r)/Var(r)` (domain-spec §5.4 [D]); equals R `survey::svyratio` with the schools
 * as clusters (`tests/reference/usage.R`). Every school of the group counts in C, also one with
 * B_c = 0. Null when the denominator total is 0; no interval when C < `MIN_CLUSTERS`.
 */
export function clusteredRatio(
	clusters: readonly ClusterCounts[],
	z: number = Z_95
): ClusteredRatio | null {
	const numerator = clusters.reduce((s, c) => s + c.numerator, 0);
	const denominator = clusters.reduce((s, c) => s + c.denominator, 0);
	if (!(denominator > 0)) return null;
	const ratio = numerator / denominator;
	const count = clusters.length;
	const squares = clusters.reduce((s, c) => s + (c.numerator - ratio * c.denominator) ** 2, 0);
	const variance = count > 1 ? (count / (count - 1)) * (squares / denominator ** 2) : NaN;
	const fromVariance = effectiveNFromVariance(ratio, variance);
	const n_eff = Math.min(fromVariance ?? denominator, denominator);
	const interval = count >= MIN_CLUSTERS ? wilsonInterval(ratio, n_eff, z) : null;
	return { ratio, variance, clusters: count, n_eff, interval };
}

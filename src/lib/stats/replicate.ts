/**
 * Replicate-weight variance (domain-spec §3.2): `Var(θ̂) = c · Σ_r (θ̂_r − θ̂)²`, deviations taken
 * from the full-sample estimate (R's `svrepdesign(..., mse = TRUE)`), with
 * `c = (R−1)/R` (JK1), `1/R` (BRR), `1/(R(1−ρ)²)` (Fay, ρ given) and `1/(R−1)` (bootstrap, as R).
 */

export const REPLICATE_METHODS = ['JK1', 'BRR', 'Fay', 'bootstrap'] as const;
export type ReplicateMethod = (typeof REPLICATE_METHODS)[number];

export function isReplicateMethod(value: string): value is ReplicateMethod {
	return (REPLICATE_METHODS as readonly string[]).includes(value);
}

/** The constant `c` for `replicates` replicates; Fay needs `rho` in [0, 1). */
export function replicateScale(
	method: ReplicateMethod,
	replicates: number,
	rho: number | null = null
): number {
	if (!(replicates >= 2)) throw new Error(`invalid replicate count: ${replicates}`);
	switch (method) {
		case 'JK1':
			return (replicates - 1) / replicates;
		case 'BRR':
			return 1 / replicates;
		case 'bootstrap':
			return 1 / (replicates - 1);
		case 'Fay':
			if (rho === null || !(rho >= 0 && rho < 1)) {
				throw new Error(`invalid Fay rho: ${String(rho)} (set fayRho)`);
			}
			return 1 / (replicates * (1 - rho) ** 2);
	}
}

/** `c · Σ_r (θ̂_r − θ̂)²`; NaN when a replicate estimate is undefined (e.g. a 0/0 domain). */
export function replicateVariance(
	estimate: number,
	replicateEstimates: readonly number[],
	scale: number
): number {
	return scale * replicateEstimates.reduce((s, e) => s + (e - estimate) ** 2, 0);
}

import {
	domainDf,
	domainTotals,
	linearizedTotals,
	ratioEstimate,
	subtractTotals,
	type DomainCell,
	type DomainTotals
} from './domain.ts';
import { replicateVariance, type ReplicateMethod } from './replicate.ts';
import { linearizedVariance, type PsuTotal } from './taylor.ts';

/**
 * Design-based variance of domain proportions and of differences between them (domain-spec
 * §3.2, priority order): replicate weights, else Taylor linearisation with strata and PSUs,
 * else the Kish approximation `p̂(1−p̂)/n_eff` (flag `kish_approx`), or the binomial `p̂(1−p̂)/n`
 * for an unweighted survey without a design (`srs`).
 */
export type VarianceKind = 'replicate' | 'taylor' | 'kish' | 'srs';

export type SurveyDesign =
	| { kind: 'taylor'; psuCounts: ReadonlyMap<string, number> }
	| { kind: 'replicate'; method: ReplicateMethod; scale: number; replicates: number }
	| { kind: 'kish' | 'srs' };

/** One domain's sums: its PSU cells, and per replicate `[Σw_r, Σw_r·y]` when replicated. */
export interface DomainSums {
	cells: readonly DomainCell[];
	replicates?: readonly { sum_w: number; sum_wy: number }[];
}

/** A domain's point estimate and what its variance (and a difference's) needs. */
export interface DomainFit {
	totals: DomainTotals;
	estimate: number;
	variance: number;
	/** Taylor: PSU totals of the linearised variable. */
	z: readonly PsuTotal[];
	/** Replicate: the replicate estimates `p̂_r` (NaN when a replicate has `Σw_r = 0`). */
	replicateEstimates: readonly number[];
	/** Design df as R's `degf` on the domain subset (Taylor); `null` otherwise. */
	df: number | null;
	/** Kish `(Σw)²/Σw²` of the domain. */
	kishN: number | null;
}

function replicateEstimates(sums: DomainSums): number[] {
	return (sums.replicates ?? []).map((r) => r.sum_wy / r.sum_w);
}

/** Fits one domain; null when it has no weight (no answered member). */
export function fitDomain(design: SurveyDesign, sums: DomainSums): DomainFit | null {
	const totals = domainTotals(sums.cells);
	const estimate = ratioEstimate(totals);
	if (estimate === null) return null;
	const kishN = totals.sum_w2 > 0 ? totals.sum_w ** 2 / totals.sum_w2 : null;
	const base = { totals, estimate, z: [], replicateEstimates: [], df: null, kishN };
	switch (design.kind) {
		case 'taylor': {
			const z = linearizedTotals(sums.cells, estimate, totals.sum_w);
			const variance = linearizedVariance(z, design.psuCounts);
			return { ...base, z, variance, df: domainDf(sums.cells) };
		}
		case 'replicate': {
			const reps = replicateEstimates(sums);
			if (reps.length !== design.replicates) {
				throw new Error(`missing replicate weights: ${reps.length} of ${design.replicates}`);
			}
			return {
				...base,
				replicateEstimates: reps,
				variance: replicateVariance(estimate, reps, design.scale)
			};
		}
		default: {
			const n = design.kind === 'srs' ? totals.n : kishN;
			return { ...base, variance: n ? (estimate * (1 - estimate)) / n : Number.NaN };
		}
	}
}

/**
 * Variance of `p̂_a − p̂_b` for two domains of one sample: linearised (`z_a − z_b` by PSU) or
 * replicate (`c Σ_r ((p̂_ar − p̂_br) − Δ)²`), so their covariance counts; under the Kish or
 * binomial approximation the domains are treated as independent (`Var_a + Var_b`).
 */
export function differenceVariance(design: SurveyDesign, a: DomainFit, b: DomainFit): number {
	switch (design.kind) {
		case 'taylor':
			return linearizedVariance(subtractTotals(a.z, b.z), design.psuCounts);
		case 'replicate': {
			const diffs = a.replicateEstimates.map((e, r) => e - (b.replicateEstimates[r] ?? Number.NaN));
			return replicateVariance(a.estimate - b.estimate, diffs, design.scale);
		}
		default:
			return a.variance + b.variance;
	}
}

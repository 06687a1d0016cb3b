import { kornGraubardInterval } from './korn-graubard.ts';
import { effectiveNFromVariance, wilsonInterval, zForLevel, type Interval } from './proportion.ts';
import type { DomainFit } from './survey-design.ts';

export type IntervalMethod = 'wilson' | 'korn-graubard';

export interface DomainInterval {
	se: number | null;
	/** `n_eff* = p̂(1−p̂)/Var` (domain-spec §3.2), or the Kish n_eff when Var = 0. */
	n_eff: number | null;
	interval: Interval | null;
	/** `zero_variance`: p̂ is 0 or 1 (Var = 0), so the Kish n_eff stands in for n_eff*. */
	zero_variance: boolean;
}

/**
 * The interval of a domain proportion from its design variance: Wilson with `n_eff*` (default,
 * §5.2) or Korn–Graubard as R's `svyciprop(method = "beta")`, whose t-ratio uses the domain's
 * row count and `df` (pass `df = null` for no design df, e.g. under the Kish approximation).
 * When Var = 0 (p̂ = 0 or 1) n_eff* is undefined; the Kish n_eff is used instead and flagged.
 */
export function domainInterval(
	fit: DomainFit,
	method: IntervalMethod,
	level: number,
	df: number | null
): DomainInterval {
	const p = fit.estimate;
	// A design whose variance is exactly 0 in exact arithmetic (e.g. one PSU) can come out as
	// rounding noise, which would claim an n_eff above 1e12: treat that as 0.
	const variance = Math.abs(fit.variance) <= 1e-12 * p * (1 - p) ? 0 : fit.variance;
	const fromVariance = effectiveNFromVariance(p, variance);
	const zeroVariance = fromVariance === null && variance === 0;
	const nEff = fromVariance ?? (zeroVariance ? fit.kishN : null);
	const se = Number.isFinite(variance) ? Math.sqrt(variance) : null;
	if (nEff === null) return { se, n_eff: null, interval: null, zero_variance: zeroVariance };
	const interval =
		method === 'wilson'
			? wilsonInterval(p, nEff, zForLevel(level))
			: kornGraubardInterval(
					p,
					nEff,
					level,
					df === null || zeroVariance ? null : { n: fit.totals.n, df }
				);
	return { se, n_eff: nEff, interval, zero_variance: zeroVariance };
}

import normalQuantile from '@stdlib/stats-base-dists-normal-quantile';

/**
 * Interval arithmetic for proportions and two-group comparisons (domain-spec §5.1–5.3). Pure
 * functions: SQL computes the sums, these finish the small final arithmetic.
 */

/** The two-sided 95% standard-normal quantile, `qnorm(0.975)` in R. */
export const Z_95 = 1.959963984540054;

/** An interval on the probability scale. */
export interface Interval {
	lo: number;
	hi: number;
}

/** A point estimate with its interval. */
export interface EstimateInterval extends Interval {
	estimate: number;
}

/** Two-sided standard-normal quantile for a confidence level in (0, 1), e.g. 0.9 → 1.6449. */
export function zForLevel(level: number): number {
	if (!(level > 0 && level < 1)) throw new Error(`invalid confidence level: ${level}`);
	if (level === 0.95) return Z_95;
	return normalQuantile(1 - (1 - level) / 2, 0, 1);
}

const clamp01 = (x: number): number => Math.min(1, Math.max(0, x));

/**
 * Wilson score interval for a proportion `p` observed on `n` trials (§5.1) [P][S42]. Used
 * unweighted and, for weighted or complex-sample estimates, with `n` replaced by an effective
 * sample size (§5.2). Clamped to [0, 1]; `n ≤ 0` (or not finite) → null.
 */
export function wilsonInterval(p: number, n: number, z: number = Z_95): Interval | null {
	if (!(n > 0) || !Number.isFinite(n)) return null;
	const z2n = (z * z) / n;
	const center = (p + z2n / 2) / (1 + z2n);
	const half = (z / (1 + z2n)) * Math.sqrt((p * (1 - p)) / n + (z * z) / (4 * n * n));
	return { lo: clamp01(center - half), hi: clamp01(center + half) };
}

/**
 * Kish effective sample size `(Σw)² / Σw²` (§5.2) [P][S44]; ignores clustering, stratification
 * and weight–outcome correlation. Null when every weight is zero (or there are none).
 */
export function kishEffectiveN(weights: readonly number[]): number | null {
	let sum = 0;
	let sumSq = 0;
	for (const w of weights) {
		sum += w;
		sumSq += w * w;
	}
	return sumSq > 0 ? (sum * sum) / sumSq : null;
}

/**
 * Effective sample size implied by a design-based variance, `n_eff* = p(1−p) / Var` (§3.2).
 * Null when the variance is not positive and finite (e.g. p̂ = 0 or 1 gives Var = 0).
 */
export function effectiveNFromVariance(p: number, variance: number): number | null {
	if (!(variance > 0) || !Number.isFinite(variance)) return null;
	return (p * (1 - p)) / variance;
}

/**
 * Newcombe hybrid-score interval for `p1 − p2` from each proportion's own interval (§5.3)
 * [P][S42]; with weighted data pass Wilson-with-n_eff limits. Not clamped (a difference lies in
 * [−1, 1]).
 */
export function newcombeDifference(
	p1: number,
	ci1: Interval,
	p2: number,
	ci2: Interval
): EstimateInterval {
	const estimate = p1 - p2;
	return {
		estimate,
		lo: estimate - Math.hypot(p1 - ci1.lo, ci2.hi - p2),
		hi: estimate + Math.hypot(ci1.hi - p1, p2 - ci2.lo)
	};
}

/** x/n validity shared by the ratio intervals: counts may be fractional (x = p̂·n_eff). */
function validCounts(x1: number, n1: number, x2: number, n2: number): boolean {
	return n1 > 0 && n2 > 0 && x1 >= 0 && x2 >= 0 && x1 <= n1 && x2 <= n2;
}

/**
 * Rate ratio `(x1/n1) / (x2/n2)` with the log (Katz) interval
 * `exp(ln RR ± z·√(1/x1 − 1/n1 + 1/x2 − 1/n2))` (§5.3) [P][S42]. When any `x` is 0, 0.5 is added
 * to each `x` and each `n` (statsmodels' `log-adjusted`), also for the point estimate. Weighted:
 * pass `x = p̂·n_eff`, `n = n_eff`. Null for invalid counts or when both `x` are 0 (no ratio).
 */
export function katzRatio(
	x1: number,
	n1: number,
	x2: number,
	n2: number,
	z: number = Z_95
): EstimateInterval | null {
	if (!validCounts(x1, n1, x2, n2) || (x1 === 0 && x2 === 0)) return null;
	const add = x1 === 0 || x2 === 0 ? 0.5 : 0;
	const [a, m, b, k] = [x1 + add, n1 + add, x2 + add, n2 + add];
	const logRatio = Math.log(a / m / (b / k));
	const se = Math.sqrt(1 / a - 1 / m + 1 / b - 1 / k);
	return {
		estimate: Math.exp(logRatio),
		lo: Math.exp(logRatio - z * se),
		hi: Math.exp(logRatio + z * se)
	};
}

/**
 * Odds ratio `[p1/(1−p1)] / [p2/(1−p2)]` with `p = x/n` and the Woolf log interval
 * `exp(ln OR ± z·√(1/a + 1/b + 1/c + 1/d))` over the 2×2 cells (§3.3, research view; Woolf's
 * method is a design default [D]). When any cell is 0, 0.5 is added to every cell (Haldane),
 * also for the point estimate. Null for invalid counts or when a row or column is all zero.
 */
export function oddsRatio(
	x1: number,
	n1: number,
	x2: number,
	n2: number,
	z: number = Z_95
): EstimateInterval | null {
	if (!validCounts(x1, n1, x2, n2)) return null;
	const cells = [x1, n1 - x1, x2, n2 - x2];
	if ((x1 === 0 && x2 === 0) || (x1 === n1 && x2 === n2)) return null;
	const add = cells.some((c) => c === 0) ? 0.5 : 0;
	const [a, b, c, d] = cells.map((cell) => cell + add) as [number, number, number, number];
	const logOdds = Math.log((a * d) / (b * c));
	const se = Math.sqrt(1 / a + 1 / b + 1 / c + 1 / d);
	return {
		estimate: Math.exp(logOdds),
		lo: Math.exp(logOdds - z * se),
		hi: Math.exp(logOdds + z * se)
	};
}

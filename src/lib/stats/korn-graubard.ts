import betaQuantile from '@stdlib/stats-base-dists-beta-quantile';
import tQuantile from '@stdlib/stats-base-dists-t-quantile';
import type { Interval } from './proportion.ts';

/**
 * Korn–Graubard interval: the Clopper–Pearson (beta) interval evaluated at an effective sample
 * size, exactly as R's `survey::svyciprop(method = "beta")` (survey 4.1-1, domain-spec §5.2)
 * [P][S43]:
 *
 *     n* = p̂(1−p̂)/Var · (qt(α/2, n − 1) / qt(α/2, df))²
 *     CI = [qbeta(α/2, n*p̂, n*(1−p̂) + 1), qbeta(1 − α/2, n*p̂ + 1, n*(1−p̂))]
 *
 * with n the design's row count and df its degrees of freedom (`degf`). Pass `df = null` to skip
 * the t-ratio (used for the Kish approximation, which has no design df). Null when n* is not
 * positive or a df ≤ 0.
 */
export function kornGraubardInterval(
	p: number,
	nEff: number,
	level: number,
	design: { n: number; df: number } | null
): Interval | null {
	const alpha = 1 - level;
	let nStar = nEff;
	if (design) {
		if (!(design.n > 1 && design.df > 0)) return null;
		nStar *= (tQuantile(alpha / 2, design.n - 1) / tQuantile(alpha / 2, design.df)) ** 2;
	}
	if (!(nStar > 0) || !Number.isFinite(nStar)) return null;
	// qbeta with a zero shape is a point mass at 0 (lower, p̂ = 0) or 1 (upper, p̂ = 1), as in R.
	const lo = p <= 0 ? 0 : betaQuantile(alpha / 2, nStar * p, nStar * (1 - p) + 1);
	const hi = p >= 1 ? 1 : betaQuantile(1 - alpha / 2, nStar * p + 1, nStar * (1 - p));
	return { lo, hi };
}

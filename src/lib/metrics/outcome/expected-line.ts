import { Z_95 } from '../../stats/proportion.ts';

/** One district on the poverty-vs-outcome plot: its poverty percentile and its outcome. */
export interface OutcomePoint {
	/** National poverty percentile, 0–100. */
	readonly x: number;
	/** The outcome as a proportion (dosage rate, or 1/0 for a training answer). */
	readonly y: number;
}

/** An ordinary least-squares line `ŷ = intercept + slope · x` and what its intervals need. */
export interface ExpectedLine {
	readonly intercept: number;
	readonly slope: number;
	/** Districts the line was fitted on. */
	readonly n: number;
	/** Residual standard error `s = √(RSS / (n − 2))` (R's `sigma(lm)`). */
	readonly sigma: number;
	readonly xMean: number;
	/** `Σ (x − x̄)²`. */
	readonly sxx: number;
}

/**
 * The expected-outcome line of the "Poverty vs outcome" view: ordinary least squares of the
 * outcome on the national poverty percentile, `y = a + b·x`, each district counting once (no
 * weights), the same model as R's `lm(y ~ x)`. Points with a non-finite coordinate are left
 * out. Null with fewer than 3 points or when every x is equal (no line, or no residual
 * degrees of freedom). Source: the project's methodology, section "Poverty vs outcome".
 */
export function fitExpectedLine(points: readonly OutcomePoint[]): ExpectedLine | null {
	const used = points.filter((p) => Number.isFinite(p.x) && Number.isFinite(p.y));
	const n = used.length;
	if (n < 3) return null;
	const xMean = used.reduce((s, p) => s + p.x, 0) / n;
	const yMean = used.reduce((s, p) => s + p.y, 0) / n;
	let sxx = 0;
	let sxy = 0;
	for (const p of used) {
		sxx += (p.x - xMean) ** 2;
		sxy += (p.x - xMean) * (p.y - yMean);
	}
	if (!(sxx > 0)) return null;
	const slope = sxy / sxx;
	const intercept = yMean - slope * xMean;
	const rss = used.reduce((s, p) => s + (p.y - intercept - slope * p.x) ** 2, 0);
	return { intercept, slope, n, sigma: Math.sqrt(rss / (n - 2)), xMean, sxx };
}

/** The line's expected outcome at poverty percentile `x`. */
export function expectedAt(line: ExpectedLine, x: number): number {
	return line.intercept + line.slope * x;
}

/**
 * Standard error of the fitted mean at `x`, `s·√(1/n + (x − x̄)²/Sxx)` (R's
 * `predict(lm, se.fit = TRUE)$se.fit`): how uncertain the line itself is there.
 */
export function expectedSe(line: ExpectedLine, x: number): number {
	return line.sigma * Math.sqrt(1 / line.n + (x - line.xMean) ** 2 / line.sxx);
}

/** A district's distance from the line, with its interval. */
export interface Residual {
	readonly expected: number;
	/** Observed − expected: above (> 0) or below (< 0) what its poverty level predicts. */
	readonly residual: number;
	readonly lo: number;
	readonly hi: number;
}

/**
 * How far a district is above or below the line at its poverty percentile, with a normal
 * interval `r ± z·√(se_y² + se_fit²)`: `se_y` is the district's own sampling error, taken from
 * its interval as `(hi − lo) / (2z)` (0 when it has none, e.g. a yes/no survey answer), and
 * `se_fit` the line's (`expectedSe`). The two are treated as independent (the district is one
 * of many the line is fitted on). The residual spread of other districts is not added: the
 * question is whether this district differs from the expectation, not where a new one falls.
 */
export function residualOf(
	line: ExpectedLine,
	point: OutcomePoint & { readonly lo: number | null; readonly hi: number | null },
	z: number = Z_95
): Residual {
	const expected = expectedAt(line, point.x);
	const residual = point.y - expected;
	const seY = point.lo === null || point.hi === null ? 0 : (point.hi - point.lo) / (2 * z);
	const half = z * Math.sqrt(seY ** 2 + expectedSe(line, point.x) ** 2);
	return { expected, residual, lo: residual - half, hi: residual + half };
}

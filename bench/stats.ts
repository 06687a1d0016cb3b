/** Small statistics for the report: order statistics of a handful of runs. */

/** The median (mean of the middle two for an even count); NaN for no values. */
export function median(values: readonly number[]): number {
	if (values.length === 0) return NaN;
	const sorted = [...values].sort((a, b) => a - b);
	const mid = Math.floor(sorted.length / 2);
	return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

/**
 * The p-th percentile (0–100) by the nearest-rank method: the smallest value with at least p% of
 * the values at or below it. NaN for no values.
 */
export function percentile(values: readonly number[], p: number): number {
	if (values.length === 0) return NaN;
	const sorted = [...values].sort((a, b) => a - b);
	const rank = Math.max(1, Math.ceil((p / 100) * sorted.length));
	return sorted[rank - 1]!;
}

/** Median with minimum and maximum of the runs. */
export interface Spread {
	readonly median: number;
	readonly min: number;
	readonly max: number;
	readonly n: number;
}

export function spread(values: readonly number[]): Spread {
	return {
		median: median(values),
		min: Math.min(...values),
		max: Math.max(...values),
		n: values.length
	};
}

/**
 * Ratios of paired runs, `a[i] / b[i]` for each run i where both exist (runs alternate, so run i
 * of each alternative ran under the same conditions), summarised as a spread.
 */
export function pairedRatios(
	a: readonly (number | undefined)[],
	b: readonly (number | undefined)[]
): Spread | null {
	const ratios: number[] = [];
	for (let i = 0; i < Math.min(a.length, b.length); i++) {
		const x = a[i];
		const y = b[i];
		if (x !== undefined && y !== undefined && y > 0) ratios.push(x / y);
	}
	return ratios.length ? spread(ratios) : null;
}

/**
 * Splits an integer `total` in proportion to `weights` by the largest-remainder method (ties go
 * to the earlier index), so the parts are integers that sum exactly to `total`.
 */
export function largestRemainder(total: number, weights: readonly number[]): number[] {
	const sum = weights.reduce((s, w) => s + w, 0);
	if (sum <= 0) return weights.map((_, i) => (i === 0 ? total : 0));
	const exact = weights.map((w) => (total * w) / sum);
	const parts = exact.map(Math.floor);
	let left = total - parts.reduce((s, p) => s + p, 0);
	const order = exact
		.map((x, i) => ({ i, r: x - Math.floor(x) }))
		.sort((a, b) => b.r - a.r || a.i - b.i);
	for (const { i } of order) {
		if (left-- <= 0) break;
		parts[i]!++;
	}
	return parts;
}

/** Linear interpolation of `values` (knots at increasing `probs`) at `u` ∈ [probs₀, probsₙ]. */
export function interpolateKnots(
	probs: readonly number[],
	values: readonly number[],
	u: number,
	scale: 'linear' | 'log' = 'linear'
): number {
	let k = 0;
	while (k < probs.length - 2 && u > probs[k + 1]!) k++;
	const t = (u - probs[k]!) / (probs[k + 1]! - probs[k]!);
	const [a, b] = [values[k]!, values[k + 1]!];
	return scale === 'log'
		? Math.exp(Math.log(a) + t * (Math.log(b) - Math.log(a)))
		: a + t * (b - a);
}

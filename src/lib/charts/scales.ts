/** Minimum room per x-axis tick label, in px: "100%" at 14 px plus a gap. */
const PX_PER_TICK = 70;

/**
 * How many ticks an axis `width` px wide asks d3 for: one per 70 px, at least 2 and at most 10.
 * d3 rounds this to a "nice" step (1, 2 or 5 × 10ⁿ), so the result is a hint, not a count.
 */
export function tickCount(width: number): number {
	return Math.max(2, Math.min(10, Math.floor(width / PX_PER_TICK)));
}

/**
 * Upper end of a rate axis: 100% when any value passes 40% (so bars keep their honest share of
 * the whole), else the next 5-point step above the largest value (small rates such as the 5% of
 * students who met dosage stay readable). Never below 10%.
 */
export function rateAxisMax(values: readonly (number | null)[]): number {
	const max = Math.max(0, ...values.filter((v): v is number => v !== null && Number.isFinite(v)));
	if (max > 0.4) return 1;
	const percentPoints = Math.round(max * 1e6) / 1e4;
	return Math.max(10, (Math.floor(percentPoints / 5) + 1) * 5) / 100;
}

/** A position rounded to 0.01 px: shorter SVG, and exact numbers in tests. */
export function px(value: number): number {
	return Math.round(value * 100) / 100;
}

import type { DisplayValue } from '../disclosure/display-value.ts';
import { percent, percentInterval, points, pointsInterval } from '../format/number.ts';

/** A plain number of a display value (shown or a true zero), else null. */
export function valueOf(v: DisplayValue): number | null {
	return v.status === 'shown' || v.status === 'true_zero' ? v.value : null;
}

/** A rate as the page prints it: "39%", a coded range ("≤5%"), or the mark of its absence. */
export function rateLabel(v: DisplayValue): string {
	switch (v.status) {
		case 'shown':
			return percent(v.value);
		case 'true_zero':
			return '0%';
		case 'coarsened':
		case 'suppressed':
			return v.label;
		case 'missing':
			return 'no data';
		case 'not_applicable':
			return 'n/a';
	}
}

/** "95% CI 31–47%", or why there is no interval. */
export function intervalLabel(lo: number | null, hi: number | null): string {
	return lo === null || hi === null ? 'no interval' : `95% CI ${percentInterval(lo, hi)}`;
}

/** A gap in points with its interval: "28 points (95% CI 14 to 40 points)". */
export function gapLabel(gap: DisplayValue, lo: DisplayValue, hi: DisplayValue): string {
	const estimate = valueOf(gap);
	if (estimate === null) return rateLabel(gap);
	const [l, h] = [valueOf(lo), valueOf(hi)];
	const ci = l === null || h === null ? 'no interval' : `95% CI ${pointsInterval(l, h)}`;
	return `${points(estimate)} (${ci})`;
}

/** A ratio to two decimals, or two significant digits below 1 so small ratios keep meaning. */
function ratioNumber(x: number): string {
	return x >= 1 ? x.toFixed(2) : x.toPrecision(2);
}

/** A ratio with its interval: "0.27 (95% CI 0.030 to 2.42)". */
export function ratioLabel(ratio: DisplayValue, lo: DisplayValue, hi: DisplayValue): string {
	const estimate = valueOf(ratio);
	if (estimate === null) return rateLabel(ratio);
	const [l, h] = [valueOf(lo), valueOf(hi)];
	const ci =
		l === null || h === null ? 'no interval' : `95% CI ${ratioNumber(l)} to ${ratioNumber(h)}`;
	return `${ratioNumber(estimate)} (${ci})`;
}

/** An amount of money: "$27.45", "$1,204". */
export function moneyLabel(v: DisplayValue): string {
	const amount = valueOf(v);
	if (amount === null) return rateLabel(v);
	const cents = amount < 1000;
	return amount.toLocaleString('en-US', {
		style: 'currency',
		currency: 'USD',
		minimumFractionDigits: cents ? 2 : 0,
		maximumFractionDigits: cents ? 2 : 0
	});
}

/** A signed change in points with its interval: "+11 points (95% CI 2 to 20 points)". */
export function changeLabel(change: DisplayValue, lo: DisplayValue, hi: DisplayValue): string {
	const d = valueOf(change);
	if (d === null) return rateLabel(change);
	const sign = d > 0 ? '+' : d < 0 ? '−' : '±';
	return `${sign}${gapLabel(change, lo, hi)}`;
}

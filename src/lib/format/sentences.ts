import type { Figure } from '../metrics/headline.ts';
import { percent, percentInterval, points, pointsInterval } from './number.ts';

function withInterval(f: Figure, label = ''): string {
	return `${percent(f.estimate)}${label} (95% CI ${percentInterval(f.lo, f.hi)})`;
}

/**
 * The training-gap sentence: "High-poverty districts: 39% trained (95% CI 31–47%), 28 points
 * below low-poverty districts (95% CI 14–40 points)." Says "above" for a reversed gap and gives
 * no sentence when either group is missing.
 */
export function trainingGapSentence(low: Figure, high: Figure, gap: Figure): string | null {
	if (low.estimate === null || high.estimate === null || gap.estimate === null) return null;
	const direction = gap.estimate >= 0 ? 'below' : 'above';
	const interval =
		gap.lo === null || gap.hi === null
			? 'CI not available'
			: `95% CI ${pointsInterval(gap.lo, gap.hi)}`;
	return `High-poverty districts: ${withInterval(high, ' trained')}, ${points(gap.estimate)} ${direction} low-poverty districts (${interval}).`;
}

/** "5.1% of students with access met the dosage rule (95% CI 4.9–5.3%)." */
export function dosageShareSentence(share: Figure): string | null {
	if (share.estimate === null) return null;
	return `${withInterval(share)} of students with access met their product's dosage rule.`;
}

import { shown, type DisplayValue } from './display-value.ts';
import type { CodingTier, DisclosureProfile } from './profiles.ts';

/** Tolerance in percentage points: far below the gap between any two rates of real counts. */
const EPSILON_PCT = 1e-9;

/**
 * The top/bottom-coding tier for a group of `n` (§6.4 rule 3): the tier with the largest
 * `minN ≤ n`; a group below every tier (possible when a profile's minimum n is lower than the
 * lowest tier, e.g. New York's 5) takes the lowest tier. Undefined when the profile codes nothing.
 */
export function codingTier(n: number, profile: DisclosureProfile): CodingTier | undefined {
	const tiers = profile.codingTiers;
	return tiers.find((tier) => n >= tier.minN) ?? tiers[tiers.length - 1];
}

/**
 * A rate with top/bottom coding by group size (§6.4 rule 3 [P][S34] for n ≥ 40, lower tiers
 * [U]): at or beyond the tier's bounds it becomes a range ("≤1%", "≥99%"; "<5%", ">95%" with an
 * exclusive boundary), otherwise it is shown (zero only as a coded range when a tier applies).
 */
export function codeRate(rate: number, n: number, profile: DisclosureProfile): DisplayValue {
	const tier = codingTier(n, profile);
	if (!tier) return shown(rate);
	const pct = rate * 100;
	const inclusive = profile.codingBoundary === 'inclusive';
	const atBottom = inclusive
		? pct <= tier.bottomPct + EPSILON_PCT
		: pct < tier.bottomPct - EPSILON_PCT;
	const atTop = inclusive ? pct >= tier.topPct - EPSILON_PCT : pct > tier.topPct + EPSILON_PCT;
	if (atBottom) {
		const label = `${inclusive ? '≤' : '<'}${tier.bottomPct}%`;
		return { status: 'coarsened', reason: 'bottom_coded', lo: 0, hi: tier.bottomPct / 100, label };
	}
	if (atTop) {
		const label = `${inclusive ? '≥' : '>'}${tier.topPct}%`;
		return { status: 'coarsened', reason: 'top_coded', lo: tier.topPct / 100, hi: 1, label };
	}
	return shown(rate);
}

/**
 * A public-mode denominator as a band (§6.4 rule 2 [D]): 10–19, 20–39, 40–99, 100–299, 300+.
 * A group between the profile's minimum n and the first band gets a band starting at the
 * minimum (New York: 5–9). Zero stays a true zero (an empty group discloses no one).
 */
export function denominatorBand(n: number, minN: number, profile: DisclosureProfile): DisplayValue {
	if (n === 0) return shown(0);
	const bands = profile.denominatorBands;
	const band = bands.findLast((b) => n >= b.lo);
	const first = bands[0];
	const { lo, hi } = band ?? { lo: Math.min(minN, n), hi: (first?.lo ?? n + 1) - 1 };
	const label = hi === null ? `${lo}+` : `${lo}–${hi}`;
	return { status: 'coarsened', reason: 'banded', lo, hi, label };
}

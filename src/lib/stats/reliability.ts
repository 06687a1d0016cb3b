/**
 * Reliability flags for a proportion (domain-spec §5.5): statistical precision, separate from
 * disclosure rules. The default thresholds are [U] (recalled from NCHS "Data Presentation
 * Standards for Proportions", 2017) and therefore configurable:
 * - `unreliable` ("‡", point estimate suppressed): `n_eff* < 30`, or CI width ≥ 0.30, or
 *   (CI width > 0.05 and CI width / p̂ > 1.30);
 * - `caution` ("!"): otherwise when `n_eff* < 100`.
 * An estimate without an effective n or interval is `unreliable`.
 */
export interface ReliabilityThresholds {
	minEffectiveN: number;
	maxWidth: number;
	relativeWidthFloor: number;
	maxRelativeWidth: number;
	cautionEffectiveN: number;
}

export const DEFAULT_RELIABILITY: ReliabilityThresholds = {
	minEffectiveN: 30,
	maxWidth: 0.3,
	relativeWidthFloor: 0.05,
	maxRelativeWidth: 1.3,
	cautionEffectiveN: 100
};

export type Reliability = 'ok' | 'caution' | 'unreliable';

/** The symbols NCES tables use [P][S45]. */
export const RELIABILITY_SYMBOL: Record<Reliability, string> = {
	ok: '',
	caution: '!',
	unreliable: '‡'
};

export function reliability(
	estimate: number,
	nEff: number | null,
	ci: { lo: number; hi: number } | null,
	t: ReliabilityThresholds = DEFAULT_RELIABILITY
): Reliability {
	if (nEff === null || ci === null) return 'unreliable';
	const width = ci.hi - ci.lo;
	if (
		nEff < t.minEffectiveN ||
		width >= t.maxWidth ||
		(width > t.relativeWidthFloor && width / estimate > t.maxRelativeWidth)
	) {
		return 'unreliable';
	}
	return nEff < t.cautionEffectiveN ? 'caution' : 'ok';
}

import { katzRatio, newcombeDifference, Z_95 } from '../../stats/proportion.ts';
import type { RateEstimate } from './funnel-groups.ts';

/** Estimate with an optional interval (null limits = no interval, e.g. too few schools). */
export interface GapEstimate {
	estimate: number | null;
	lo: number | null;
	hi: number | null;
}

const NO_GAP: GapEstimate = { estimate: null, lo: null, hi: null };

/** Successes and trials for the ratio interval: `x = p̂·n_eff`, `n = n_eff` (§5.3, weighted). */
function effectiveCounts(r: RateEstimate): [number, number] | null {
	if (r.estimate === null || r.n_eff === null) return null;
	return [r.estimate * r.n_eff, r.n_eff];
}

/**
 * Percentage-point gap `Δ = r_ref − r_group` with the Newcombe hybrid-score interval built from
 * each rate's own (clustered or student-level) Wilson interval (domain-spec §4.4, §5.3). With
 * `reference` = low poverty and `group` = high poverty this is the headline gap `r_L − r_H`.
 * NULL when either rate is NULL; no interval when either rate has none.
 */
export function rateGap(group: RateEstimate, reference: RateEstimate): GapEstimate {
	if (group.estimate === null || reference.estimate === null) return NO_GAP;
	const estimate = reference.estimate - group.estimate;
	if (group.lo === null || group.hi === null || reference.lo === null || reference.hi === null) {
		return { estimate, lo: null, hi: null };
	}
	const nd = newcombeDifference(
		reference.estimate,
		{ lo: reference.lo, hi: reference.hi },
		group.estimate,
		{ lo: group.lo, hi: group.hi }
	);
	return { estimate, lo: nd.lo, hi: nd.hi };
}

/**
 * Rate ratio `r_group / r_ref` with the log (Katz) interval on effective counts (domain-spec
 * §4.4, §5.3): `RR_L` with the low-poverty group as reference, `RR_rest` with all other students
 * of known poverty. The point estimate is undefined (NULL, shown "—") when `r_ref = 0`; the
 * interval then uses the +0.5 adjustment. No interval when either rate has none.
 */
export function rateRatio(
	group: RateEstimate,
	reference: RateEstimate,
	z: number = Z_95
): GapEstimate {
	if (group.estimate === null || reference.estimate === null) return NO_GAP;
	const estimate = reference.estimate > 0 ? group.estimate / reference.estimate : null;
	const a = effectiveCounts(group);
	const b = effectiveCounts(reference);
	const withInterval = group.lo !== null && reference.lo !== null && a && b;
	const katz = withInterval ? katzRatio(a[0], a[1], b[0], b[1], z) : null;
	return { estimate, lo: katz?.lo ?? null, hi: katz?.hi ?? null };
}

/** Access–conversion decomposition of the gap in use among enrolled students. */
export interface UseGapDecomposition {
	use_high: number;
	use_low: number;
	/** `AR = (L_H/E_H) / (L_L/E_L)` */
	access_ratio: number;
	/** `CR = (D_H/L_H) / (D_L/L_L)` */
	conversion_ratio: number;
	/** `UR = U_H / U_L = AR × CR` */
	use_ratio: number;
	/** `ln AR / ln UR`: the share of the (log) gap created by access; NULL when UR = 1. */
	access_share: number | null;
	conversion_share: number | null;
}

/**
 * Where is the gap created? `U_g = (L_g/E_g)·(D_g/L_g)`, so `ln(U_H/U_L) = ln AR + ln CR`
 * (domain-spec §4.4 [D]). Inputs are each group's access rate (L/E) and conversion rate (D/L
 * over evaluable licensed students); U is defined as their product so the identity is exact.
 * NULL when any rate is NULL or 0 (no ratio exists).
 */
export function decomposeUseGap(
	high: { access: number | null; conversion: number | null },
	low: { access: number | null; conversion: number | null }
): UseGapDecomposition | null {
	const rates = [high.access, high.conversion, low.access, low.conversion];
	if (rates.some((r) => r === null || !(r > 0))) return null;
	const [ah, ch, al, cl] = rates as [number, number, number, number];
	const access_ratio = ah / al;
	const conversion_ratio = ch / cl;
	const use_ratio = access_ratio * conversion_ratio;
	const logUse = Math.log(use_ratio);
	const shares = logUse === 0 ? null : Math.log(access_ratio) / logUse;
	return {
		use_high: ah * ch,
		use_low: al * cl,
		access_ratio,
		conversion_ratio,
		use_ratio,
		access_share: shares,
		conversion_share: shares === null ? null : 1 - shares
	};
}

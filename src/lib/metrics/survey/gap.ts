import {
	katzRatio,
	newcombeDifference,
	oddsRatio,
	zForLevel,
	type EstimateInterval
} from '../../stats/proportion.ts';
import { differenceVariance } from '../../stats/survey-design.ts';
import type { GroupEstimateRow } from './estimate-rows.ts';
import type { PovertyScheme, PovertySchemeId } from '../../poverty/schemes.ts';
import type { GroupFit, SurveyFit, VarianceMethod } from './fit-groups.ts';

/**
 * The high-vs-low poverty contrast (domain-spec §3.3, §5.3), low-poverty group L and
 * high-poverty group H of the scheme in force; unknown poverty is excluded and counted.
 * - `difference` Δ = p_L − p_H (positive = low-poverty advantage), Newcombe hybrid score from
 *   the two groups' intervals (Wilson with n_eff* by default);
 * - `difference_design`: Δ ± z·SE with the design variance of the difference (linearised or
 *   replicate: domains of one sample are not independent; Kish/binomial: Var_L + Var_H);
 * - `ratio` RR = p_H / p_L, log (Katz) interval with x = p̂·n_eff, n = n_eff;
 * - `odds_ratio` OR = odds_H / odds_L, Woolf interval on the same effective counts (research).
 */
export interface GapResult {
	/** The poverty scheme whose bottom and top levels are compared. */
	scheme: PovertySchemeId;
	scheme_label: string;
	low_group: string;
	high_group: string;
	/** Confidence level of every interval below. */
	level: number;
	/** How each interval is computed (see above). */
	methods: {
		difference: 'newcombe';
		difference_design: VarianceMethod;
		ratio: 'katz-log';
		odds_ratio: 'woolf-log';
	};
	/** Answered respondents (unweighted) and effective n of the two groups compared. */
	n_unweighted: { low: number; high: number };
	n_eff: { low: number | null; high: number | null };
	difference: EstimateInterval | null;
	difference_design: (EstimateInterval & { se: number }) | null;
	ratio: EstimateInterval | null;
	odds_ratio: EstimateInterval | null;
	/** Answered respondents of unknown poverty, excluded from the gap (kept in the overall). */
	n_unknown_excluded: number;
}

function effectiveCounts(row: GroupEstimateRow): { x: number; n: number } | null {
	if (row.estimate_unsuppressed === null || row.n_eff === null) return null;
	return { x: row.estimate_unsuppressed * row.n_eff, n: row.n_eff };
}

function designDifference(
	survey: SurveyFit,
	low: GroupFit,
	high: GroupFit,
	level: number
): (EstimateInterval & { se: number }) | null {
	if (!low.fit || !high.fit) return null;
	const variance = differenceVariance(survey.design, low.fit, high.fit);
	if (!Number.isFinite(variance)) return null;
	const se = Math.sqrt(variance);
	const estimate = low.fit.estimate - high.fit.estimate;
	const half = zForLevel(level) * se;
	return { estimate, se, lo: estimate - half, hi: estimate + half };
}

export function highLowGap(
	survey: SurveyFit,
	rows: readonly GroupEstimateRow[],
	scheme: PovertyScheme,
	levels: { low: string; high: string },
	unknown: string,
	level: number
): GapResult {
	const row = (g: string) => rows.find((r) => r.group === g);
	const fit = (g: string) => survey.groups.find((f) => f.group === g);
	const [lowRow, highRow, lowFit, highFit] = [
		row(levels.low),
		row(levels.high),
		fit(levels.low),
		fit(levels.high)
	];
	const result: GapResult = {
		scheme: scheme.id,
		scheme_label: scheme.label,
		low_group: levels.low,
		high_group: levels.high,
		level,
		methods: {
			difference: 'newcombe',
			difference_design: survey.variance_method,
			ratio: 'katz-log',
			odds_ratio: 'woolf-log'
		},
		n_unweighted: { low: lowRow?.n_unweighted ?? 0, high: highRow?.n_unweighted ?? 0 },
		n_eff: { low: lowRow?.n_eff ?? null, high: highRow?.n_eff ?? null },
		difference: null,
		difference_design: null,
		ratio: null,
		odds_ratio: null,
		n_unknown_excluded: row(unknown)?.n_unweighted ?? 0
	};
	if (!lowRow || !highRow || !lowFit || !highFit) return result;
	const [pL, pH] = [lowRow.estimate_unsuppressed, highRow.estimate_unsuppressed];
	if (pL !== null && pH !== null && lowRow.lo !== null && lowRow.hi !== null) {
		if (highRow.lo !== null && highRow.hi !== null) {
			result.difference = newcombeDifference(pL, { lo: lowRow.lo, hi: lowRow.hi }, pH, {
				lo: highRow.lo,
				hi: highRow.hi
			});
		}
	}
	result.difference_design = designDifference(survey, lowFit, highFit, level);
	const [cL, cH] = [effectiveCounts(lowRow), effectiveCounts(highRow)];
	if (cL && cH) {
		const z = zForLevel(level);
		result.ratio = katzRatio(cH.x, cH.n, cL.x, cL.n, z);
		result.odds_ratio = oddsRatio(cH.x, cH.n, cL.x, cL.n, z);
	}
	return result;
}

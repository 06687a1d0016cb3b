import type { Reliability } from '../stats/reliability.ts';
import type { CellInput } from './view.ts';

/** Where a cell sits in the view's displayed partitions (see `CellInput`). */
export type CellPlacement = Pick<CellInput, 'partOf' | 'totalOf' | 'allStudents' | 'splitsBlock'>;

/** The fields of a counted rate with an interval (the usage funnel's `RateEstimate` shape). */
export interface CountedRate {
	readonly estimate: number | null;
	readonly numerator: number | null;
	readonly denominator: number | null;
	readonly lo: number | null;
	readonly hi: number | null;
}

/** The fields of a survey group estimate (the survey module's `GroupEstimateRow` shape). */
export interface SurveyEstimate {
	/** The estimate before reliability suppression: `discloseView` decides what to show. */
	readonly estimate_unsuppressed: number | null;
	readonly n_unweighted: number;
	readonly lo: number | null;
	readonly hi: number | null;
	readonly reliability: Reliability;
}

/**
 * A student-derived rate (e.g. one funnel stage of one poverty group) as a disclosure cell: its
 * counts, its estimate as the rate (not applicable over zero students) and its interval bounds,
 * which are hidden whenever the rate is not shown exactly (domain-spec §6.4).
 */
export function countedRateCell(
	id: string,
	keys: Readonly<Record<string, string>>,
	rate: CountedRate,
	placement: CellPlacement = {}
): CellInput {
	return {
		id,
		keys,
		numerator: rate.numerator,
		denominator: rate.denominator,
		// A group of no students has no rate (§4.4), not an unknown one.
		rate:
			rate.denominator === 0
				? { status: 'not_applicable', reason: 'zero_denominator' }
				: rate.estimate,
		values: { lo: { kind: 'interval', value: rate.lo }, hi: { kind: 'interval', value: rate.hi } },
		...placement
	};
}

/**
 * A survey estimate as a disclosure cell (view `records: 'survey'`): weighted, so no numerator;
 * n is the unweighted respondent count; the §5.5 flag decides "‡" in public mode.
 */
export function surveyEstimateCell(
	id: string,
	keys: Readonly<Record<string, string>>,
	estimate: SurveyEstimate
): CellInput {
	return {
		id,
		keys,
		numerator: { status: 'not_applicable', reason: 'weighted_estimate' },
		denominator: estimate.n_unweighted,
		rate: estimate.estimate_unsuppressed,
		values: {
			lo: { kind: 'interval', value: estimate.lo },
			hi: { kind: 'interval', value: estimate.hi }
		},
		reliability: estimate.reliability
	};
}

/**
 * A dosage rule ("used as intended", domain-spec §4.2): conditions on per-student measures over
 * the student's eligible instructional weeks, all of which must hold, plus the fewest eligible
 * weeks a student needs to be evaluated at all.
 */
export const RULE_MEASURES = [
	'minutes_per_week_mean',
	'hours_total',
	'lessons_completed_per_week_mean',
	'skills_proficient_per_week_mean',
	'quiz_pass_rate',
	'active_weeks'
] as const;

export type RuleMeasure = (typeof RULE_MEASURES)[number];

export const COMPARISONS = ['>=', '>', '<=', '<'] as const;

export type Comparison = (typeof COMPARISONS)[number];

/** Thresholds are exact decimals with at most this many decimal places (bound as DECIMAL). */
export const THRESHOLD_DECIMALS = 4;

export interface DosageCondition {
	readonly measure: RuleMeasure;
	readonly comparison: Comparison;
	readonly threshold: number;
}

export interface DosageRule {
	readonly conditions: readonly DosageCondition[];
	/** Students with fewer eligible weeks are `not_evaluable` (excluded from D and its denominators). */
	readonly minEligibleWeeks: number;
}

/** Used when a rule does not set `min_eligible_weeks` [D]. */
export const DEFAULT_MIN_ELIGIBLE_WEEKS = 1;

const MEASURE_LABELS: Record<RuleMeasure, string> = {
	minutes_per_week_mean: 'mean minutes per eligible week',
	hours_total: 'total hours',
	lessons_completed_per_week_mean: 'mean lessons completed per eligible week',
	skills_proficient_per_week_mean: 'mean skills proficient per eligible week',
	quiz_pass_rate: 'quiz pass rate (passed / taken)',
	active_weeks: 'eligible weeks with at least one session'
};

const COMPARISON_SIGNS: Record<Comparison, string> = { '>=': '≥', '>': '>', '<=': '≤', '<': '<' };

/** One line for charts and exports, e.g. "mean minutes per eligible week ≥ 30; at least 4 eligible weeks". */
export function describeDosageRule(rule: DosageRule): string {
	const conditions = rule.conditions.map(
		(c) => `${MEASURE_LABELS[c.measure]} ${COMPARISON_SIGNS[c.comparison]} ${c.threshold}`
	);
	return [...conditions, `at least ${rule.minEligibleWeeks} eligible weeks`].join('; ');
}

/** The rule in the JSON grammar of §4.2 (the inverse of `parseDosageRule`). */
export function formatDosageRule(rule: DosageRule): string {
	const clauses: Record<string, Record<string, number> | number> = {};
	for (const c of rule.conditions) {
		const clause = (clauses[c.measure] ??= {}) as Record<string, number>;
		clause[c.comparison] = c.threshold;
	}
	clauses.min_eligible_weeks = rule.minEligibleWeeks;
	return JSON.stringify(clauses);
}

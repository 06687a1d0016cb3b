import { join, raw, sql, type SqlQuery } from '../db/sql.ts';
import { THRESHOLD_DECIMALS, type DosageCondition, type DosageRule } from './rule.ts';

/**
 * The per-student sums a rule is evaluated on, over the student's eligible weeks (domain-spec
 * §4.2 steps 1–4). Minutes are DECIMAL sums; every other column is an integer count.
 */
export const STUDENT_MEASURE_COLUMNS = [
	'eligible_weeks',
	'minutes_sum',
	'lessons_completed_sum',
	'skills_proficient_sum',
	'quizzes_taken_sum',
	'quizzes_passed_sum',
	'active_weeks'
] as const;

/** The threshold as an exact DECIMAL bound parameter (bound as text so no binary float intrudes). */
function threshold(value: number): SqlQuery {
	return sql`CAST(${value.toFixed(THRESHOLD_DECIMALS)} AS DECIMAL(18, ${raw(String(THRESHOLD_DECIMALS))}))`;
}

/**
 * A mean per eligible week is compared without dividing: `sum op t × weeks` is exact in DECIMAL
 * and equivalent for weeks > 0 (a not-evaluable student never reaches this comparison).
 */
function conditionSql(c: DosageCondition): SqlQuery {
	const op = raw(c.comparison);
	const t = threshold(c.threshold);
	switch (c.measure) {
		case 'minutes_per_week_mean':
			return sql`minutes_sum ${op} ${t} * eligible_weeks`;
		case 'hours_total':
			return sql`minutes_sum ${op} ${t} * 60`;
		case 'lessons_completed_per_week_mean':
			return sql`lessons_completed_sum ${op} ${t} * eligible_weeks`;
		case 'skills_proficient_per_week_mean':
			return sql`skills_proficient_sum ${op} ${t} * eligible_weeks`;
		case 'quiz_pass_rate':
			return sql`(quizzes_taken_sum > 0 AND quizzes_passed_sum ${op} ${t} * quizzes_taken_sum)`;
		case 'active_weeks':
			return sql`active_weeks ${op} ${t}`;
	}
}

/**
 * A boolean SQL expression over `STUDENT_MEASURE_COLUMNS` that is true when every condition of the
 * rule holds. It does not check `min_eligible_weeks`; see `evaluableSql`.
 */
export function dosageRuleSql(rule: DosageRule): SqlQuery {
	return join(
		rule.conditions.map((c) => sql`(${conditionSql(c)})`),
		' AND '
	);
}

/** True when the student has enough eligible weeks to be evaluated against the rule. */
export function evaluableSql(rule: DosageRule): SqlQuery {
	return sql`eligible_weeks >= ${rule.minEligibleWeeks}`;
}

import { sql, type SqlQuery } from '../../db/sql.ts';
import { dosageRuleSql, evaluableSql } from '../../dosage/rule-sql.ts';
import { perProductCaseSql, productFilterSql, type UsageScope } from './scope.ts';

/**
 * One row per rostered student and product of the scope: the funnel stages at student grain
 * (domain-spec §4.1–4.2). Students never leave the database; callers aggregate these rows.
 *
 * - enrolled (E): enrolment overlaps the window and the grade is within the product's grades.
 * - licensed (L): a licence start is given and the licence overlaps the window.
 * - activated (A): licensed and ≥ 1 session or login in a week of the window.
 * - eligible weeks: ISO weeks overlapping the window, minus `calendar_exclusions` (all districts
 *   or the student's), whose Monday lies in [max(enrol start, licence start), min(enrol end,
 *   licence end)] [D; as the demo generator]. Open enrolment or licence ends mean the window end.
 * - regular (R): licensed and active (≥ 1 session or login) in ≥ 50% of eligible weeks (> 0).
 * - evaluable: licensed and eligible weeks ≥ the rule's `min_eligible_weeks`; NULL without a rule.
 * - dosage_met (D): activated, evaluable and the rule holds on sums over eligible weeks, where a
 *   week without a usage row counts as zero (means divide by eligible weeks, not active weeks).
 * NULL minutes or counts in a usage row count as zero. D ⊆ A ⊆ L holds by construction.
 */
export function studentStatusSql(scope: UsageScope): SqlQuery {
	const dosageCase = perProductCaseSql(scope, sql`product_id`, dosageRuleSql);
	const evaluableCase = perProductCaseSql(scope, sql`product_id`, evaluableSql);
	return sql`WITH
params AS (
	SELECT CAST(${scope.windowStart} AS DATE) AS t0, CAST(${scope.windowEnd} AS DATE) AS t1,
		CAST(${scope.schoolYear} AS INTEGER) AS yr
),
window_weeks AS (
	SELECT CAST(unnest(generate_series(
		CAST(date_trunc('week', t0) AS TIMESTAMP), CAST(t1 AS TIMESTAMP), INTERVAL 7 DAY
	)) AS DATE) AS week_start
	FROM params
),
roster AS (
	SELECT r.student_key, r.ncessch, r.leaid, r.product_id,
		coalesce(coalesce(r.enroll_start, t0) <= t1 AND coalesce(r.enroll_end, t1) >= t0
			AND (p.grade_min IS NULL OR r.grade >= p.grade_min)
			AND (p.grade_max IS NULL OR r.grade <= p.grade_max), false) AS enrolled,
		coalesce(r.license_start <= t1 AND coalesce(r.license_end, t1) >= t0, false) AS licensed,
		greatest(coalesce(r.enroll_start, r.license_start), r.license_start) AS eligible_from,
		least(coalesce(r.enroll_end, t1), coalesce(r.license_end, t1)) AS eligible_to
	FROM usage_roster r CROSS JOIN params LEFT JOIN products p ON p.product_id = r.product_id
	WHERE r.school_year_start = params.yr AND ${productFilterSql(scope, sql`r.product_id`)}
),
instructional_weeks AS (
	SELECT d.leaid, w.week_start
	FROM (SELECT DISTINCT leaid FROM roster) d CROSS JOIN window_weeks w
	WHERE NOT EXISTS (
		SELECT 1 FROM calendar_exclusions x, params
		WHERE x.school_year_start = params.yr AND (x.leaid IS NULL OR x.leaid = d.leaid)
			AND CAST(date_trunc('week', x.week_start) AS DATE) = w.week_start
	)
),
weekly AS (
	SELECT u.student_key, u.product_id, CAST(date_trunc('week', u.week_start) AS DATE) AS week_start,
		sum(coalesce(u.minutes, 0)) AS minutes,
		sum(coalesce(u.lessons_completed, 0)) AS lessons_completed,
		sum(coalesce(u.skills_proficient, 0)) AS skills_proficient,
		sum(coalesce(u.quizzes_taken, 0)) AS quizzes_taken,
		sum(coalesce(u.quizzes_passed, 0)) AS quizzes_passed,
		bool_or(coalesce(u.sessions, 0) > 0 OR coalesce(u.logins, 0) > 0) AS active
	FROM usage_student_week u CROSS JOIN params
	WHERE u.school_year_start = params.yr AND ${productFilterSql(scope, sql`u.product_id`)}
	GROUP BY ALL
),
activation AS (
	SELECT student_key, product_id, bool_or(active) AS any_activity
	FROM weekly JOIN window_weeks USING (week_start)
	GROUP BY ALL
),
eligible AS (
	SELECT r.student_key, r.product_id,
		count(*) AS eligible_weeks,
		coalesce(sum(u.minutes), 0) AS minutes_sum,
		coalesce(sum(u.lessons_completed), 0) AS lessons_completed_sum,
		coalesce(sum(u.skills_proficient), 0) AS skills_proficient_sum,
		coalesce(sum(u.quizzes_taken), 0) AS quizzes_taken_sum,
		coalesce(sum(u.quizzes_passed), 0) AS quizzes_passed_sum,
		count(*) FILTER (WHERE u.active) AS active_weeks
	FROM roster r
	JOIN instructional_weeks i ON i.leaid = r.leaid
		AND i.week_start BETWEEN r.eligible_from AND r.eligible_to
	LEFT JOIN weekly u ON u.student_key = r.student_key AND u.product_id = r.product_id
		AND u.week_start = i.week_start
	WHERE r.licensed
	GROUP BY r.student_key, r.product_id
),
students AS (
	SELECT r.student_key, r.ncessch, r.leaid, r.product_id, r.enrolled, r.licensed,
		r.licensed AND coalesce(a.any_activity, false) AS activated,
		coalesce(e.eligible_weeks, 0) AS eligible_weeks,
		coalesce(e.minutes_sum, 0) AS minutes_sum,
		coalesce(e.lessons_completed_sum, 0) AS lessons_completed_sum,
		coalesce(e.skills_proficient_sum, 0) AS skills_proficient_sum,
		coalesce(e.quizzes_taken_sum, 0) AS quizzes_taken_sum,
		coalesce(e.quizzes_passed_sum, 0) AS quizzes_passed_sum,
		coalesce(e.active_weeks, 0) AS active_weeks
	FROM roster r
	LEFT JOIN eligible e ON e.student_key = r.student_key AND e.product_id = r.product_id
	LEFT JOIN activation a ON a.student_key = r.student_key AND a.product_id = r.product_id
)
SELECT student_key, ncessch, leaid, product_id, enrolled, licensed, activated,
	licensed AND eligible_weeks > 0 AND 2 * active_weeks >= eligible_weeks AS regular,
	licensed AND ${evaluableCase} AS evaluable,
	activated AND ${evaluableCase} AND ${dosageCase} AS dosage_met,
	eligible_weeks, minutes_sum, active_weeks
FROM students`;
}

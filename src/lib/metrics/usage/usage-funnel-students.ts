import { sql, type SqlQuery } from '../../db/sql.ts';
import { parseDosageRule } from '../../dosage/parse-rule.ts';
import type { MetricDefinition } from '../types.ts';
import { povertyRelation, type PovertyInput } from './poverty-input.ts';
import { perProductCaseSql, type UsageScope } from './scope.ts';
import { studentStatusSql } from './student-status-sql.ts';

export interface UnitFunnelParams {
	readonly scope: UsageScope;
	readonly poverty: PovertyInput;
}

/**
 * usage-funnel-students: the funnel E → L → A → R → D per school and product from student-week
 * logs and rosters (domain-spec §4.1–4.2; `studentStatusSql` defines each stage). Population:
 * rostered students of the school year; D and the not-evaluable counts are NULL for products
 * without a dosage rule. Unweighted counts of students; each school carries its poverty group.
 */
export function usageFunnelStudentsSql({ scope, poverty }: UnitFunnelParams): SqlQuery {
	const hasRule = perProductCaseSql(scope, sql`s.product_id`, () => sql`true`);
	const key = poverty.level === 'school' ? sql`s.ncessch` : sql`s.leaid`;
	return sql`WITH students AS (${studentStatusSql(scope)}), poverty AS (${poverty.relation})
SELECT s.product_id, s.leaid, s.ncessch, pv.poverty_group,
	count(*) FILTER (WHERE s.enrolled) AS enrolled_n,
	count(*) FILTER (WHERE s.licensed) AS licensed_n,
	count(*) FILTER (WHERE s.activated) AS activated_n,
	count(*) FILTER (WHERE s.regular) AS regular_n,
	CASE WHEN ${hasRule} THEN count(*) FILTER (WHERE s.dosage_met) END AS dosage_met_n,
	CASE WHEN ${hasRule} THEN count(*) FILTER (WHERE s.licensed AND NOT s.evaluable) END
		AS not_evaluable_n,
	CASE WHEN ${hasRule} THEN count(*) FILTER (WHERE s.enrolled AND s.licensed AND NOT s.evaluable) END
		AS not_evaluable_enrolled_n,
	CASE WHEN ${hasRule} THEN count(*) FILTER (WHERE s.activated AND NOT s.evaluable) END
		AS not_evaluable_active_n,
	false AS funnel_inconsistent,
	count(*) FILTER (WHERE s.licensed) > count(*) FILTER (WHERE s.enrolled) AS overlicensed,
	false AS enrolled_approximate
FROM students s LEFT JOIN poverty pv ON pv.unit_id = ${key}
GROUP BY s.product_id, s.leaid, s.ncessch, pv.poverty_group
ORDER BY s.product_id, s.leaid, s.ncessch`;
}

const EXAMPLE_RULE = parseDosageRule(
	'{"minutes_per_week_mean": {">=": 30}, "min_eligible_weeks": 4}'
);

export const usageFunnelStudents: MetricDefinition<UnitFunnelParams> = {
	id: 'usage-funnel-students',
	label: 'Usage funnel per school, from student-week logs',
	definition:
		'Enrolled, licensed, activated, regular and dosage-meeting students per school and product, evaluated per student over their eligible instructional weeks.',
	sources: ['S7', 'S20', 'D'],
	tables: ['usage_roster', 'usage_student_week', 'calendar_exclusions', 'products'],
	query: usageFunnelStudentsSql,
	exampleParams: {
		scope: {
			schoolYear: 2024,
			windowStart: '2024-09-02',
			windowEnd: '2025-06-13',
			rules: new Map([['demo-math-practice', EXAMPLE_RULE]])
		},
		poverty: {
			scheme: 'example',
			groups: ['low', 'high'],
			level: 'district',
			relation: povertyRelation([{ unit_id: '0100001', poverty_group: 'low' }])
		}
	}
};

import { sql, type SqlQuery } from '../../db/sql.ts';
import type { MetricDefinition } from '../types.ts';
import { povertyRelation } from './poverty-input.ts';
import { productFilterSql } from './scope.ts';
import type { UnitFunnelParams } from './usage-funnel-students.ts';

/**
 * usage-funnel-aggregates: the funnel per school or district unit and product from
 * `usage_aggregate`, counts as given (domain-spec §4.1). Rows of the scope's school year; the
 * window and dosage rules do not apply (the supplier already evaluated them). A district row is
 * skipped when the same product has school rows in that district (they hold the same students,
 * and schools give the clusters of §5.4). E is `enrolled_n`;
 * when a district unit lacks it, the district's total enrolment (all grades) is used and flagged
 * `enrolled_approximate`. A unit whose counts break `dosage_met_n ≤ activated_n ≤ licensed_n`
 * (or are negative), or that appears more than once, is flagged `funnel_inconsistent`; callers
 * exclude it, never clamp it. NULL counts are unknown, not zero, and are not checked.
 */
export function usageFunnelAggregatesSql({ scope, poverty }: UnitFunnelParams): SqlQuery {
	const key = poverty.level === 'school' ? sql`u.ncessch` : sql`u.leaid`;
	return sql`WITH poverty AS (${poverty.relation}),
units AS (
	SELECT a.product_id,
		CASE a.unit_type WHEN 'school' THEN substr(a.unit_id, 1, 7) ELSE a.unit_id END AS leaid,
		CASE a.unit_type WHEN 'school' THEN a.unit_id END AS ncessch,
		a.school_year_start, a.enrolled_n, a.licensed_n, a.activated_n, a.regular_n, a.dosage_met_n,
		count(*) OVER (PARTITION BY a.unit_type, a.unit_id, a.product_id) > 1 AS duplicate_unit
	FROM usage_aggregate a
	WHERE a.school_year_start = ${scope.schoolYear} AND ${productFilterSql(scope, sql`a.product_id`)}
		AND NOT (a.unit_type = 'district' AND EXISTS (
			SELECT 1 FROM usage_aggregate s
			WHERE s.unit_type = 'school' AND substr(s.unit_id, 1, 7) = a.unit_id
				AND s.product_id = a.product_id AND s.school_year_start = a.school_year_start
		))
),
checked AS (
	SELECT u.*,
		coalesce(u.enrolled_n, CASE WHEN u.ncessch IS NULL THEN d.enrollment_total END) AS enrolled,
		u.enrolled_n IS NULL AND u.ncessch IS NULL AND d.enrollment_total IS NOT NULL
			AS enrolled_approximate,
		duplicate_unit
			OR coalesce(u.dosage_met_n > u.activated_n, false)
			OR coalesce(u.activated_n > u.licensed_n, false)
			OR coalesce(least(u.enrolled_n, u.licensed_n, u.activated_n, u.regular_n, u.dosage_met_n) < 0, false)
			AS funnel_inconsistent
	FROM units u
	LEFT JOIN districts d ON d.leaid = u.leaid AND d.school_year_start = u.school_year_start
)
SELECT u.product_id, u.leaid, u.ncessch, pv.poverty_group,
	u.enrolled AS enrolled_n, u.licensed_n, u.activated_n, u.regular_n, u.dosage_met_n,
	0 AS not_evaluable_n, 0 AS not_evaluable_enrolled_n, 0 AS not_evaluable_active_n,
	u.funnel_inconsistent,
	coalesce(u.licensed_n > u.enrolled, false) AS overlicensed,
	u.enrolled_approximate
FROM checked u LEFT JOIN poverty pv ON pv.unit_id = ${key}
ORDER BY u.product_id, u.leaid, u.ncessch`;
}

export const usageFunnelAggregates: MetricDefinition<UnitFunnelParams> = {
	id: 'usage-funnel-aggregates',
	label: 'Usage funnel per school or district, from supplied aggregates',
	definition:
		'Enrolled, licensed, activated, regular and dosage-meeting counts per unit and product as supplied; units whose counts break D ≤ A ≤ L are flagged and excluded.',
	sources: ['S20', 'D'],
	tables: ['usage_aggregate', 'districts'],
	query: usageFunnelAggregatesSql,
	exampleParams: {
		scope: {
			schoolYear: 2024,
			windowStart: '2024-09-02',
			windowEnd: '2025-06-13',
			rules: new Map([['demo-math-practice', null]])
		},
		poverty: {
			scheme: 'example',
			groups: ['low', 'high'],
			level: 'school',
			relation: povertyRelation([{ unit_id: '010000100001', poverty_group: 'high' }])
		}
	}
};

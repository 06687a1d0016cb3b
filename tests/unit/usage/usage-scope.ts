import { parseDosageRule } from '#lib/dosage/parse-rule.ts';
import { povertyRelation, type PovertyInput } from '#lib/metrics/usage/poverty-input.ts';
import type { UsageScope } from '#lib/metrics/usage/scope.ts';

export const MINUTES_RULE = parseDosageRule(
	'{"minutes_per_week_mean": {">=": 30}, "min_eligible_weeks": 4}'
);
export const LESSONS_RULE = parseDosageRule(
	'{"lessons_completed_per_week_mean": {">=": 5}, "min_eligible_weeks": 4}'
);

/** The scope of the student-grain fixture (README: 8 window weeks, 2024-09-02 to 2024-10-27). */
export const FIXTURE_SCOPE: UsageScope = {
	schoolYear: 2024,
	windowStart: '2024-09-02',
	windowEnd: '2024-10-27',
	rules: new Map([
		['demo-math-practice', MINUTES_RULE],
		['demo-adaptive-lessons', LESSONS_RULE]
	])
};

/** District A (0100001) low poverty, district B (0100002) high poverty. */
export const FIXTURE_POVERTY: PovertyInput = {
	scheme: 'fixture two-level',
	groups: ['low', 'high'],
	level: 'district',
	relation: povertyRelation([
		{ unit_id: '0100001', poverty_group: 'low' },
		{ unit_id: '0100002', poverty_group: 'high' }
	])
};

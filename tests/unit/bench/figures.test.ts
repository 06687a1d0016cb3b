import { describe, expect, it } from 'vitest';
import { meetsRule } from '../../../bench/alternatives/funnel-rules.ts';
import { countsCsv, firstDifference, type FunnelCounts } from '../../../bench/figures.ts';
import { parseDosageRule } from '#lib/dosage/parse-rule.ts';

const row = (leaid: string, dosage_met: number): FunnelCounts => ({
	product_id: 'p',
	leaid,
	enrolled: 10,
	licensed: 8,
	activated: 5,
	regular: 3,
	dosage_met
});

describe('benchmark figures', () => {
	it('agree only when every count of every product and district is equal', () => {
		expect(firstDifference([row('1', 2), row('2', 1)], [row('2', 1), row('1', 2)])).toBeNull();
		expect(firstDifference([row('1', 2)], [row('1', 3)])).toBe('p|1 dosage_met: 2 vs 3');
		expect(firstDifference([row('1', 2)], [row('2', 2)])).toBe('p|1 missing');
		expect(firstDifference([row('1', 2)], [])).toBe('1 product × district rows vs 0');
	});

	it('export as CSV in product and district order', () => {
		expect(countsCsv([row('2', 1), row('1', 2)])).toBe(
			'product_id,leaid,enrolled,licensed,activated,regular,dosage_met\np,1,10,8,5,3,2\np,2,10,8,5,3,1\n'
		);
	});
});

describe('the JavaScript alternatives’ dosage rule', () => {
	// Worked by hand: mean ≥ 30 minutes over 4 eligible weeks needs 4 × 30 = 120 minutes
	// (12 000 hundredths); one hundredth less misses it; 3 weeks are fewer than the 4 required.
	const rule = parseDosageRule('{"minutes_per_week_mean": {">=": 30}, "min_eligible_weeks": 4}');
	const sums = {
		eligibleWeeks: 4,
		minutesHundredths: 12_000,
		lessons: 0,
		skills: 0,
		quizzesTaken: 0,
		quizzesPassed: 0,
		activeWeeks: 4
	};

	it('holds exactly on the threshold and not one hundredth below', () => {
		expect(meetsRule(rule, sums)).toBe(true);
		expect(meetsRule(rule, { ...sums, minutesHundredths: 11_999 })).toBe(false);
	});

	it('needs the minimum number of eligible weeks', () => {
		expect(meetsRule(rule, { ...sums, eligibleWeeks: 3, minutesHundredths: 9_000 })).toBe(false);
	});

	it('compares lesson means without rounding', () => {
		// 5 lessons a week over 6 weeks = 30 lessons; 29 is below.
		const lessons = parseDosageRule('{"lessons_completed_per_week_mean": {">=": 5}}');
		expect(meetsRule(lessons, { ...sums, eligibleWeeks: 6, lessons: 30 })).toBe(true);
		expect(meetsRule(lessons, { ...sums, eligibleWeeks: 6, lessons: 29 })).toBe(false);
	});
});

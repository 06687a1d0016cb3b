import { describe, expect, it } from 'vitest';
import { DosageRuleError, parseDosageRule } from '#lib/dosage/parse-rule.ts';
import { DEMO_DOSAGE_RULES, PUBLISHED_DOSAGE_RULES } from '#lib/dosage/published-rules.ts';
import { describeDosageRule, formatDosageRule } from '#lib/dosage/rule.ts';

describe('parseDosageRule', () => {
	it('reads every clause of the domain-spec §4.2 grammar', () => {
		const rule = parseDosageRule(
			'{"minutes_per_week_mean": {">=": 30, "<": 50}, "quiz_pass_rate": {">=": 0.7}, "active_weeks": {">=": 18}, "min_eligible_weeks": 4}'
		);
		expect(rule).toEqual({
			conditions: [
				{ measure: 'minutes_per_week_mean', comparison: '>=', threshold: 30 },
				{ measure: 'minutes_per_week_mean', comparison: '<', threshold: 50 },
				{ measure: 'quiz_pass_rate', comparison: '>=', threshold: 0.7 },
				{ measure: 'active_weeks', comparison: '>=', threshold: 18 }
			],
			minEligibleWeeks: 4
		});
	});

	it('defaults min_eligible_weeks to 1 and accepts a parsed object', () => {
		expect(parseDosageRule({ hours_total: { '>=': 18 } }).minEligibleWeeks).toBe(1);
	});

	it.each([
		['not json', /not valid JSON/],
		['[1]', /expected a JSON object/],
		['{}', /no usage condition/],
		['{"min_eligible_weeks": 4}', /no usage condition/],
		['{"minutes": {">=": 30}}', /unknown clause "minutes"/],
		['{"minutes_per_week_mean": 30}', /needs comparisons/],
		['{"minutes_per_week_mean": {"=>": 30}}', /unknown comparison "=>"/],
		['{"minutes_per_week_mean": {">=": "30"}}', /finite number ≥ 0, got "30"/],
		['{"minutes_per_week_mean": {">=": -1}}', /finite number ≥ 0/],
		['{"minutes_per_week_mean": {">=": 30.00001}}', /more than 4 decimals/],
		['{"quiz_pass_rate": {">=": 70}}', /proportion in \[0, 1\]/],
		['{"hours_total": {">=": 18}, "min_eligible_weeks": 0}', /whole number ≥ 1/],
		['{"hours_total": {">=": 18}, "min_eligible_weeks": 2.5}', /whole number ≥ 1/]
	])('rejects %s', (text, message) => {
		expect(() => parseDosageRule(text)).toThrow(DosageRuleError);
		expect(() => parseDosageRule(text)).toThrow(message);
	});

	it('round-trips through formatDosageRule', () => {
		const text = '{"minutes_per_week_mean":{">=":30,"<":50},"min_eligible_weeks":4}';
		expect(formatDosageRule(parseDosageRule(text))).toBe(text);
	});

	it('describes a rule in words', () => {
		expect(describeDosageRule(parseDosageRule(DEMO_DOSAGE_RULES[0]!.ruleJson!))).toBe(
			'mean minutes per eligible week ≥ 30; at least 4 eligible weeks'
		);
	});
});

describe('default dosage rules', () => {
	it('parse, and cite a source unless no rule is published', () => {
		for (const entry of [...PUBLISHED_DOSAGE_RULES, ...DEMO_DOSAGE_RULES]) {
			if (entry.ruleJson === null) {
				expect(entry.tag, entry.productId).toBe('U');
				continue;
			}
			expect(() => parseDosageRule(entry.ruleJson), entry.productId).not.toThrow();
			expect(entry.sourceKeys.length, entry.productId).toBeGreaterThan(0);
		}
	});

	it('say that Khanmigo has no published threshold', () => {
		const khanmigo = PUBLISHED_DOSAGE_RULES.find((e) => e.productId === 'khanmigo');
		expect(khanmigo?.ruleJson).toBeNull();
		expect(khanmigo?.note).toMatch(/No published dosage threshold/);
	});
});

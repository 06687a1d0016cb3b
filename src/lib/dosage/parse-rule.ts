import {
	COMPARISONS,
	DEFAULT_MIN_ELIGIBLE_WEEKS,
	RULE_MEASURES,
	THRESHOLD_DECIMALS,
	type Comparison,
	type DosageCondition,
	type DosageRule,
	type RuleMeasure
} from './rule.ts';

/** A dosage rule that does not follow the grammar of domain-spec §4.2; the message says why. */
export class DosageRuleError extends Error {
	constructor(message: string) {
		super(`invalid dosage rule: ${message}`);
		this.name = 'DosageRuleError';
	}
}

function isRecord(value: unknown): value is Record<string, unknown> {
	return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function hasAtMostDecimals(x: number, decimals: number): boolean {
	const scaled = x * 10 ** decimals;
	return Math.abs(scaled - Math.round(scaled)) < 1e-6;
}

function parseThreshold(measure: RuleMeasure, comparison: string, value: unknown): number {
	const where = `${measure} ${comparison}`;
	if (typeof value !== 'number' || !Number.isFinite(value) || value < 0) {
		throw new DosageRuleError(`${where} needs a finite number ≥ 0, got ${JSON.stringify(value)}`);
	}
	if (!hasAtMostDecimals(value, THRESHOLD_DECIMALS)) {
		throw new DosageRuleError(`${where} ${value} has more than ${THRESHOLD_DECIMALS} decimals`);
	}
	if (measure === 'quiz_pass_rate' && value > 1) {
		throw new DosageRuleError(`quiz_pass_rate is a proportion in [0, 1], got ${value}`);
	}
	return value;
}

function parseClause(measure: RuleMeasure, clause: unknown): DosageCondition[] {
	if (!isRecord(clause) || Object.keys(clause).length === 0) {
		throw new DosageRuleError(`${measure} needs comparisons such as {">=": 30}`);
	}
	return Object.entries(clause).map(([comparison, value]) => {
		if (!(COMPARISONS as readonly string[]).includes(comparison)) {
			throw new DosageRuleError(
				`unknown comparison "${comparison}" for ${measure} (expected one of ${COMPARISONS.join(', ')})`
			);
		}
		const threshold = parseThreshold(measure, comparison, value);
		return { measure, comparison: comparison as Comparison, threshold };
	});
}

function parseMinEligibleWeeks(value: unknown): number {
	if (value === undefined) return DEFAULT_MIN_ELIGIBLE_WEEKS;
	if (typeof value !== 'number' || !Number.isInteger(value) || value < 1) {
		throw new DosageRuleError(
			`min_eligible_weeks must be a whole number ≥ 1, got ${JSON.stringify(value)}`
		);
	}
	return value;
}

/**
 * Parses and validates a rule in the JSON grammar of domain-spec §4.2 (all clauses ANDed), e.g.
 * `{"minutes_per_week_mean": {">=": 30}, "min_eligible_weeks": 4}`. Accepts the JSON text (as
 * stored in `products.dosage_rule_json`) or the parsed object. Throws `DosageRuleError`.
 */
export function parseDosageRule(input: string | unknown): DosageRule {
	let value = input;
	if (typeof input === 'string') {
		try {
			value = JSON.parse(input);
		} catch (error) {
			throw new DosageRuleError(`not valid JSON (${(error as Error).message})`);
		}
	}
	if (!isRecord(value)) throw new DosageRuleError('expected a JSON object of clauses');
	const conditions: DosageCondition[] = [];
	for (const [key, clause] of Object.entries(value)) {
		if (key === 'min_eligible_weeks') continue;
		if (!(RULE_MEASURES as readonly string[]).includes(key)) {
			throw new DosageRuleError(
				`unknown clause "${key}" (expected one of ${[...RULE_MEASURES, 'min_eligible_weeks'].join(', ')})`
			);
		}
		conditions.push(...parseClause(key as RuleMeasure, clause));
	}
	if (conditions.length === 0) throw new DosageRuleError('it has no usage condition');
	return { conditions, minEligibleWeeks: parseMinEligibleWeeks(value.min_eligible_weeks) };
}

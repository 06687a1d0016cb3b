import type { CsvRow } from './csv.ts';
import type { PRODUCTS } from '../schema/tables.ts';

/** The two rule measures the demo products use (domain-spec §4.2 grammar). */
export type DemoRuleMeasure = 'minutes_per_week_mean' | 'lessons_completed_per_week_mean';

/** A demo product: fictional, with a dosage rule taken from a cited study or vendor guidance. */
export interface DemoProduct {
	readonly product_id: string;
	readonly product_name: string;
	/** The rule's one condition (`measure >= threshold`) and its minimum of eligible weeks. */
	readonly measure: DemoRuleMeasure;
	readonly threshold: number;
	readonly min_eligible_weeks: number;
	readonly source_key: string;
	readonly grade_min: number;
	readonly grade_max: number;
	readonly subject: string;
	/** Demo assumption [D]: this product's share meeting dosage relative to the average product. */
	readonly dosage_multiplier: number;
	/** Which optional counts its logs carry [D] (an AI tutor has no lessons or skills). */
	readonly logs_lessons: boolean;
	readonly logs_skills: boolean;
}

const VENDOR = 'Simulated Vendor (demo)';

/**
 * The three demo products. Names are fictional; the rules are those of the cited studies
 * (`min_eligible_weeks: 4` is the project's design default [D]). The dosage multipliers are demo
 * assumptions [D]: the AI tutor is used least (Stanford SCALE trials, [S][S15]); their mean is
 * about 1, so the overall share stays near Holt's 5% [S][S7][S8].
 */
export const DEMO_PRODUCTS: readonly DemoProduct[] = [
	{
		product_id: 'demo-math-practice',
		product_name: 'Numberline Practice (simulated)',
		measure: 'minutes_per_week_mean',
		threshold: 30,
		min_eligible_weeks: 4,
		source_key: 'S10; S11', // Khan Academy / MAP Accelerator: ≥ 30 min per week.
		grade_min: 3,
		grade_max: 8,
		subject: 'math',
		dosage_multiplier: 1.15,
		logs_lessons: true,
		logs_skills: true
	},
	{
		product_id: 'demo-adaptive-lessons',
		product_name: 'Stepwise Adaptive Lessons (simulated)',
		measure: 'lessons_completed_per_week_mean',
		threshold: 5,
		min_eligible_weeks: 4,
		source_key: 'S13', // DreamBox Student Weekly Goals: ≥ 5 lessons per week.
		grade_min: 0,
		grade_max: 5,
		subject: 'math',
		dosage_multiplier: 1.1,
		logs_lessons: true,
		logs_skills: false
	},
	{
		product_id: 'demo-ai-tutor',
		product_name: 'Readwell AI Tutor (simulated)',
		measure: 'minutes_per_week_mean',
		threshold: 30,
		min_eligible_weeks: 4,
		source_key: 'S15', // Stanford SCALE AI-tutor trials: two 30-minute sessions targeted, ≥ 30 min/week.
		grade_min: 3,
		grade_max: 8,
		subject: 'reading',
		dosage_multiplier: 0.75,
		logs_lessons: false,
		logs_skills: false
	}
];

/** The product's rule in the JSON grammar of domain-spec §4.2. */
export function dosageRuleJson(p: DemoProduct): string {
	return `{"${p.measure}": {">=": ${p.threshold}}, "min_eligible_weeks": ${p.min_eligible_weeks}}`;
}

/** Rows of `products.csv`. */
export function productRows(): CsvRow<typeof PRODUCTS>[] {
	return DEMO_PRODUCTS.map((p) => ({
		product_id: p.product_id,
		product_name: p.product_name,
		vendor: VENDOR,
		dosage_rule_json: dosageRuleJson(p),
		dosage_rule_source_key: p.source_key,
		grade_min: p.grade_min,
		grade_max: p.grade_max,
		subject: p.subject
	}));
}

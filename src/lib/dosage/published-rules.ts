/**
 * A product's default dosage rule and where it comes from. `ruleJson` is null when no threshold
 * has been published: the app then reports no "met dosage" figure rather than inventing one.
 */
export interface DosageRuleEntry {
	readonly productId: string;
	readonly productName: string;
	/** Rule in the JSON grammar of domain-spec §4.2, or null when none is published. */
	readonly ruleJson: string | null;
	/** Citation keys of domain-spec §10 (`D` = design default of this project). */
	readonly sourceKeys: readonly string[];
	/** Evidence tag of the rule (domain-spec "How to read"). */
	readonly tag: 'P' | 'S' | 'P/S' | 'U' | 'D';
	readonly note: string;
}

/**
 * Rules used in the cited efficacy studies and vendor guidance (domain-spec §4.2). The
 * `min_eligible_weeks: 4` of every rule is this project's design default [D], not the studies'.
 */
export const PUBLISHED_DOSAGE_RULES: readonly DosageRuleEntry[] = [
	{
		productId: 'khan-academy-map-accelerator',
		productName: 'Khan Academy / MAP Accelerator',
		ruleJson: '{"minutes_per_week_mean": {">=": 30}, "min_eligible_weeks": 4}',
		sourceKeys: ['S10', 'S11'],
		tag: 'P/S',
		note: '≥ 30 minutes per week; the 2022-23 study states it as ≥ 18 hours over the year.'
	},
	{
		productId: 'i-ready',
		productName: 'i-Ready Personalized Instruction',
		ruleJson:
			'{"minutes_per_week_mean": {">=": 30, "<": 50}, "quiz_pass_rate": {">=": 0.7}, "min_eligible_weeks": 4}',
		sourceKeys: ['S12'],
		tag: 'P',
		note: 'Research "used as recommended": 30–49 min/week (read here as [30, 50)) and ≥ 70% Lesson Quiz pass rate; vendor guidance is 45 min/week per subject; "with fidelity" adds active_weeks ≥ 18.'
	},
	{
		productId: 'dreambox-math',
		productName: 'DreamBox Math',
		ruleJson: '{"lessons_completed_per_week_mean": {">=": 5}, "min_eligible_weeks": 4}',
		sourceKeys: ['S13'],
		tag: 'P',
		note: 'Student Weekly Goals: ≥ 5 lessons per week (earlier guidance 60–90 min/week [S]).'
	},
	{
		productId: 'ixl',
		productName: 'IXL',
		ruleJson: '{"skills_proficient_per_week_mean": {">=": 2}, "min_eligible_weeks": 4}',
		sourceKeys: ['S14'],
		tag: 'P',
		note: '≥ 2 skills proficient per week (proficient = SmartScore ≥ 80).'
	},
	{
		productId: 'scale-ai-literacy-tutor',
		productName: 'AI literacy tutor (Stanford SCALE RCTs)',
		ruleJson: '{"minutes_per_week_mean": {">=": 30}, "min_eligible_weeks": 4}',
		sourceKeys: ['S15'],
		tag: 'S',
		note: '≥ 30 min/week (two 30-minute sessions per week were scheduled).'
	},
	{
		productId: 'khanmigo',
		productName: 'Khanmigo',
		ruleJson: null,
		sourceKeys: [],
		tag: 'U',
		note: 'No published dosage threshold was found; set a rule of your own to compute "met dosage".'
	}
];

function demoEntry(productId: string, productName: string, ruleJson: string): DosageRuleEntry {
	const note = 'Demo product; its rule mirrors a published one (minutes: S10, lessons: S13).';
	return { productId, productName, ruleJson, sourceKeys: ['D'], tag: 'D', note };
}

/** The demo products of the generated data set; their rules are design defaults [D]. */
export const DEMO_DOSAGE_RULES: readonly DosageRuleEntry[] = [
	demoEntry(
		'demo-math-practice',
		'Demo math practice',
		'{"minutes_per_week_mean": {">=": 30}, "min_eligible_weeks": 4}'
	),
	demoEntry(
		'demo-adaptive-lessons',
		'Demo adaptive lessons',
		'{"lessons_completed_per_week_mean": {">=": 5}, "min_eligible_weeks": 4}'
	),
	demoEntry(
		'demo-ai-tutor',
		'Demo AI tutor',
		'{"minutes_per_week_mean": {">=": 30}, "min_eligible_weeks": 4}'
	)
];

/** Every known default rule, by product id. */
export function defaultRuleEntry(productId: string): DosageRuleEntry | undefined {
	return [...PUBLISHED_DOSAGE_RULES, ...DEMO_DOSAGE_RULES].find((e) => e.productId === productId);
}

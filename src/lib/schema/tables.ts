/**
 * The canonical tables (`domain-spec.md` §1.8) with explicit DuckDB types. Identifiers used in SQL
 * come from here, never from user input. Quantities that dosage rules compare against thresholds
 * (minutes) are fixed-point DECIMAL so sums are exact in any order; rates are stored as
 * proportions in [0, 1]. IDs are strings: a LEAID keeps its leading zero.
 */
export interface ColumnSpec {
	readonly name: string;
	readonly type:
		'VARCHAR' | 'INTEGER' | 'DOUBLE' | 'BOOLEAN' | 'DATE' | `DECIMAL(${number},${number})`;
	readonly description: string;
	readonly unit?: string;
	readonly allowed?: string;
	readonly required?: boolean;
}

export interface TableSpec {
	readonly name: string;
	readonly description: string;
	readonly key: readonly string[];
	readonly columns: readonly ColumnSpec[];
}

const LEAID = 'NCES LEA ID, 7 digits, first two = state FIPS (string; leading zeros kept)';
const YEAR = 'School year by its fall calendar year (2024 = 2024-25)';
const COUNT = 'students';

export const DISTRICTS = {
	name: 'districts',
	description: 'One row per district and school year: the reference for poverty, locale and size.',
	key: ['leaid', 'school_year_start'],
	columns: [
		{ name: 'leaid', type: 'VARCHAR', description: LEAID, allowed: '^\\d{7}$', required: true },
		{ name: 'school_year_start', type: 'INTEGER', description: YEAR, required: true },
		{ name: 'lea_name', type: 'VARCHAR', description: 'District name' },
		{ name: 'state_fips', type: 'VARCHAR', description: 'State FIPS code', allowed: '^\\d{2}$' },
		{ name: 'state_abbr', type: 'VARCHAR', description: 'USPS state abbreviation' },
		{
			name: 'census_region',
			type: 'VARCHAR',
			description: 'Census region derived from the state',
			allowed: 'Northeast, Midwest, South, West'
		},
		{ name: 'lea_type', type: 'VARCHAR', description: 'CCD agency type code (passthrough)' },
		{
			name: 'locale_code',
			type: 'INTEGER',
			description: 'NCES urban-centric locale',
			allowed: '11-13 City, 21-23 Suburb, 31-33 Town, 41-43 Rural'
		},
		{ name: 'enrollment_total', type: 'INTEGER', description: 'Enrolled students', unit: COUNT },
		{
			name: 'free_lunch_count',
			type: 'INTEGER',
			description: 'Eligible for free lunch',
			unit: COUNT
		},
		{
			name: 'reduced_lunch_count',
			type: 'INTEGER',
			description: 'Eligible for reduced-price lunch',
			unit: COUNT
		},
		{
			name: 'frpl_count',
			type: 'INTEGER',
			description: 'Free + reduced-price lunch eligible',
			unit: COUNT
		},
		{
			name: 'direct_cert_count',
			type: 'INTEGER',
			description: 'Directly certified students',
			unit: COUNT
		},
		{
			name: 'cep_flag',
			type: 'BOOLEAN',
			description: 'Takes part in the Community Eligibility Provision'
		},
		{
			name: 'saipe_year',
			type: 'INTEGER',
			description: 'SAIPE estimate (income) year, not a school year'
		},
		{
			name: 'saipe_pop_5_17',
			type: 'INTEGER',
			description: 'SAIPE children aged 5-17',
			unit: 'children'
		},
		{
			name: 'saipe_pov_5_17',
			type: 'INTEGER',
			description: 'SAIPE related children aged 5-17 in poverty',
			unit: 'children'
		},
		{
			name: 'meps_pct',
			type: 'DOUBLE',
			description: 'Urban Institute MEPS share',
			unit: 'proportion'
		},
		{
			name: 'frpl_pct_interval_lo',
			type: 'DOUBLE',
			description: 'Range-coded FRPL share, lower bound (inclusive)',
			unit: 'proportion'
		},
		{
			name: 'frpl_pct_interval_hi',
			type: 'DOUBLE',
			description: 'Range-coded FRPL share, upper bound (exclusive)',
			unit: 'proportion'
		}
	]
} as const satisfies TableSpec;

export const SURVEY_RESPONSES = {
	name: 'survey_responses',
	description:
		'One row per responding district per survey wave (RAND ASDP-style microdata or a user survey).',
	key: ['survey_id', 'survey_wave', 'respondent_id'],
	columns: [
		{ name: 'survey_id', type: 'VARCHAR', description: 'Survey identifier', required: true },
		{
			name: 'survey_wave',
			type: 'VARCHAR',
			description: 'Wave as "<season> <year>"',
			allowed: 'e.g. fall 2024',
			required: true
		},
		{ name: 'school_year_start', type: 'INTEGER', description: YEAR, required: true },
		{ name: 'leaid', type: 'VARCHAR', description: `${LEAID}; empty when de-identified` },
		{
			name: 'respondent_id',
			type: 'VARCHAR',
			description: 'Respondent within the survey',
			required: true
		},
		{
			name: 'panel_id',
			type: 'VARCHAR',
			description: 'Same value across waves for a panel member; empty for independent samples'
		},
		{ name: 'weight', type: 'DOUBLE', description: 'Final survey weight (empty = unweighted)' },
		{ name: 'stratum', type: 'VARCHAR', description: 'Design stratum' },
		{ name: 'psu', type: 'VARCHAR', description: 'Primary sampling unit' },
		{
			name: 'repwt_method',
			type: 'VARCHAR',
			description: 'Replicate-weight method',
			allowed: 'JK1, BRR, Fay, bootstrap'
		},
		{
			name: 'enrollment_total',
			type: 'INTEGER',
			description: 'District enrollment for student-weighted shares',
			unit: COUNT
		},
		{
			name: 'trained_teachers_ai',
			type: 'INTEGER',
			description: 'Had trained teachers on AI by the wave',
			allowed: '0, 1, empty'
		},
		{
			name: 'plans_train_ai_this_year',
			type: 'INTEGER',
			description: 'Plans first-time training this school year',
			allowed: '0, 1, empty'
		},
		{
			name: 'item_response_status',
			type: 'VARCHAR',
			description: 'Status of the training item',
			allowed: 'answered, dont_know, skipped'
		},
		{
			name: 'poverty_level_source',
			type: 'VARCHAR',
			description: "The survey's own poverty level, passed through verbatim",
			allowed: 'e.g. low, middle, high'
		},
		{
			name: 'locale_source',
			type: 'VARCHAR',
			description: "The survey's own locale, passed through verbatim"
		}
	]
} as const satisfies TableSpec;

export const SURVEY_REPLICATE_WEIGHTS = {
	name: 'survey_replicate_weights',
	description:
		'Replicate weights in long form (the wide repwt_1..repwt_R columns of an input, unpivoted).',
	key: ['survey_id', 'survey_wave', 'respondent_id', 'replicate'],
	columns: [
		{ name: 'survey_id', type: 'VARCHAR', description: 'Survey identifier', required: true },
		{ name: 'survey_wave', type: 'VARCHAR', description: 'Wave', required: true },
		{ name: 'respondent_id', type: 'VARCHAR', description: 'Respondent', required: true },
		{ name: 'replicate', type: 'INTEGER', description: 'Replicate number, 1..R', required: true },
		{ name: 'weight', type: 'DOUBLE', description: 'Replicate weight', required: true }
	]
} as const satisfies TableSpec;

export const PUBLISHED_ESTIMATES = {
	name: 'published_estimates',
	description: 'Published benchmark figures, displayed beside user data, never used as inputs.',
	key: ['source_key', 'metric', 'group_dim', 'group_value', 'survey_wave'],
	columns: [
		{
			name: 'source_key',
			type: 'VARCHAR',
			description: 'Citation key (domain-spec §10)',
			required: true
		},
		{ name: 'metric', type: 'VARCHAR', description: 'Metric id', required: true },
		{
			name: 'population_unit',
			type: 'VARCHAR',
			description: 'Unit counted',
			allowed: 'districts, teachers, principals, students, licenses'
		},
		{
			name: 'group_dim',
			type: 'VARCHAR',
			description: 'Grouping dimension',
			allowed: 'all, poverty_level, locale'
		},
		{ name: 'group_value', type: 'VARCHAR', description: 'Group' },
		{ name: 'survey_wave', type: 'VARCHAR', description: 'Wave' },
		{ name: 'school_year_start', type: 'INTEGER', description: YEAR },
		{ name: 'value', type: 'DOUBLE', description: 'Published value', unit: 'proportion' },
		{ name: 'se', type: 'DOUBLE', description: 'Published standard error', unit: 'proportion' },
		{
			name: 'moe',
			type: 'DOUBLE',
			description: 'Published margin of error (95%)',
			unit: 'proportion'
		},
		{ name: 'n_unweighted', type: 'INTEGER', description: 'Published unweighted n' },
		{
			name: 'weighting',
			type: 'VARCHAR',
			description: 'Weighting',
			allowed: 'district, teacher, student, none'
		},
		{ name: 'tag', type: 'VARCHAR', description: 'Evidence tag', allowed: 'P, S, U' },
		{ name: 'url', type: 'VARCHAR', description: 'Source address' },
		{ name: 'note', type: 'VARCHAR', description: 'Caveat' }
	]
} as const satisfies TableSpec;

export const USAGE_STUDENT_WEEK = {
	name: 'usage_student_week',
	description: 'Usage per pseudonymous student, product and ISO week. Never displayed or exported.',
	key: ['student_key', 'product_id', 'school_year_start', 'week_start'],
	columns: [
		{
			name: 'student_key',
			type: 'VARCHAR',
			description: 'Salted hash; never a name or SIS ID',
			required: true
		},
		{
			name: 'ncessch',
			type: 'VARCHAR',
			description: 'NCES school ID, 12 digits',
			allowed: '^\\d{12}$'
		},
		{ name: 'leaid', type: 'VARCHAR', description: LEAID, required: true },
		{ name: 'product_id', type: 'VARCHAR', description: 'Product', required: true },
		{ name: 'school_year_start', type: 'INTEGER', description: YEAR, required: true },
		{ name: 'week_start', type: 'DATE', description: 'ISO week, its Monday', required: true },
		{
			name: 'minutes',
			type: 'DECIMAL(12,2)',
			description: 'Minutes of use (fixed point: thresholds are exact)',
			unit: 'minutes'
		},
		{ name: 'sessions', type: 'INTEGER', description: 'Sessions' },
		{ name: 'logins', type: 'INTEGER', description: 'Logins' },
		{ name: 'lessons_completed', type: 'INTEGER', description: 'Lessons completed' },
		{ name: 'lessons_passed', type: 'INTEGER', description: 'Lessons passed' },
		{ name: 'quizzes_taken', type: 'INTEGER', description: 'Quizzes taken' },
		{ name: 'quizzes_passed', type: 'INTEGER', description: 'Quizzes passed' },
		{ name: 'skills_proficient', type: 'INTEGER', description: 'Skills reaching proficiency' }
	]
} as const satisfies TableSpec;

export const USAGE_ROSTER = {
	name: 'usage_roster',
	description: 'Who had access: one row per student, product and school year.',
	key: ['student_key', 'product_id', 'school_year_start'],
	columns: [
		{
			name: 'student_key',
			type: 'VARCHAR',
			description: 'Salted hash; never a name or SIS ID',
			required: true
		},
		{
			name: 'ncessch',
			type: 'VARCHAR',
			description: 'NCES school ID, 12 digits',
			allowed: '^\\d{12}$'
		},
		{ name: 'leaid', type: 'VARCHAR', description: LEAID, required: true },
		{ name: 'product_id', type: 'VARCHAR', description: 'Product', required: true },
		{ name: 'school_year_start', type: 'INTEGER', description: YEAR, required: true },
		{ name: 'grade', type: 'INTEGER', description: 'Grade (kindergarten = 0, pre-K = -1)' },
		{ name: 'license_start', type: 'DATE', description: 'Licence start (empty = no licence)' },
		{ name: 'license_end', type: 'DATE', description: 'Licence end' },
		{ name: 'enroll_start', type: 'DATE', description: 'Enrolment start' },
		{ name: 'enroll_end', type: 'DATE', description: 'Enrolment end' }
	]
} as const satisfies TableSpec;

export const USAGE_AGGREGATE = {
	name: 'usage_aggregate',
	description:
		'Funnel counts when only aggregates exist, per school or district, product and period.',
	key: ['unit_type', 'unit_id', 'product_id', 'school_year_start', 'period_start'],
	columns: [
		{
			name: 'unit_type',
			type: 'VARCHAR',
			description: 'Unit',
			allowed: 'school, district',
			required: true
		},
		{
			name: 'unit_id',
			type: 'VARCHAR',
			description: 'NCESSCH (school) or LEAID (district)',
			required: true
		},
		{ name: 'product_id', type: 'VARCHAR', description: 'Product', required: true },
		{ name: 'school_year_start', type: 'INTEGER', description: YEAR, required: true },
		{ name: 'period_start', type: 'DATE', description: 'First day of the period' },
		{ name: 'period_end', type: 'DATE', description: 'Last day of the period' },
		{
			name: 'enrolled_n',
			type: 'INTEGER',
			description: "Enrolled in the product's grades (E)",
			unit: COUNT
		},
		{ name: 'licensed_n', type: 'INTEGER', description: 'Licensed / with access (L)', unit: COUNT },
		{ name: 'activated_n', type: 'INTEGER', description: 'Activated (A)', unit: COUNT },
		{ name: 'regular_n', type: 'INTEGER', description: 'Regular users (R)', unit: COUNT },
		{ name: 'dosage_met_n', type: 'INTEGER', description: 'Met the dosage rule (D)', unit: COUNT },
		{ name: 'minutes_total', type: 'DECIMAL(14,2)', description: 'Total minutes', unit: 'minutes' }
	]
} as const satisfies TableSpec;

export const PRODUCTS = {
	name: 'products',
	description:
		'Products and their dosage rules (the "used as intended" registry, domain-spec §4.2).',
	key: ['product_id'],
	columns: [
		{ name: 'product_id', type: 'VARCHAR', description: 'Product', required: true },
		{ name: 'product_name', type: 'VARCHAR', description: 'Name' },
		{ name: 'vendor', type: 'VARCHAR', description: 'Vendor' },
		{
			name: 'dosage_rule_json',
			type: 'VARCHAR',
			description: 'Dosage rule in the JSON grammar of domain-spec §4.2 (parsed in JavaScript)'
		},
		{
			name: 'dosage_rule_source_key',
			type: 'VARCHAR',
			description: 'Citation for the rule; empty = no published rule'
		},
		{ name: 'grade_min', type: 'INTEGER', description: 'Lowest target grade' },
		{ name: 'grade_max', type: 'INTEGER', description: 'Highest target grade' },
		{ name: 'subject', type: 'VARCHAR', description: 'Subject' }
	]
} as const satisfies TableSpec;

export const CALENDAR_EXCLUSIONS = {
	name: 'calendar_exclusions',
	description: 'Weeks without instruction (breaks), excluded from eligible weeks.',
	key: ['school_year_start', 'leaid', 'week_start'],
	columns: [
		{ name: 'school_year_start', type: 'INTEGER', description: YEAR, required: true },
		{ name: 'leaid', type: 'VARCHAR', description: `${LEAID}; empty = every district` },
		{
			name: 'week_start',
			type: 'DATE',
			description: 'Excluded ISO week, its Monday',
			required: true
		},
		{ name: 'reason', type: 'VARCHAR', description: 'Why (e.g. winter break)' }
	]
} as const satisfies TableSpec;

export const DAILY_TOUCH = {
	name: 'daily_touch',
	description:
		'Daily touch per district, product and day (LearnPlatform 2020 kind): who opened a product that day, not who was licensed (domain-spec §1.9, §4.1).',
	key: ['lp_district_id', 'lp_id', 'day'],
	columns: [
		{
			name: 'lp_district_id',
			type: 'VARCHAR',
			description: "Supplier's pseudonymous district ID; not an NCES LEAID, never joined to CCD",
			required: true
		},
		{
			name: 'lp_id',
			type: 'VARCHAR',
			description: 'Product ID (products.product_id)',
			required: true
		},
		{ name: 'day', type: 'DATE', description: 'Calendar day', required: true },
		{
			name: 'pct_access',
			type: 'DOUBLE',
			description: "Share of the district's students with at least one page-load that day",
			unit: 'percent (0-100; 0.37 = 0.37%)'
		},
		{
			name: 'engagement_index',
			type: 'DOUBLE',
			description: 'Page-loads per 1,000 students that day',
			unit: 'page-loads per 1,000 students'
		}
	]
} as const satisfies TableSpec;

export const DAILY_TOUCH_DISTRICTS = {
	name: 'daily_touch_districts',
	description:
		'Districts of daily-touch data with their range-coded FRPL share (LearnPlatform districts_info; domain-spec §1.9).',
	key: ['lp_district_id'],
	columns: [
		{
			name: 'lp_district_id',
			type: 'VARCHAR',
			description: "Supplier's pseudonymous district ID",
			required: true
		},
		{ name: 'state', type: 'VARCHAR', description: 'State name' },
		{
			name: 'locale_group',
			type: 'VARCHAR',
			description: 'Locale group',
			allowed: 'City, Suburb, Town, Rural'
		},
		{
			name: 'frpl_interval_lo',
			type: 'DOUBLE',
			description: 'FRPL share bin, lower bound (inclusive)',
			unit: 'proportion'
		},
		{
			name: 'frpl_interval_hi',
			type: 'DOUBLE',
			description: 'FRPL share bin, upper bound (exclusive)',
			unit: 'proportion'
		}
	]
} as const satisfies TableSpec;

export const TABLES = [
	DISTRICTS,
	SURVEY_RESPONSES,
	SURVEY_REPLICATE_WEIGHTS,
	PUBLISHED_ESTIMATES,
	USAGE_STUDENT_WEEK,
	USAGE_ROSTER,
	USAGE_AGGREGATE,
	PRODUCTS,
	CALENDAR_EXCLUSIONS,
	DAILY_TOUCH,
	DAILY_TOUCH_DISTRICTS
] as const;

export type TableName = (typeof TABLES)[number]['name'];

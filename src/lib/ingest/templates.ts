import { toCsv, type CsvRow } from '../demo/csv.ts';
import * as T from '../schema/tables.ts';

/** A downloadable template: the canonical header of one input table and one realistic row. */
export interface Template {
	readonly table: T.TableName;
	readonly fileName: string;
	readonly text: string;
}

const LEAID = '0195001';
const SCHOOL = '019500100001';
const STUDENT = '66e1e78e68228528';
const PRODUCT = 'demo-math-practice';

const DISTRICT: CsvRow<typeof T.DISTRICTS> = {
	leaid: LEAID,
	school_year_start: 2024,
	lea_name: 'Tumbleweed Mesa Schools',
	state_fips: '01',
	state_abbr: 'AL',
	census_region: 'South',
	lea_type: '1',
	locale_code: 43,
	enrollment_total: 4357,
	free_lunch_count: 2265,
	reduced_lunch_count: 443,
	frpl_count: 2708,
	direct_cert_count: 1678,
	cep_flag: false,
	saipe_year: 2023,
	saipe_pop_5_17: 5411,
	saipe_pov_5_17: 852,
	meps_pct: 0.18,
	frpl_pct_interval_lo: null,
	frpl_pct_interval_hi: null
};

const SURVEY: CsvRow<typeof T.SURVEY_RESPONSES> = {
	survey_id: 'state-ai-survey',
	survey_wave: 'fall 2024',
	school_year_start: 2024,
	leaid: LEAID,
	respondent_id: 'r-0195001',
	panel_id: null,
	weight: 12.95,
	stratum: 'middle-South',
	psu: LEAID,
	repwt_method: null,
	enrollment_total: 4357,
	trained_teachers_ai: 1,
	plans_train_ai_this_year: 1,
	item_response_status: 'answered',
	poverty_level_source: 'middle',
	locale_source: 'rural'
};

const REPLICATE: CsvRow<typeof T.SURVEY_REPLICATE_WEIGHTS> = {
	survey_id: 'state-ai-survey',
	survey_wave: 'fall 2024',
	respondent_id: 'r-0195001',
	replicate: 1,
	weight: 13.4
};

const STUDENT_WEEK: CsvRow<typeof T.USAGE_STUDENT_WEEK> = {
	student_key: STUDENT,
	ncessch: SCHOOL,
	leaid: LEAID,
	product_id: PRODUCT,
	school_year_start: 2024,
	week_start: '2024-09-02',
	minutes: '26.80',
	sessions: 2,
	logins: 1,
	lessons_completed: 3,
	lessons_passed: 3,
	quizzes_taken: 0,
	quizzes_passed: 0,
	skills_proficient: null
};

const ROSTER: CsvRow<typeof T.USAGE_ROSTER> = {
	student_key: STUDENT,
	ncessch: SCHOOL,
	leaid: LEAID,
	product_id: PRODUCT,
	school_year_start: 2024,
	grade: 5,
	license_start: '2024-09-02',
	license_end: '2025-06-27',
	enroll_start: '2024-08-19',
	enroll_end: '2025-06-06'
};

const AGGREGATE: CsvRow<typeof T.USAGE_AGGREGATE> = {
	unit_type: 'district',
	unit_id: LEAID,
	product_id: PRODUCT,
	school_year_start: 2024,
	period_start: '2024-09-02',
	period_end: '2025-05-30',
	enrolled_n: 2010,
	licensed_n: 1607,
	activated_n: 973,
	regular_n: 321,
	dosage_met_n: 47,
	minutes_total: '268887.82'
};

const PRODUCT_ROW: CsvRow<typeof T.PRODUCTS> = {
	product_id: PRODUCT,
	product_name: 'Numberline Practice',
	vendor: 'Example Vendor',
	dosage_rule_json: '{"minutes_per_week_mean": {">=": 30}, "min_eligible_weeks": 4}',
	dosage_rule_source_key: null,
	grade_min: 3,
	grade_max: 8,
	subject: 'math'
};

const EXCLUSION: CsvRow<typeof T.CALENDAR_EXCLUSIONS> = {
	school_year_start: 2024,
	leaid: null,
	week_start: '2024-11-25',
	reason: 'Thanksgiving week'
};

const DAILY_TOUCH: CsvRow<typeof T.DAILY_TOUCH> = {
	lp_district_id: '2685',
	lp_id: '92844',
	day: '2020-03-16',
	pct_access: 0.25,
	engagement_index: 41.6
};

const DAILY_TOUCH_DISTRICT: CsvRow<typeof T.DAILY_TOUCH_DISTRICTS> = {
	lp_district_id: '2685',
	state: 'Illinois',
	locale_group: 'Suburb',
	frpl_interval_lo: 0.2,
	frpl_interval_hi: 0.4
};

function template<S extends T.TableSpec & { name: T.TableName }>(
	spec: S,
	row: CsvRow<S>
): Template {
	return { table: spec.name, fileName: `${spec.name}_template.csv`, text: toCsv(spec, [row]) };
}

/**
 * One template per table a user loads (every canonical table but the site's own published
 * estimates): the schema's columns in order and a sample row typed against the schema, so a
 * column added to the schema without a sample value fails to compile.
 */
export const TEMPLATES: readonly Template[] = [
	template(T.DISTRICTS, DISTRICT),
	template(T.SURVEY_RESPONSES, SURVEY),
	template(T.SURVEY_REPLICATE_WEIGHTS, REPLICATE),
	template(T.USAGE_STUDENT_WEEK, STUDENT_WEEK),
	template(T.USAGE_ROSTER, ROSTER),
	template(T.USAGE_AGGREGATE, AGGREGATE),
	template(T.PRODUCTS, PRODUCT_ROW),
	template(T.CALENDAR_EXCLUSIONS, EXCLUSION),
	template(T.DAILY_TOUCH, DAILY_TOUCH),
	template(T.DAILY_TOUCH_DISTRICTS, DAILY_TOUCH_DISTRICT)
];

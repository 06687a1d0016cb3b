/**
 * Header synonyms per field, compared after `headerKey` (lower case, letters and digits only), so
 * `NCES District ID`, `nces_district_id` and `NCES-District-ID` are one key. Earlier entries win
 * when a file has several matching headers. A field's own name always matches first.
 */
export const SYNONYMS: Readonly<Record<string, readonly string[]>> = {
	leaid: [
		'NCES District ID',
		'NCES LEA ID',
		'LEA ID',
		'Agency ID - NCES Assigned',
		'NCES Agency ID',
		'District Code',
		'NCES ID',
		'District NCES ID',
		'LEAID NCES'
	],
	ncessch: [
		'NCES School ID',
		'School ID - NCES Assigned',
		'NCESSCHID',
		'School NCES ID',
		'NCES SCH ID'
	],
	state_fips: ['State FIPS', 'State FIPS Code', 'FIPST', 'FIPS', 'ST FIPS'],
	state_abbr: [
		'State Postal Code',
		'State Abbreviation',
		'State Abbr',
		'ST',
		'USPS',
		'State',
		'State Name'
	],
	lea_name: ['District Name', 'Agency Name', 'LEA Name', 'Name', 'District'],
	lea_type: ['LEA Type', 'Agency Type'],
	locale_code: ['ULOCALE', 'ULOCAL', 'Locale', 'Urban-centric Locale', 'Locale Code'],
	school_year_start: ['School Year', 'SY', 'Academic Year', 'School Year Start', 'Year'],
	enrollment_total: [
		'Enrollment',
		'Total Enrollment',
		'Total Students',
		'Membership',
		'MEMBER',
		'Total Students All Grades',
		'Total Students All Grades (Excludes AE)',
		'Total Students All Grades (Includes AE)'
	],
	free_lunch_count: ['Free Lunch', 'Free Lunch Eligible', 'Free Lunch Count', 'FRELCH'],
	reduced_lunch_count: [
		'Reduced Lunch',
		'Reduced-price Lunch Eligible',
		'Reduced-price Lunch Eligible Students',
		'Reduced Price Lunch',
		'REDLCH'
	],
	frpl_count: [
		'FRPL',
		'Free and Reduced Lunch',
		'Free and Reduced Lunch Students',
		'Free and Reduced-price Lunch Eligible',
		'FRL',
		'TOTFRL'
	],
	direct_cert_count: ['Direct Certification', 'Directly Certified', 'DIRECTCERT'],
	cep_flag: ['CEP', 'Community Eligibility', 'Community Eligibility Provision'],
	saipe_year: ['SAIPE Year'],
	saipe_pop_5_17: ['Estimated Population 5-17', 'est_population_5_17', 'Population 5-17'],
	saipe_pov_5_17: [
		'est_children_5_17_in_poverty',
		'Estimated number of relevant children 5 to 17 years old in poverty who are related to the householder',
		'Children 5-17 in Poverty'
	],
	survey_id: ['Survey'],
	survey_wave: ['Wave', 'Survey Wave'],
	respondent_id: ['Respondent', 'Response ID', 'Resp ID'],
	weight: ['Final Weight', 'Survey Weight', 'WT', 'Weight'],
	trained_teachers_ai: [
		'Trained Teachers on AI',
		'AI Training',
		'Trained on AI',
		'Provided AI Training'
	],
	plans_train_ai_this_year: ['Plans to Train on AI', 'Plan AI Training'],
	student_key: ['Student Key', 'Student ID', 'Learner ID', 'User ID'],
	product_id: ['Product', 'Product ID', 'LP ID', 'Tool ID', 'App'],
	week_start: ['Week', 'Week Of', 'Week Beginning', 'Week Start Date'],
	minutes: ['Minutes', 'Minutes Used', 'Usage Minutes', 'Time Spent (min)', 'Mins'],
	logins: ['Logins', 'Number of Logins'],
	licensed_n: ['Licensed', 'Licenses', 'Seats', 'Licensed Students'],
	activated_n: ['Activated', 'Active Students', 'Active'],
	regular_n: ['Regular Users'],
	dosage_met_n: ['Met Dosage', 'Dosage Met', 'Used as Intended', 'Met Usage Goal'],
	enrolled_n: ['Enrolled', 'Enrolled Students'],
	lp_district_id: ['district_id'],
	state_name: ['state'],
	locale_group: ['locale'],
	pct_black_hispanic: ['pct_black/hispanic'],
	pct_free_reduced: ['pct_free/reduced'],
	lp_id: ['LP ID', 'Product ID'],
	product_name: ['Product Name'],
	vendor: ['Provider/Company Name', 'Provider', 'Company'],
	day: ['time', 'date'],
	state: ['state_name'],
	frpl_interval: ['pct_free/reduced', 'frpl']
};

/** ELSI's column suffix: ` [District] 2022-23`, ` [District] Latest available year`, … */
const ELSI_SUFFIX = /\s*\[[^\]]*\][^[\]]*$/;

/**
 * `NCES District ID` → `ncesdistrictid`: case, spaces and punctuation do not matter, nor an ELSI
 * suffix (`Locale [District] 2022-23` → `locale`).
 */
export function headerKey(header: string): string {
	return header
		.replace(ELSI_SUFFIX, '')
		.normalize('NFKD')
		.replace(/[\u0300-\u036f]/g, '')
		.toLowerCase()
		.replace(/[^a-z0-9]/g, '');
}

/**
 * The school year an ELSI export's headers are for (`Locale [District] 2022-23` → `2022-23`),
 * when they name exactly one; ELSI files have no year column, the year is in the headers.
 */
export function headerYear(headers: readonly string[]): string | undefined {
	const years = new Set(
		headers.flatMap((h) => /\[[^\]]*\]\s*(\d{4}-\d{2})\s*$/.exec(h)?.[1] ?? [])
	);
	return years.size === 1 ? [...years][0] : undefined;
}

/** The keys that name `field`, its own name first. */
export function fieldKeys(field: string): string[] {
	return [headerKey(field), ...(SYNONYMS[field] ?? []).map(headerKey)];
}

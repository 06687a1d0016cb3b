/** The kinds of file a user brings, and the tables each can fill (the mapping screen's groups). */
export const INPUT_KINDS: readonly {
	readonly label: string;
	readonly examples: string;
	readonly tables: readonly string[];
}[] = [
	{
		label: 'District reference',
		examples: 'the Census SAIPE school-district file, a CCD-style district directory',
		tables: ['districts']
	},
	{
		label: 'Survey responses',
		examples: 'a state or national survey export, with replicate weights if it has them',
		tables: ['survey_responses', 'survey_replicate_weights']
	},
	{
		label: 'Usage',
		examples: 'student-week logs with their roster, or school or district aggregates from a vendor',
		tables: ['usage_student_week', 'usage_roster', 'usage_aggregate', 'calendar_exclusions']
	},
	{
		label: 'LearnPlatform daily touch',
		examples: 'engagement_data/<district>.csv files and districts_info.csv',
		tables: ['daily_touch', 'daily_touch_districts', 'lp_districts']
	},
	{
		label: 'Products and dosage rules',
		examples: 'one row per product, with its dosage rule',
		tables: ['products']
	}
];

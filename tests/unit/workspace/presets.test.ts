import { describe, expect, it } from 'vitest';
import {
	LEARNPLATFORM_DISTRICTS,
	LEARNPLATFORM_DISTRICTS_FULL,
	saipePreset
} from '#lib/ingest/mapping/presets.ts';
import { keepReading } from '#lib/workspace/mapping-edit.ts';
import { mappingForTable, presetMapping } from '#lib/workspace/suggest.ts';

/** The header of LearnPlatform 2020 `districts_info.csv` (../shared/data/learnplatform_2020). */
const LP_DISTRICTS = [
	'district_id',
	'state',
	'locale',
	'pct_black/hispanic',
	'pct_free/reduced',
	'county_connections_ratio',
	'pp_total_raw'
];
/** A SAIPE file saved with some columns renamed: no longer recognised by its headers. */
const SAIPE_RENAMED = ['leaid', 'year', 'District', 'Population 5-17', 'Poverty 5-17'];

describe('presets the user picks on the mapping screen', () => {
	it('chooseTable: a districts_info file pointed at lp_districts gets the full preset, at daily_touch_districts the short one', () => {
		expect(mappingForTable('districts_info.csv', LP_DISTRICTS, 'lp_districts')).toEqual(
			LEARNPLATFORM_DISTRICTS_FULL.mapping
		);
		expect(mappingForTable('districts_info.csv', LP_DISTRICTS, 'daily_touch_districts')).toEqual(
			LEARNPLATFORM_DISTRICTS.mapping
		);
		// Another table: the columns suggested by name, no preset options.
		expect(mappingForTable('districts_info.csv', LP_DISTRICTS, 'survey_responses').options).toEqual(
			{}
		);
	});

	it('SAIPE on a renamed file: the columns it has are mapped, the others left for the user', () => {
		const mapping = presetMapping('saipe', 'saipe.csv', SAIPE_RENAMED, 'survey_responses');
		// From saipePreset(): leaid ← leaid and saipe_year ← year exist here; the rest do not.
		expect(mapping).toEqual({
			...saipePreset().mapping,
			columns: {
				leaid: 'leaid',
				school_year_start: null,
				lea_name: null,
				state_fips: null,
				state_abbr: null,
				saipe_year: 'year',
				saipe_pop_5_17: null,
				saipe_pov_5_17: null
			}
		});
	});

	it('canonical maps each field of the chosen table to the column of its exact name; a bare year is the fall year', () => {
		const headers = ['survey_id', 'survey_wave', 'leaid', 'Respondent', 'trained_teachers_ai'];
		const mapping = presetMapping('canonical', 'x.csv', headers, 'survey_responses');
		expect(mapping.table).toBe('survey_responses');
		expect(mapping.options).toEqual({ year_mapping: 'fall' });
		expect(mapping.columns).toMatchObject({
			survey_id: 'survey_id',
			survey_wave: 'survey_wave',
			leaid: 'leaid',
			respondent_id: null,
			trained_teachers_ai: 'trained_teachers_ai'
		});
	});

	it('engagement: the district is the number the file name starts with, else left to the user', () => {
		const headers = ['time', 'lp_id', 'pct_access', 'engagement_index'];
		expect(presetMapping('learnplatform_engagement', '2872.csv.gz', headers, 'x').options).toEqual({
			constants: { lp_district_id: '2872' },
			missing_codes: { NaN: 'missing' }
		});
		expect(presetMapping('learnplatform_engagement', 'district.csv', headers, 'x').options).toEqual(
			{ constants: {}, missing_codes: { NaN: 'missing' } }
		);
	});

	it('a preset picked keeps the header line and worksheet the file is read with', () => {
		const picked = presetMapping('learnplatform_districts_full', 'd.csv', LP_DISTRICTS, 'x');
		const current = { ...picked, options: { header_line: 3, sheet: 'Data' } };
		expect(keepReading(picked, current).options).toEqual({
			missing_codes: { NaN: 'suppressed' },
			header_line: 3,
			sheet: 'Data'
		});
	});
});

import { describe, expect, it } from 'vitest';
import { parseMapping } from '#lib/ingest/mapping/mapping.ts';
import { presetFor, saipePreset } from '#lib/ingest/mapping/presets.ts';
import { previewMapping } from '#lib/ingest/mapping/preview.ts';
import { rankTables, suggestMapping } from '#lib/ingest/mapping/suggest.ts';
import { headerKey } from '#lib/ingest/mapping/synonyms.ts';
import { openText } from './csv-helpers.ts';

describe('suggestMapping', () => {
	it.each([
		'NCES District ID',
		'LEAID',
		'leaid',
		'District Code',
		'Agency ID - NCES Assigned',
		'nces_district_id',
		' NCES-District-ID '
	])('maps %j to leaid', (header) => {
		expect(suggestMapping('districts', ['Name', header]).columns.leaid).toBe(header);
	});

	it('uses each header once and leaves unknown fields unmapped', () => {
		const mapping = suggestMapping('districts', [
			'LEAID',
			'District Name',
			'State',
			'Total Enrollment',
			'Mystery'
		]);
		expect(mapping.columns).toMatchObject({
			leaid: 'LEAID',
			lea_name: 'District Name',
			state_abbr: 'State',
			enrollment_total: 'Total Enrollment',
			state_fips: null,
			school_year_start: null
		});
		expect(Object.values(mapping.columns)).not.toContain('Mystery');
	});

	it('is insensitive to case, spaces, punctuation and accents', () => {
		expect(headerKey('Agency ID – NCES Assigned')).toBe('agencyidncesassigned');
		expect(headerKey('Año Escolar')).toBe('anoescolar');
	});

	it('ranks the likeliest tables first', () => {
		expect(
			rankTables(['survey_id', 'survey_wave', 'respondent_id', 'leaid', 'trained_teachers_ai'])[0]
				?.table
		).toBe('survey_responses');
	});
});

describe('parseMapping', () => {
	it('accepts a saved mapping and round-trips through JSON', () => {
		const mapping = saipePreset(2).mapping;
		expect(parseMapping(JSON.stringify(mapping))).toEqual({ ok: true, mapping });
	});

	it.each([
		[
			'not json',
			['the mapping is not valid JSON: Unexpected token \'o\', "not json" is not valid JSON']
		],
		['[]', ['the mapping must be a JSON object']],
		[
			'{"version":2,"table":"nope","columns":[],"options":{"year_mapping":"autumn"}}',
			[
				'version: expected 1, got 2',
				'table: unknown table "nope"',
				'columns: expected an object of field → source column (or null)',
				'options.year_mapping: expected "fall" or "spring", got "autumn"'
			]
		],
		[
			'{"version":1,"table":"districts","columns":{"leaid":7,"colour":"x"},"options":{"saipe_lag":9,"scales":{"meps_pct":"percentage"},"missing_codes":{"NA":"gone"},"duplicates":"both","speed":1}}',
			[
				'columns.leaid: expected a column name or null, got 7',
				'columns.colour: districts has no field "colour"',
				'options.speed: unknown option',
				'options.saipe_lag: expected a whole number from 0 to 5, got 9',
				'options.duplicates: expected "keep_first" or "keep_last", got "both"',
				'options.scales.meps_pct: expected "percent" or "proportion", got "percentage"',
				'options.missing_codes.NA: expected "missing", "not_applicable", "suppressed", "unknown", got "gone"'
			]
		]
	])('rejects %s with every error named', (text, errors) => {
		expect(parseMapping(text)).toEqual({ ok: false, errors });
	});
});

describe('presetFor', () => {
	it.each([
		[
			'saipe_school_districts_2023.csv',
			[
				'year',
				'state_postal_code',
				'state_fips',
				'district_id',
				'leaid',
				'name',
				'est_total_population',
				'est_population_5_17',
				'est_children_5_17_in_poverty'
			],
			'saipe'
		],
		[
			'districts_info.csv',
			[
				'district_id',
				'state',
				'locale',
				'pct_black/hispanic',
				'pct_free/reduced',
				'county_connections_ratio',
				'pp_total_raw'
			],
			'learnplatform_districts'
		],
		[
			'products_info.csv',
			[
				'LP ID',
				'URL',
				'Product Name',
				'Provider/Company Name',
				'Sector(s)',
				'Primary Essential Function'
			],
			'learnplatform_products'
		],
		[
			'engagement_data/9536.csv.gz',
			['time', 'lp_id', 'pct_access', 'engagement_index'],
			'learnplatform_engagement'
		],
		['my-usage.csv', ['time', 'lp_id', 'pct_access', 'engagement_index'], null]
	])('%s → %s', (name, headers, id) => {
		expect(presetFor(name, headers)?.id ?? null).toBe(id);
	});

	it('takes the engagement file\u2019s district ID from its name', () => {
		expect(
			presetFor('9536.csv.gz', ['time', 'lp_id', 'pct_access', 'engagement_index'])?.mapping.options
				.constants
		).toEqual({ lp_district_id: '9536' });
	});
});

describe('previewMapping', () => {
	it('shows each field with its source, samples and output type', async () => {
		const source = await openText(
			'Title,,\nLEAID,Year,Share\n100190,2024-25,67%\n100005,2024-25,\n100190,2023-24,12%\n'
		);
		const preview = previewMapping(source, {
			version: 1,
			table: 'districts',
			columns: { leaid: 'LEAID', school_year_start: 'Year', meps_pct: 'Share' },
			options: { constants: { lea_type: '1' } }
		});
		expect(preview.filter((p) => p.source !== null)).toEqual([
			{
				field: 'leaid',
				description: 'NCES LEA ID, 7 digits, first two = state FIPS (string; leading zeros kept)',
				required: true,
				kind: 'leaid',
				type: 'VARCHAR',
				outputs: ['leaid'],
				source: 'LEAID',
				samples: ['100190', '100005']
			},
			{
				field: 'school_year_start',
				description: 'School year by its fall calendar year (2024 = 2024-25)',
				required: true,
				kind: 'school_year',
				type: 'INTEGER',
				outputs: ['school_year_start'],
				source: 'Year',
				samples: ['2024-25', '2023-24']
			},
			{
				field: 'lea_type',
				description: 'CCD agency type code (passthrough)',
				required: false,
				kind: 'text',
				type: 'VARCHAR',
				outputs: ['lea_type'],
				source: '(constant) 1',
				samples: ['1']
			},
			{
				field: 'meps_pct',
				description: 'Urban Institute MEPS share',
				required: false,
				kind: 'proportion',
				type: 'DOUBLE',
				outputs: ['meps_pct'],
				source: 'Share',
				samples: ['67%', '12%']
			}
		]);
		expect(preview.find((p) => p.field === 'frpl_pct_interval')).toMatchObject({
			kind: 'interval',
			outputs: ['frpl_pct_interval_lo', 'frpl_pct_interval_hi'],
			source: null
		});
	});
});

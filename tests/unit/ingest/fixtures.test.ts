import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '#lib/db/database.ts';
import { ingestFile } from '#lib/ingest/ingest-file.ts';
import { suggestMapping } from '#lib/ingest/mapping/suggest.ts';
import { openSource } from '#lib/ingest/source/open-source.ts';
import { balanced, issuesOf, openDatabase, resetTables, rowsOf } from './ingest-helpers.ts';

const fixture = (name: string) =>
	readFileSync(new URL(`../../fixtures/ingest/${name}`, import.meta.url));

let db: Database;
beforeAll(async () => {
	db = await openDatabase();
});
afterAll(() => db.close());

/** A suggested mapping for a fixture (what the mapping screen would propose), plus options. */
async function suggested(name: string, table: string, options = {}) {
	const opened = await openSource(name, fixture(name));
	if (!opened.ok) throw new Error(JSON.stringify(opened.issues));
	return suggestMapping(table, opened.source.header.fields, options);
}

describe('fixtures (tests/fixtures/ingest/README.md)', () => {
	it('state-survey-excel-1252.csv: Windows-1252, semicolons, CRLF, title rows, a long LEAID, a duplicate', async () => {
		await resetTables(db, 'survey_responses');
		const name = 'state-survey-excel-1252.csv';
		const mapping = await suggested(name, 'survey_responses', {
			constants: { survey_id: 'nm-2024' }
		});
		const report = await ingestFile(db, name, fixture(name), { mapping });
		expect(issuesOf(report)).toEqual([
			{
				severity: 'notice',
				code: 'encoding_windows_1252',
				line: 6,
				message:
					'The file is not valid UTF-8 (first at line 6); it was read as Windows-1252, the encoding Excel on Windows uses for "CSV". Check that accented names (e.g. "Peñasco") look right; if not, save the file as "CSV UTF-8".'
			},
			{
				severity: 'notice',
				code: 'title_rows_skipped',
				line: 4,
				message:
					'The header is on line 4; lines 1–2 above it ("State AI Training Survey - Fall 2024", "Exported from Excel") were skipped as titles.'
			},
			{
				severity: 'notice',
				code: 'columns_ignored',
				message: 'Not loaded (no field mapped to them): "District Name".'
			},
			{
				severity: 'error',
				code: 'leaid_too_long',
				line: 8,
				column: 'Agency ID - NCES Assigned',
				value: '35000600',
				message:
					'line 8, column `Agency ID - NCES Assigned`: `35000600` has 8 digits; an NCES LEAID has 7.'
			},
			{
				severity: 'error',
				code: 'duplicate_key',
				line: 9,
				column: 'survey_id (constant)',
				value: 'nm-2024',
				message:
					'line 9, column `survey_id (constant)`: same key (survey_id nm-2024, survey_wave fall 2024, respondent_id r2) as line 6; only the first row with this key is loaded, line 6.'
			},
			{
				severity: 'notice',
				code: 'rows_summary',
				message:
					'6 rows read: 4 loaded into survey_responses, 2 rejected. 1 blank line was skipped (not rows).'
			}
		]);
		expect(
			await rowsOf(db, 'survey_responses', [
				'leaid',
				'school_year_start',
				'respondent_id',
				'trained_teachers_ai'
			])
		).toEqual([
			{ leaid: '3500001', school_year_start: 2024, respondent_id: 'r1', trained_teachers_ai: 1 },
			{ leaid: '3500060', school_year_start: 2024, respondent_id: 'r2', trained_teachers_ai: 0 },
			{ leaid: '3500002', school_year_start: 2024, respondent_id: 'r3', trained_teachers_ai: 1 },
			{ leaid: '3500003', school_year_start: 2024, respondent_id: 'r5', trained_teachers_ai: null }
		]);
		expect(report.missing).toEqual([
			{
				field: 'trained_teachers_ai',
				column: 'Trained Teachers on AI',
				reason: 'not_applicable',
				count: 1,
				lines: [10]
			}
		]);
		expect(balanced(report)).toBe(true);
	});

	it('vendor-usage-aggregate.tsv: tabs, thousands separators, padded unit IDs, a suppressed count, a funnel out of order', async () => {
		await resetTables(db, 'usage_aggregate');
		const name = 'vendor-usage-aggregate.tsv';
		const mapping = {
			...(await suggested(name, 'usage_aggregate')),
			columns: {
				unit_type: 'unit_type',
				unit_id: 'unit_id',
				product_id: 'product',
				school_year_start: 'school_year',
				licensed_n: 'licensed',
				activated_n: 'active',
				dosage_met_n: 'met_dosage'
			}
		};
		const report = await ingestFile(db, name, fixture(name), { mapping });
		expect(issuesOf(report)).toEqual([
			{
				severity: 'error',
				code: 'duplicate_key',
				line: 5,
				column: 'unit_type',
				value: 'school',
				message:
					'line 5, column `unit_type`: same key (unit_type school, unit_id 010019000001, product_id khan, school_year_start 2024, period_start –) as line 4; only the first row with this key is loaded, line 4.'
			},
			{
				severity: 'warning',
				code: 'funnel_inconsistent',
				line: 3,
				message:
					'line 3: licensed 400, activated 410, regular –, dosage met 12: the funnel needs dosage met ≤ activated ≤ licensed and regular ≤ activated. The row is loaded; its rates will be blank (funnel_inconsistent).'
			},
			{
				severity: 'notice',
				code: 'rows_summary',
				message: '4 rows read: 3 loaded into usage_aggregate, 1 rejected.'
			}
		]);
		expect(
			await rowsOf(db, 'usage_aggregate', [
				'unit_type',
				'unit_id',
				'licensed_n',
				'activated_n',
				'dosage_met_n'
			])
		).toEqual([
			{
				unit_type: 'district',
				unit_id: '0100190',
				licensed_n: 1200,
				activated_n: 900,
				dosage_met_n: 54
			},
			{
				unit_type: 'district',
				unit_id: '0100005',
				licensed_n: 400,
				activated_n: 410,
				dosage_met_n: 12
			},
			{
				unit_type: 'school',
				unit_id: '010019000001',
				licensed_n: 300,
				activated_n: 250,
				dosage_met_n: null
			}
		]);
		expect(report.changes.map((c) => [c.field, c.rule, c.count])).toEqual([
			['unit_id', 'zero_padded', 3],
			['school_year_start', 'school_year_to_fall_year', 3],
			['licensed_n', 'thousands_separator_removed', 1]
		]);
		expect(report.missing).toEqual([
			{ field: 'dosage_met_n', column: 'met_dosage', reason: 'suppressed', count: 1, lines: [4] }
		]);
	});

	const DIRECTORY_COLUMNS = [
		'leaid',
		'school_year_start',
		'state_fips',
		'state_abbr',
		'locale_code',
		'enrollment_total',
		'free_lunch_count',
		'reduced_lunch_count',
		'frpl_count',
		'direct_cert_count'
	];
	/** A loaded directory row: state 01 / AL, school year 2022 (both fixtures are Alabama, 2022-23). */
	const district = (
		leaid: string,
		locale: number,
		counts: [number, number | null, number | null, number, number | null]
	) => ({
		leaid,
		school_year_start: 2022,
		state_fips: '01',
		state_abbr: 'AL',
		locale_code: locale,
		enrollment_total: counts[0],
		free_lunch_count: counts[1],
		reduced_lunch_count: counts[2],
		frpl_count: counts[3],
		direct_cert_count: counts[4]
	});
	const rulesOf = (report: {
		changes: readonly { field: string; rule: string; count: number }[];
	}) => report.changes.map((c) => [c.field, c.rule, c.count]);

	it('ccd-directory.csv: CCD column names, labelled locales, CCD missing codes', async () => {
		await resetTables(db, 'districts');
		const name = 'ccd-directory.csv';
		const mapping = await suggested(name, 'districts');
		expect(mapping.columns).toMatchObject({
			leaid: 'LEAID',
			school_year_start: 'SCHOOL_YEAR',
			state_fips: 'FIPST',
			state_abbr: 'ST',
			lea_type: 'LEA_TYPE',
			locale_code: 'ULOCALE',
			enrollment_total: 'MEMBER',
			free_lunch_count: 'FRELCH',
			reduced_lunch_count: 'REDLCH',
			frpl_count: 'TOTFRL',
			direct_cert_count: 'DIRECTCERT'
		});
		const report = await ingestFile(db, name, fixture(name), { mapping });
		expect(issuesOf(report)).toEqual([
			{
				severity: 'error',
				code: 'not_a_locale',
				line: 5,
				column: 'ULOCALE',
				value: '99-Unknown',
				message:
					'line 5, column `ULOCALE`: `99-Unknown` is not an NCES locale: use 11–13 (city), 21–23 (suburb), 31–33 (town) or 41–43 (rural), alone or labelled like 21-Suburb: Large.'
			},
			{
				severity: 'notice',
				code: 'rows_summary',
				message: '4 rows read: 3 loaded into districts, 1 rejected.'
			}
		]);
		expect(await rowsOf(db, 'districts', DIRECTORY_COLUMNS)).toEqual([
			district('0100005', 32, [5610, 2900, 310, 3210, null]),
			district('0100006', 41, [5720, null, null, 2468, 1893]),
			district('0100007', 21, [13200, 1900, 200, 2100, 1500])
		]);
		expect(rulesOf(report)).toEqual([
			['leaid', 'zero_padded', 1],
			['school_year_start', 'school_year_to_fall_year', 3],
			['census_region', 'census_region_from_state_fips', 3],
			['locale_code', 'locale_label_removed', 2],
			['free_lunch_count', 'thousands_separator_removed', 1]
		]);
		expect(report.changes.find((c) => c.rule === 'locale_label_removed')?.examples).toEqual([
			{ line: 2, before: '32-Town: Distant', after: '32' },
			{ line: 3, before: '41-Rural: Fringe', after: '41' }
		]);
		expect(report.missing.map((m) => [m.column, m.reason, m.lines])).toEqual([
			['FRELCH', 'missing', [3]],
			['REDLCH', 'missing', [3]],
			['DIRECTCERT', 'not_applicable', [2]]
		]);
		expect(balanced(report)).toBe(true);
	});

	it('elsi-districts.csv: ELSI header suffixes, the year from the headers, ELSI missing codes, footnotes', async () => {
		await resetTables(db, 'districts');
		const name = 'elsi-districts.csv';
		const mapping = await suggested(name, 'districts');
		const suffix = (h: string, year = '2022-23') => `${h} [District] ${year}`;
		expect(mapping.columns).toMatchObject({
			leaid: suffix('Agency ID - NCES Assigned', 'Latest available year'),
			state_abbr: suffix('State Name', 'Latest available year'),
			lea_name: 'Agency Name',
			locale_code: suffix('Locale'),
			enrollment_total: suffix('Total Students All Grades (Excludes AE)'),
			free_lunch_count: suffix('Free Lunch Eligible'),
			reduced_lunch_count: suffix('Reduced-price Lunch Eligible Students'),
			frpl_count: suffix('Free and Reduced Lunch Students'),
			direct_cert_count: suffix('Direct Certification'),
			school_year_start: null
		});
		expect(mapping.options).toEqual({ constants: { school_year_start: '2022-23' } });
		const report = await ingestFile(db, name, fixture(name), { mapping });
		const footnote = (line: number) => ({
			severity: 'error',
			code: 'wrong_field_count',
			line,
			column: '(whole row)',
			value: '',
			message: `line ${line}: has 1 values; the header (line 4) has 9. Quote values that contain the delimiter ",", or add the missing values.`
		});
		expect(issuesOf(report)).toEqual([
			{
				severity: 'notice',
				code: 'title_rows_skipped',
				line: 4,
				message:
					'The header is on line 4; lines 1–3 above it ("ELSI Export", "Table Name: District Directory", "") were skipped as titles.'
			},
			footnote(8),
			footnote(9),
			{
				severity: 'notice',
				code: 'rows_summary',
				message: '5 rows read: 3 loaded into districts, 2 rejected.'
			}
		]);
		expect(await rowsOf(db, 'districts', DIRECTORY_COLUMNS)).toEqual([
			district('0100005', 32, [5610, 2900, 310, 3210, null]),
			district('0100006', 41, [5720, null, null, 2468, 1893]),
			district('0100007', 21, [13200, 1900, 200, 2100, 1500])
		]);
		expect(rulesOf(report)).toEqual([
			['state_fips', 'state_fips_from_leaid', 3],
			['state_abbr', 'state_name_to_abbr', 3],
			['census_region', 'census_region_from_state_fips', 3],
			['locale_code', 'locale_label_removed', 3]
		]);
		expect(report.missing.map((m) => [m.field, m.reason, m.lines])).toEqual([
			['free_lunch_count', 'missing', [6]],
			['reduced_lunch_count', 'suppressed', [6]],
			['direct_cert_count', 'not_applicable', [5]]
		]);
		expect(balanced(report)).toBe(true);
	});
});

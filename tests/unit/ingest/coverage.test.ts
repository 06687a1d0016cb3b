import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '#lib/db/database.ts';
import { districtCoverage, joinToReferenceSql } from '#lib/ingest/coverage.ts';
import { issuesOf, load, mapping, openDatabase, resetTables } from './ingest-helpers.ts';

let db: Database;
beforeAll(async () => {
	db = await openDatabase();
	await resetTables(db, 'districts', 'survey_responses');
	const reference =
		'leaid,sy,pop,pov\n0100001,2024-25,1000,100\n0100002,2024-25,1000,300\n0100003,2023-24,500,50\n';
	await load(
		db,
		reference,
		mapping('districts', {
			leaid: 'leaid',
			school_year_start: 'sy',
			saipe_pop_5_17: 'pop',
			saipe_pov_5_17: 'pov'
		})
	);
});
afterAll(() => db.close());

const SURVEY = mapping('survey_responses', {
	survey_id: 's',
	survey_wave: 'wave',
	respondent_id: 'id',
	leaid: 'leaid',
	trained_teachers_ai: 'trained'
});

describe('matching uploads to the district reference', () => {
	it('lists unmatched LEAIDs with their first line when a file is loaded', async () => {
		const csv =
			's,wave,id,leaid,trained\nx,fall 2024,1,0100001,yes\nx,fall 2024,2,0199999,no\nx,fall 2024,3,0199999,no\nx,spring 2026,4,100002,yes\n';
		const report = await load(db, csv, SURVEY);
		expect(report.districtMatch).toEqual({
			reference: 'districts',
			districts: 3,
			matched: 2,
			unmatched: [{ leaid: '0199999', line: 3, rows: 2 }]
		});
		expect(issuesOf(report).filter((i) => i.code === 'unmatched_district')).toEqual([
			{
				severity: 'warning',
				code: 'unmatched_district',
				line: 3,
				column: 'leaid',
				value: '0199999',
				message:
					'line 3, column `leaid`: LEAID 0199999 (2 rows) is not in the district reference (districts); these rows get no poverty level.'
			},
			{
				severity: 'warning',
				code: 'unmatched_district',
				message:
					'2 of 3 districts in this file matched the district reference (districts); 1 unmatched.'
			}
		]);
	});

	it('summarises coverage, the poverty measure attached and school years that do not line up', async () => {
		const coverage = await districtCoverage(db, 'survey_responses');
		expect(coverage).toEqual({
			table: 'survey_responses',
			reference: 'districts',
			districts: 3,
			matched: 2,
			unmatched: ['0199999'],
			poverty: { measure: 'saipe', districtsWithMeasure: 2 },
			issues: [
				{
					severity: 'warning',
					code: 'unmatched_district',
					file: 'survey_responses',
					message:
						'2 of 3 districts in survey_responses matched the district reference (districts); 1 unmatched: 0199999.'
				},
				{
					severity: 'warning',
					code: 'year_mismatch',
					file: 'survey_responses',
					message:
						'survey_responses has school year 2025-26, but the district reference (districts) has only 2023-24, 2024-25; those rows are matched to the nearest earlier reference year, if any.'
				},
				{
					severity: 'notice',
					code: 'rows_summary',
					file: 'survey_responses',
					message: 'Poverty comes from the district reference: SAIPE for 2 of 2 matched districts.'
				}
			]
		});
	});

	it('joins rows to the reference year of the row, else the nearest earlier one', async () => {
		const rows = await db.query<Record<string, unknown>>({
			text: `SELECT respondent_id, school_year_start, ref_school_year_start, poverty_value FROM (${joinToReferenceSql('survey_responses', 'saipe').text}) ORDER BY respondent_id`,
			params: []
		});
		expect(rows).toEqual([
			{
				respondent_id: '1',
				school_year_start: 2024,
				ref_school_year_start: 2024,
				poverty_value: 0.1
			},
			{
				respondent_id: '2',
				school_year_start: 2024,
				ref_school_year_start: null,
				poverty_value: null
			},
			{
				respondent_id: '3',
				school_year_start: 2024,
				ref_school_year_start: null,
				poverty_value: null
			},
			{
				respondent_id: '4',
				school_year_start: 2025,
				ref_school_year_start: 2024,
				poverty_value: 0.3
			}
		]);
	});
});

// The reference above: 0100001 and 0100002 in 2024-25 (SAIPE 100/1000 = 0.1 and 300/1000 = 0.3),
// 0100003 in 2023-24 only (50/500 = 0.1).
describe('usage files matched to the district reference', () => {
	const join = (table: string, order: string) =>
		db.query<Record<string, unknown>>({
			text: `SELECT ${order}, join_leaid, ref_school_year_start, poverty_value FROM (${joinToReferenceSql(table, 'saipe').text}) ORDER BY ${order}`,
			params: []
		});

	it('student-week logs with only school IDs: the LEAID is taken from each, and matched', async () => {
		await resetTables(db, 'usage_student_week');
		const csv =
			'student,school,product,sy,week,minutes\ns1,010000100001,p,2024-25,2024-09-02,30\ns2,10000200005,p,2024-25,2024-09-02,10\ns3,019999900001,p,2024-25,2024-09-02,5\n';
		const report = await load(
			db,
			csv,
			mapping('usage_student_week', {
				student_key: 'student',
				ncessch: 'school',
				product_id: 'product',
				school_year_start: 'sy',
				week_start: 'week',
				minutes: 'minutes'
			})
		);
		expect([report.rowsRead, report.rowsLoaded, report.rowsRejected]).toEqual([3, 3, 0]);
		// 10000200005 has 11 digits: padded to 010000200005, whose first 7 are 0100002 (the example
		// shows the text as it was in the file).
		expect(report.changes.find((c) => c.rule === 'leaid_from_ncessch')).toEqual({
			field: 'leaid',
			column: 'leaid (from school)',
			rule: 'leaid_from_ncessch',
			count: 3,
			examples: [
				{ line: 2, before: '010000100001', after: '0100001' },
				{ line: 3, before: '10000200005', after: '0100002' },
				{ line: 4, before: '019999900001', after: '0199999' }
			]
		});
		expect(report.districtMatch).toEqual({
			reference: 'districts',
			districts: 3,
			matched: 2,
			unmatched: [{ leaid: '0199999', line: 4, rows: 1 }]
		});
		const coverage = await districtCoverage(db, 'usage_student_week');
		expect([coverage.districts, coverage.matched, coverage.unmatched]).toEqual([3, 2, ['0199999']]);
		expect(coverage.poverty).toEqual({ measure: 'saipe', districtsWithMeasure: 2 });
		expect(await join('usage_student_week', 'student_key')).toEqual([
			{ student_key: 's1', join_leaid: '0100001', ref_school_year_start: 2024, poverty_value: 0.1 },
			{ student_key: 's2', join_leaid: '0100002', ref_school_year_start: 2024, poverty_value: 0.3 },
			{ student_key: 's3', join_leaid: '0199999', ref_school_year_start: null, poverty_value: null }
		]);
	});

	it('school- and district-level aggregates: a school gives its district, the nearest earlier year is used', async () => {
		await resetTables(db, 'usage_aggregate');
		const csv =
			'unit_type,unit_id,product,sy,licensed,active,met\nschool,010000100001,p,2024-25,100,50,10\nschool,10000300002,p,2024-25,80,40,8\ndistrict,0199998,p,2024-25,10,5,1\n';
		const report = await load(
			db,
			csv,
			mapping('usage_aggregate', {
				unit_type: 'unit_type',
				unit_id: 'unit_id',
				product_id: 'product',
				school_year_start: 'sy',
				licensed_n: 'licensed',
				activated_n: 'active',
				dosage_met_n: 'met'
			})
		);
		expect([report.rowsRead, report.rowsLoaded, report.rowsRejected]).toEqual([3, 3, 0]);
		const coverage = await districtCoverage(db, 'usage_aggregate');
		expect(coverage.issues[0]).toEqual({
			severity: 'warning',
			code: 'unmatched_district',
			file: 'usage_aggregate',
			message:
				'2 of 3 districts in usage_aggregate matched the district reference (districts); 1 unmatched: 0199998.'
		});
		expect(coverage.poverty).toEqual({ measure: 'saipe', districtsWithMeasure: 2 });
		// 0100003 is in the reference for 2023-24 only: the 2024-25 row takes that year (ASOF).
		expect(await join('usage_aggregate', 'unit_id')).toEqual([
			{
				unit_id: '010000100001',
				join_leaid: '0100001',
				ref_school_year_start: 2024,
				poverty_value: 0.1
			},
			{
				unit_id: '010000300002',
				join_leaid: '0100003',
				ref_school_year_start: 2023,
				poverty_value: 0.1
			},
			{
				unit_id: '0199998',
				join_leaid: '0199998',
				ref_school_year_start: null,
				poverty_value: null
			}
		]);
	});

	it('a survey with its own poverty level keeps it; coverage says so', async () => {
		await resetTables(db, 'survey_responses');
		const csv =
			's,wave,id,leaid,trained,level\nx,fall 2024,1,0100001,yes,high\nx,fall 2024,2,0100002,no,\nx,fall 2024,3,0100002,no,low\n';
		await load(db, csv, {
			...SURVEY,
			columns: { ...SURVEY.columns, poverty_level_source: 'level' }
		});
		const coverage = await districtCoverage(db, 'survey_responses');
		expect(coverage.issues.map((i) => i.message).slice(-2)).toEqual([
			'Poverty comes from the district reference: SAIPE for 2 of 2 matched districts.',
			`2 of 3 rows carry the survey's own poverty level (poverty_level_source): it is kept as given and used by the "survey's own poverty levels" scheme, never replaced by the reference's.`
		]);
		const rows = await db.query<Record<string, unknown>>({
			text: `SELECT respondent_id, poverty_level_source, poverty_value FROM (${joinToReferenceSql('survey_responses', 'saipe').text}) ORDER BY respondent_id`,
			params: []
		});
		expect(rows).toEqual([
			{ respondent_id: '1', poverty_level_source: 'high', poverty_value: 0.1 },
			{ respondent_id: '2', poverty_level_source: null, poverty_value: 0.3 },
			{ respondent_id: '3', poverty_level_source: 'low', poverty_value: 0.3 }
		]);
	});
});

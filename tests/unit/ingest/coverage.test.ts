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

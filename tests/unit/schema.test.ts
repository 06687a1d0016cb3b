import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '#lib/db/database.ts';
import { renderDataDictionary } from '#lib/schema/dictionary.ts';
import { TABLES } from '#lib/schema/tables.ts';
import { createSchemaDatabase } from '../helpers/schema-db.ts';

/**
 * The canonical tables and columns of domain-spec §1.8 (A–G), copied from the spec's text in its
 * order. The wide `repwt_1..repwt_R` of B live in `survey_replicate_weights`, one row per replicate.
 */
const SPEC_1_8: Record<string, string> = {
	districts:
		'leaid school_year_start lea_name state_fips state_abbr census_region lea_type locale_code ' +
		'enrollment_total free_lunch_count reduced_lunch_count frpl_count direct_cert_count cep_flag ' +
		'saipe_year saipe_pop_5_17 saipe_pov_5_17 meps_pct frpl_pct_interval_lo frpl_pct_interval_hi',
	survey_responses:
		'survey_id survey_wave school_year_start leaid respondent_id weight stratum psu repwt_method ' +
		'trained_teachers_ai plans_train_ai_this_year item_response_status poverty_level_source ' +
		'locale_source',
	survey_replicate_weights: 'survey_id survey_wave respondent_id replicate weight',
	published_estimates:
		'source_key metric population_unit group_dim group_value survey_wave school_year_start value ' +
		'se moe n_unweighted weighting tag url note',
	usage_student_week:
		'student_key ncessch leaid product_id school_year_start week_start minutes sessions logins ' +
		'lessons_completed lessons_passed quizzes_taken quizzes_passed skills_proficient',
	usage_roster:
		'student_key ncessch leaid product_id school_year_start grade license_start license_end ' +
		'enroll_start enroll_end',
	usage_aggregate:
		'unit_type unit_id product_id school_year_start period_start period_end enrolled_n licensed_n ' +
		'activated_n regular_n dosage_met_n minutes_total',
	products:
		'product_id product_name vendor dosage_rule_json dosage_rule_source_key grade_min grade_max subject'
};

let db: Database;
beforeAll(async () => {
	db = await createSchemaDatabase();
});
afterAll(() => db?.close());

describe('canonical schema', () => {
	it('stores identifiers as strings and minutes as fixed-point decimals', () => {
		for (const table of TABLES) {
			for (const column of table.columns) {
				if (/^(leaid|ncessch|unit_id|student_key|state_fips)$/.test(column.name)) {
					expect(column.type, `${table.name}.${column.name}`).toBe('VARCHAR');
				}
				if (column.name.startsWith('minutes')) {
					expect(column.type, `${table.name}.${column.name}`).toMatch(/^DECIMAL/);
				}
			}
		}
	});

	it('declares key columns that exist', () => {
		for (const table of TABLES) {
			const names = table.columns.map((c) => c.name);
			for (const key of table.key) expect(names, table.name).toContain(key);
		}
	});

	it('has every table and column of domain-spec §1.8, in the spec’s order', () => {
		for (const [name, columns] of Object.entries(SPEC_1_8)) {
			const declared = TABLES.find((t) => t.name === name)?.columns.map((c) => c.name) ?? [];
			const wanted = columns.split(' ');
			// Extra columns (e.g. survey_responses.panel_id) are allowed; none of §1.8 may be missing.
			expect(
				declared.filter((c) => wanted.includes(c)),
				name
			).toEqual(wanted);
		}
		expect(TABLES.map((t) => t.name)).toContain('calendar_exclusions');
	});

	it('creates each table in DuckDB with exactly the declared columns and types', async () => {
		const rows = await db.query<{ table_name: string; column_name: string; data_type: string }>(
			`SELECT table_name, column_name, data_type FROM information_schema.columns
			ORDER BY table_name, ordinal_position`
		);
		for (const table of TABLES) {
			const created = rows
				.filter((r) => r.table_name === table.name)
				.map((r) => `${r.column_name} ${r.data_type}`);
			expect(created, table.name).toEqual(table.columns.map((c) => `${c.name} ${c.type}`));
		}
	});

	it('is documented in data/README.md exactly as rendered (run npm run data:dictionary)', () => {
		expect(readFileSync('data/README.md', 'utf8')).toContain(renderDataDictionary());
	});
});

import type { Database } from '../db/database.ts';
import { raw, sql, valueList } from '../db/sql.ts';
import type { TableSpec } from '../schema/tables.ts';
import { VIEW_UNITS_TABLE } from '../view/view-tables.ts';
import { canonicalCsv } from './canonical-csv.ts';

const COUNT = 'students';

/**
 * The bundle's `usage_units.csv`: the funnel counts per school (or district) and product that
 * the app derived from student-week logs under the dosage rules in force (domain-spec §4.2), as
 * `usageFunnelStudentsSql` gives them. Aggregates only: a reproduction script reads them in place
 * of the logs, which exports never include.
 */
export const USAGE_UNITS = {
	name: 'usage_units',
	description:
		'Funnel counts per school and product derived by the app from the student-week logs under the dosage rules in force (never student rows).',
	key: ['product_id', 'leaid', 'ncessch'],
	columns: [
		{ name: 'product_id', type: 'VARCHAR', description: 'Product', required: true },
		{ name: 'leaid', type: 'VARCHAR', description: 'NCES district id (LEAID)', required: true },
		{ name: 'ncessch', type: 'VARCHAR', description: 'NCES school id; empty for a district unit' },
		{ name: 'poverty_group', type: 'VARCHAR', description: 'Empty: levels come from districts' },
		{ name: 'enrolled_n', type: 'INTEGER', description: 'Enrolled in the roster (E)', unit: COUNT },
		{ name: 'licensed_n', type: 'INTEGER', description: 'Licensed / with access (L)', unit: COUNT },
		{ name: 'activated_n', type: 'INTEGER', description: 'Activated (A)', unit: COUNT },
		{ name: 'regular_n', type: 'INTEGER', description: 'Regular users (R)', unit: COUNT },
		{
			name: 'dosage_met_n',
			type: 'INTEGER',
			description: 'Met the dosage rule (D); empty when the product has no rule',
			unit: COUNT
		},
		{
			name: 'not_evaluable_n',
			type: 'INTEGER',
			description: 'Licensed students whose dosage could not be evaluated (§4.2)',
			unit: COUNT
		},
		{
			name: 'not_evaluable_enrolled_n',
			type: 'INTEGER',
			description: 'Enrolled and licensed students not evaluable',
			unit: COUNT
		},
		{
			name: 'not_evaluable_active_n',
			type: 'INTEGER',
			description: 'Activated students not evaluable',
			unit: COUNT
		},
		{ name: 'funnel_inconsistent', type: 'BOOLEAN', description: 'Counts break D ≤ A ≤ L' },
		{ name: 'overlicensed', type: 'BOOLEAN', description: 'More licensed than enrolled' },
		{
			name: 'enrolled_approximate',
			type: 'BOOLEAN',
			description: 'E is district enrolment, not the roster'
		}
	]
} as const satisfies TableSpec;

/** `usage_units.csv` of the given products, from the units the dashboard computed its view from. */
export function usageUnitsCsv(db: Database, products: readonly string[]): Promise<string> {
	return canonicalCsv(
		db,
		USAGE_UNITS,
		sql`SELECT * FROM ${raw(VIEW_UNITS_TABLE)} WHERE product_id IN (${valueList(products)})`
	);
}

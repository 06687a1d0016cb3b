import type { ColumnSpec, TableSpec } from '../../schema/tables.ts';
import type { IngestTarget, TargetField } from './fields.ts';

/**
 * The full shape of LearnPlatform 2020 `districts_info.csv` (domain-spec §1.9): every range-coded
 * field as half-open bounds `[lo, hi[`, and each NULL with its reason (`NaN` = suppressed, per the
 * README). District IDs are pseudonymous and never join to an NCES LEAID. The metrics read the
 * narrower `daily_touch_districts` (schema); this table keeps everything the file says.
 */
const REASON = 'Why the value is NULL: missing, not_applicable, suppressed or unknown';

function interval(name: string, description: string, unit: string): TargetField {
	return {
		name,
		kind: 'interval',
		required: false,
		type: 'DOUBLE',
		description: `${description} (${unit}), a half-open range [lo, hi[`
	};
}

function intervalColumns(name: string, description: string, unit: string): ColumnSpec[] {
	return [
		{
			name: `${name}_lo`,
			type: 'DOUBLE',
			description: `${description}, lower bound (inclusive)`,
			unit
		},
		{
			name: `${name}_hi`,
			type: 'DOUBLE',
			description: `${description}, upper bound (exclusive)`,
			unit
		},
		{ name: `${name}_missing_reason`, type: 'VARCHAR', description: REASON }
	];
}

const ID = 'LearnPlatform pseudonymous district ID (not an NCES LEAID)';
const INTERVALS = [
	['pct_black_hispanic', 'Share of students who are Black or Hispanic', 'proportion'],
	[
		'pct_free_reduced',
		'Share eligible for free or reduced-price lunch (NCES 2018-19)',
		'proportion'
	],
	[
		'county_connections_ratio',
		'Residential fixed high-speed connections per household (FCC, county)',
		'ratio'
	],
	['pp_total_raw', 'Per-pupil total expenditure (NERD$)', 'dollars']
] as const;

export const LP_DISTRICTS_SPEC: TableSpec = {
	name: 'lp_districts',
	description: 'LearnPlatform 2020 districts_info.csv: one row per pseudonymous district.',
	key: ['lp_district_id'],
	columns: [
		{ name: 'lp_district_id', type: 'VARCHAR', description: ID, required: true },
		{ name: 'state_name', type: 'VARCHAR', description: 'State name as written' },
		{ name: 'state_name_missing_reason', type: 'VARCHAR', description: REASON },
		{
			name: 'locale_group',
			type: 'VARCHAR',
			description: 'NCES locale group',
			allowed: 'City, Suburb, Town, Rural'
		},
		{ name: 'locale_group_missing_reason', type: 'VARCHAR', description: REASON },
		...INTERVALS.flatMap(([name, description, unit]) => intervalColumns(name, description, unit))
	]
};

export const LP_DISTRICTS: IngestTarget = {
	spec: LP_DISTRICTS_SPEC,
	key: ['lp_district_id'],
	fields: [
		{ name: 'lp_district_id', kind: 'text', required: true, type: 'VARCHAR', description: ID },
		{
			name: 'state_name',
			kind: 'text',
			required: false,
			type: 'VARCHAR',
			description: 'State name'
		},
		{
			name: 'locale_group',
			kind: 'enum',
			required: false,
			type: 'VARCHAR',
			description: 'NCES locale group',
			values: ['City', 'Suburb', 'Town', 'Rural']
		},
		...INTERVALS.map(([name, description, unit]) => interval(name, description, unit))
	]
};

import type { Database } from '../db/database.ts';
import { identifier, raw, sql, type SqlQuery } from '../db/sql.ts';
import { measureSql } from '../poverty/measures.ts';
import type { PovertyMeasure } from '../poverty/schemes.ts';
import { issue, type ValidationIssue } from './issues.ts';

/** Tables whose rows belong to a district, and how their LEAID is found. */
const LEAID_OF: Readonly<Record<string, string>> = {
	survey_responses: 'leaid',
	usage_student_week: 'coalesce(leaid, left(ncessch, 7))',
	usage_roster: 'coalesce(leaid, left(ncessch, 7))',
	usage_aggregate: "CASE WHEN unit_type = 'district' THEN unit_id ELSE left(unit_id, 7) END"
};

const MEASURES: readonly PovertyMeasure[] = ['saipe', 'frpl', 'meps'];

/** How a loaded table's districts match the district reference. */
export interface Coverage {
	readonly table: string;
	readonly reference: string;
	readonly districts: number;
	readonly matched: number;
	readonly unmatched: readonly string[];
	/** The reference measure attached when the table has no poverty level of its own (domain-spec §2.5). */
	readonly poverty: {
		readonly measure: PovertyMeasure | null;
		readonly districtsWithMeasure: number;
	};
	readonly issues: readonly ValidationIssue[];
}

/**
 * The rows of `table` joined to the district reference by LEAID (a school ID gives its district)
 * and school year: the reference row of the same year, else the nearest earlier one (ASOF), with
 * `ref_school_year_start` saying which was used and `poverty_value` from `measure`.
 */
export function joinToReferenceSql(
	table: string,
	measure: PovertyMeasure,
	reference = 'districts'
): SqlQuery {
	const leaid = LEAID_OF[table];
	if (!leaid) throw new Error(`no district key for table ${table}`);
	return sql`SELECT t.*, r.school_year_start AS ref_school_year_start, r.poverty_value FROM (SELECT *, ${raw(leaid)} AS join_leaid FROM ${identifier(table)}) t ASOF LEFT JOIN (SELECT leaid, school_year_start, ${measureSql(measure)} AS poverty_value FROM ${identifier(reference)}) r ON t.join_leaid = r.leaid AND t.school_year_start >= r.school_year_start`;
}

/**
 * Coverage of a loaded table against the district reference: "287 of 300 districts matched;
 * 13 unmatched" with the list, the poverty measure available for the matched districts (SAIPE
 * first, then FRPL, then MEPS; none is substituted for another), and the school years that do not
 * line up between the two tables.
 */
export async function districtCoverage(
	db: Database,
	table: string,
	reference = 'districts'
): Promise<Coverage> {
	const leaid = LEAID_OF[table];
	if (!leaid) throw new Error(`no district key for table ${table}`);
	const ids = sql`(SELECT DISTINCT ${raw(leaid)} AS leaid FROM ${identifier(table)} WHERE ${raw(leaid)} IS NOT NULL)`;
	const refIds = sql`(SELECT DISTINCT leaid FROM ${identifier(reference)})`;
	const unmatched = (
		await db.query<{ leaid: string }>(
			sql`SELECT leaid FROM ${ids} ANTI JOIN ${refIds} USING (leaid) ORDER BY leaid`
		)
	).map((r) => r.leaid);
	const [{ n: districts } = { n: 0 }] = await db.query<{ n: number }>(
		sql`SELECT count(*) AS n FROM ${ids}`
	);
	let poverty: Coverage['poverty'] = { measure: null, districtsWithMeasure: 0 };
	for (const measure of MEASURES) {
		const [row] = await db.query<{ n: number }>(
			sql`SELECT count(DISTINCT leaid) AS n FROM ${identifier(reference)} SEMI JOIN ${ids} USING (leaid) WHERE ${measureSql(measure)} IS NOT NULL`
		);
		if ((row?.n ?? 0) > 0) {
			poverty = { measure, districtsWithMeasure: row!.n };
			break;
		}
	}
	const matched = districts - unmatched.length;
	const issues: ValidationIssue[] = [
		issue(
			unmatched.length > 0 ? 'warning' : 'notice',
			'unmatched_district',
			table,
			`${matched.toLocaleString('en-US')} of ${districts.toLocaleString('en-US')} districts in ${table} matched the district reference (${reference}); ${unmatched.length.toLocaleString('en-US')} unmatched${unmatched.length > 0 ? `: ${unmatched.slice(0, 20).join(', ')}${unmatched.length > 20 ? ', …' : ''}` : ''}.`
		),
		...(await yearIssues(db, table, reference))
	];
	if (poverty.measure) {
		issues.push(
			issue(
				'notice',
				'rows_summary',
				table,
				`Poverty comes from the district reference: ${poverty.measure.toUpperCase()} for ${poverty.districtsWithMeasure.toLocaleString('en-US')} of ${matched.toLocaleString('en-US')} matched districts.`
			)
		);
	}
	const own = table === 'survey_responses' ? await ownPovertyLevels(db) : undefined;
	if (own && own.n > 0) {
		issues.push(
			issue(
				'notice',
				'rows_summary',
				table,
				`${own.n.toLocaleString('en-US')} of ${own.of.toLocaleString('en-US')} rows carry the survey's own poverty level (poverty_level_source): it is kept as given and used by the "survey's own poverty levels" scheme, never replaced by the reference's.`
			)
		);
	}
	return { table, reference, districts, matched, unmatched, poverty, issues };
}

/** Survey rows with a poverty level of their own (domain-spec §2.2: passed through verbatim). */
async function ownPovertyLevels(db: Database): Promise<{ n: number; of: number } | undefined> {
	const [row] = await db.query<{ n: number; of: number }>(
		sql`SELECT count(nullif(poverty_level_source, '')) AS n, count(*) AS of FROM survey_responses`
	);
	return row ? { n: Number(row.n), of: Number(row.of) } : undefined;
}

/** School years in `table` for which the reference has no rows, with the years it does have. */
async function yearIssues(
	db: Database,
	table: string,
	reference: string
): Promise<ValidationIssue[]> {
	const years = await db.query<{ y: number }>(
		sql`SELECT DISTINCT school_year_start AS y FROM ${identifier(table)} WHERE school_year_start IS NOT NULL ORDER BY y`
	);
	const refYears = new Set(
		(
			await db.query<{ y: number }>(
				sql`SELECT DISTINCT school_year_start AS y FROM ${identifier(reference)} WHERE school_year_start IS NOT NULL`
			)
		).map((r) => r.y)
	);
	const show = (y: number) => `${y}-${String((y + 1) % 100).padStart(2, '0')}`;
	const missing = years.map((r) => r.y).filter((y) => !refYears.has(y));
	if (missing.length === 0 || refYears.size === 0) return [];
	const have = [...refYears]
		.sort((a, b) => a - b)
		.map(show)
		.join(', ');
	return [
		issue(
			'warning',
			'year_mismatch',
			table,
			`${table} has school year${missing.length > 1 ? 's' : ''} ${missing.map(show).join(', ')}, but the district reference (${reference}) has only ${have}; those rows are matched to the nearest earlier reference year, if any.`
		)
	];
}

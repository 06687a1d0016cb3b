import type { Database } from '../db/database.ts';
import { join, raw, sql, valueList, type SqlQuery } from '../db/sql.ts';

/** NCES locale groups by the tens digit of the locale code (domain-spec §1.4). */
export const LOCALE_GROUPS = { city: 1, suburb: 2, town: 3, rural: 4 } as const;
export type LocaleGroup = keyof typeof LOCALE_GROUPS;

/** Which districts and products a result covers; an empty list means "no filter". */
export interface DataFilter {
	readonly states: readonly string[];
	readonly localeGroups: readonly LocaleGroup[];
	readonly products: readonly string[];
}

/** What a restriction did, for the result's provenance. */
export interface FilterSummary {
	readonly districts_kept: number;
	readonly survey_filtered: boolean;
	readonly note: string | null;
}

function inList(column: SqlQuery, values: readonly (string | number)[]): SqlQuery {
	return sql`${column} IN (${valueList(values)})`;
}

function districtCondition(filter: DataFilter): SqlQuery | null {
	const parts: SqlQuery[] = [];
	if (filter.states.length) parts.push(inList(sql`state_abbr`, filter.states));
	if (filter.localeGroups.length) {
		const codes = filter.localeGroups.map((g) => LOCALE_GROUPS[g]);
		parts.push(inList(sql`locale_code // 10`, codes));
	}
	return parts.length ? join(parts, ' AND ') : null;
}

const SAMPLE_NOTE =
	'State and locale filters were not applied to the sample survey: its figures are for the whole survey population.';

async function isSampleSurvey(db: Database): Promise<boolean> {
	const [design] = await db.query<{ sampled: boolean }>(sql`
		SELECT coalesce(bool_or(stratum IS NOT NULL OR psu IS NOT NULL OR coalesce(weight, 1) <> 1), false) AS sampled
		FROM survey_responses`);
	return design?.sampled ?? false;
}

/**
 * Restricts a census survey (no weights, strata or PSUs) in place to the districts of the
 * filter's states and locale groups; a weighted sample survey is left whole, because cutting its
 * rows before variance estimation understates the variance (domain-spec §3.2). Other tables are
 * left whole (the command line filters usage in the site's view, `districtFilterSql`).
 */
export async function restrictSurveyToFilter(
	db: Database,
	filter: DataFilter
): Promise<FilterSummary> {
	const condition = districtCondition(filter);
	if (!condition)
		return { districts_kept: await districtCount(db), survey_filtered: false, note: null };
	const kept = sql`(SELECT leaid FROM districts WHERE ${condition})`;
	const sampled = await isSampleSurvey(db);
	if (!sampled)
		await db.exec(sql`DELETE FROM survey_responses WHERE leaid IS NULL OR leaid NOT IN ${kept}`);
	return {
		districts_kept: await districtCount(db, condition),
		survey_filtered: !sampled,
		note: sampled ? SAMPLE_NOTE : null
	};
}

/**
 * Restricts the loaded canonical tables in place to the filter: districts by state and locale
 * group, usage rows to those districts, products by id, and a census survey as
 * `restrictSurveyToFilter` does (a weighted sample survey is left whole).
 */
export async function restrictToFilter(db: Database, filter: DataFilter): Promise<FilterSummary> {
	if (filter.products.length) {
		for (const table of ['usage_student_week', 'usage_roster', 'usage_aggregate', 'products']) {
			await db.exec(
				sql`DELETE FROM ${raw(table)} WHERE NOT ${inList(sql`product_id`, filter.products)}`
			);
		}
	}
	const summary = await restrictSurveyToFilter(db, filter);
	const condition = districtCondition(filter);
	if (!condition) return summary;
	await db.exec(sql`DELETE FROM districts WHERE NOT (${condition})`);
	const kept = sql`(SELECT leaid FROM districts)`;
	await db.exec(sql`DELETE FROM usage_student_week WHERE leaid NOT IN ${kept}`);
	await db.exec(sql`DELETE FROM usage_roster WHERE leaid NOT IN ${kept}`);
	await db.exec(sql`DELETE FROM usage_aggregate WHERE substr(unit_id, 1, 7) NOT IN ${kept}`);
	return summary;
}

async function districtCount(db: Database, condition: SqlQuery = sql`true`): Promise<number> {
	const [row] = await db.query<{ n: number }>(
		sql`SELECT count(DISTINCT leaid) AS n FROM districts WHERE ${condition}`
	);
	return row?.n ?? 0;
}

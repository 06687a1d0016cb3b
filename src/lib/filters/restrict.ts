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

/**
 * Restricts the loaded canonical tables in place to the filter (for one-shot runs such as the
 * command line): districts by state and locale group, usage rows to those districts, products
 * by id. A weighted sample survey is left whole, because cutting its rows before variance
 * estimation understates the variance (domain-spec §3.2); a census survey (no weights, strata
 * or PSUs) is restricted like usage.
 */
export async function restrictToFilter(db: Database, filter: DataFilter): Promise<FilterSummary> {
	if (filter.products.length) {
		for (const table of ['usage_student_week', 'usage_roster', 'usage_aggregate', 'products']) {
			await db.exec(
				sql`DELETE FROM ${raw(table)} WHERE NOT ${inList(sql`product_id`, filter.products)}`
			);
		}
	}
	const condition = districtCondition(filter);
	if (!condition)
		return { districts_kept: await districtCount(db), survey_filtered: false, note: null };
	await db.exec(sql`DELETE FROM districts WHERE NOT (${condition})`);
	const kept = sql`(SELECT leaid FROM districts)`;
	await db.exec(sql`DELETE FROM usage_student_week WHERE leaid NOT IN ${kept}`);
	await db.exec(sql`DELETE FROM usage_roster WHERE leaid NOT IN ${kept}`);
	await db.exec(sql`DELETE FROM usage_aggregate WHERE substr(unit_id, 1, 7) NOT IN ${kept}`);
	const [design] = await db.query<{ sampled: boolean }>(sql`
		SELECT coalesce(bool_or(stratum IS NOT NULL OR psu IS NOT NULL OR coalesce(weight, 1) <> 1), false) AS sampled
		FROM survey_responses`);
	if (!design?.sampled)
		await db.exec(sql`DELETE FROM survey_responses WHERE leaid IS NULL OR leaid NOT IN ${kept}`);
	return {
		districts_kept: await districtCount(db),
		survey_filtered: !design?.sampled,
		note: design?.sampled
			? 'State and locale filters were not applied to the sample survey: its figures are for the whole survey population.'
			: null
	};
}

async function districtCount(db: Database): Promise<number> {
	const [row] = await db.query<{ n: number }>('SELECT count(DISTINCT leaid) AS n FROM districts');
	return row?.n ?? 0;
}

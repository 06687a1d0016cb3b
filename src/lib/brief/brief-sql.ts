import { raw, sql, valueList, type SqlQuery } from '../db/sql.ts';
import { STAT_COLUMNS } from '../view/funnel-stats-sql.ts';
import { VIEW_CELLS_TABLE } from '../view/view-tables.ts';

/** A district of the picker and the brief's heading. */
export interface DistrictRow {
	leaid: string;
	lea_name: string | null;
	state_abbr: string | null;
}

/** Every district of a school year, by name then LEAID (the brief's district picker). */
export function districtListSql(schoolYear: number): SqlQuery {
	return sql`SELECT leaid, lea_name, state_abbr FROM districts
WHERE school_year_start = ${schoolYear} ORDER BY lea_name, leaid`;
}

/**
 * The funnel statistics of the given districts and products (or `POOLED`), one row per
 * district × product, read from the view's cells table (`buildViewUnits`): the additive sums
 * `funnelRowFromStats` turns into counts, rates and intervals. The view's district filters are
 * not applied: a district's brief and its peers are whole districts.
 */
export function districtStatsSql(leaids: readonly string[], products: readonly string[]): SqlQuery {
	return sql`SELECT product_id, leaid, ${raw(STAT_COLUMNS.join(', '))}
FROM ${raw(VIEW_CELLS_TABLE)}
WHERE leaid IN (${valueList(leaids)}) AND product_id IN (${valueList(products)})
ORDER BY product_id, leaid`;
}

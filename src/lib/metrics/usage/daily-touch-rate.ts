import { sql, type SqlQuery } from '../../db/sql.ts';
import type { MetricDefinition } from '../types.ts';

/** One district and product of daily-touch data (the derived-summary columns plus the rate). */
export interface DailyTouchRow {
	lp_district_id: string;
	lp_id: string;
	frpl_interval_lo: number | null;
	frpl_interval_hi: number | null;
	days_reported: number;
	days_with_access: number;
	mean_pct_access: number | null;
	max_pct_access: number | null;
	days_engagement_reported: number;
	mean_engagement_index: number | null;
	/** Mean share of students touching the product per reported day, as a proportion. */
	daily_touch_rate: number | null;
}

/**
 * daily-touch-rate: per district and product of `daily_touch` (domain-spec §1.9, §4.1 adapter),
 * over products listed in `products`: days with a reported `pct_access` (NULLs not counted),
 * days with `pct_access > 0`, mean and maximum `pct_access` (percent), days with an engagement
 * index and its mean, and `daily_touch_rate` = mean `pct_access` / 100. Means are unrounded
 * (round for display only: SQL's `round` rounds the scaled binary value, so ties can differ). Days without a row are absent, not zero. This is daily touch, never "access" or
 * licensing: there is no L. Unweighted; each row carries its district's FRPL bin.
 */
export function dailyTouchRateSql(): SqlQuery {
	return sql`SELECT t.lp_district_id, t.lp_id, d.frpl_interval_lo, d.frpl_interval_hi,
	count(t.pct_access) AS days_reported,
	count(*) FILTER (WHERE t.pct_access > 0) AS days_with_access,
	avg(t.pct_access) AS mean_pct_access,
	max(t.pct_access) AS max_pct_access,
	count(t.engagement_index) AS days_engagement_reported,
	avg(t.engagement_index) AS mean_engagement_index,
	avg(t.pct_access) / 100 AS daily_touch_rate
FROM daily_touch t
JOIN products p ON p.product_id = t.lp_id
LEFT JOIN daily_touch_districts d ON d.lp_district_id = t.lp_district_id
GROUP BY t.lp_district_id, t.lp_id, d.frpl_interval_lo, d.frpl_interval_hi
ORDER BY t.lp_district_id, t.lp_id`;
}

export const dailyTouchRate: MetricDefinition<Record<string, never>> = {
	id: 'daily-touch-rate',
	label: 'Daily touch rate per district and product',
	definition:
		'Mean share of a district’s students who loaded a product on a reported day, with days reported and days with any touch; not a licensed-access measure.',
	sources: ['S54', 'D'],
	tables: ['daily_touch', 'daily_touch_districts', 'products'],
	query: dailyTouchRateSql,
	exampleParams: {}
};

/**
 * daily-touch-by-frpl-bin: per FRPL bin of the district (`[lo, hi[`, NULL = suppressed) and
 * product, the number of districts and the district-weighted mean of their daily touch rates
 * (each district counts once). Built on `daily-touch-rate`.
 */
export function dailyTouchByFrplBinSql(): SqlQuery {
	return sql`SELECT frpl_interval_lo, frpl_interval_hi, lp_id,
	count(*) AS districts_n,
	avg(daily_touch_rate) AS mean_daily_touch_rate,
	avg(days_with_access / days_reported) FILTER (WHERE days_reported > 0) AS mean_share_of_days_touched
FROM (${dailyTouchRateSql()})
GROUP BY ALL
ORDER BY frpl_interval_lo NULLS LAST, lp_id`;
}

export const dailyTouchByFrplBin: MetricDefinition<Record<string, never>> = {
	id: 'daily-touch-by-frpl-bin',
	label: 'Daily touch rate by district FRPL bin',
	definition:
		'Districts per FRPL bin and the mean of their daily touch rates per product (each district counts once).',
	sources: ['S54', 'D'],
	tables: ['daily_touch', 'daily_touch_districts', 'products'],
	query: dailyTouchByFrplBinSql,
	exampleParams: {}
};

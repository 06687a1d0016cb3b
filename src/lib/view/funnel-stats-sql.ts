import { join, raw, sql, valueList, type SqlQuery } from '../db/sql.ts';
import { COUNT_FIELDS, RATE_IDS, type RateId } from '../metrics/usage/funnel-rates.ts';
import { usageScheme, type ViewState } from './view-state.ts';
import { POOLED, povertyColumn, VIEW_CELLS_TABLE } from './view-tables.ts';

/** What the grouping and district filters of a view read. */
export type ViewSlice = Pick<
	ViewState,
	'groupBy' | 'scheme' | 'states' | 'locales' | 'sizes' | 'levels'
>;

/**
 * Each rate's numerator and denominator per unit, as `FUNNEL_RATES` defines them (an unknown
 * part makes the difference unknown; `funnelStatsSql` counts it as 0, as `summarizeFunnel`'s
 * cluster sums do).
 */
export const RATE_PARTS_SQL: Readonly<Record<RateId, readonly [string, string]>> = {
	access_rate: ['licensed_n', 'enrolled_n'],
	activation_rate: ['activated_n', 'licensed_n'],
	regular_rate: ['regular_n', 'licensed_n'],
	dosage_rate_access: ['dosage_met_n', 'licensed_n - not_evaluable_n'],
	dosage_rate_enrolled: ['dosage_met_n', 'enrolled_n - not_evaluable_enrolled_n'],
	dosage_rate_active: ['dosage_met_n', 'activated_n - not_evaluable_active_n'],
	usage_access_gap: ['licensed_n - not_evaluable_n - dosage_met_n', 'licensed_n - not_evaluable_n']
};

/** The sums of one rate: Σnum, Σden, Σnum², Σnum·den, Σden² over the included units. */
export const RATE_SUMS = ['sn', 'sd', 'snn', 'snd', 'sdd'] as const;

/** The SQL of the view's grouping: a district attribute, or NULL when unknown. */
export function groupSql(state: ViewSlice): SqlQuery {
	switch (state.groupBy) {
		case 'poverty':
			return sql`nullif(${povertyColumn(usageScheme(state.scheme))}, 'unknown')`;
		case 'locale':
			return raw('locale');
		case 'region':
			return raw('region');
		case 'size':
			return raw('size_band');
	}
}

function inList(column: SqlQuery, values: readonly string[]): SqlQuery | null {
	if (values.length === 0) return null;
	return sql`${column} IN (${valueList(values)})`;
}

/**
 * Whether a unit passes the view's district filters (state, locale, enrolment band, poverty level
 * of the usage scheme); empty lists filter nothing, and a set filter excludes unknown values.
 */
export function districtFilterSql(state: ViewSlice): SqlQuery {
	const parts = [
		inList(raw('state_abbr'), state.states),
		inList(raw('locale'), state.locales),
		inList(raw('size_band'), state.sizes),
		inList(povertyColumn(usageScheme(state.scheme)), state.levels)
	].filter((p): p is SqlQuery => p !== null);
	return parts.length ? sql`coalesce(${join(parts, ' AND ')}, false)` : raw('true');
}

/** The additive statistic columns of a units or cells table (see `unitStatColumnsSql`). */
export const STAT_COLUMNS: readonly string[] = [
	'units_n',
	'excluded_units_n',
	'district_units_n',
	'schools_n',
	'approximate_n',
	...COUNT_FIELDS.flatMap((f) => [f, `${f}__nulls`]),
	...RATE_IDS.flatMap((id) => RATE_SUMS.map((s) => `${id}__${s}`))
];

/**
 * Per-unit statistic columns over a relation of funnel units (`funnel_inconsistent` units
 * contribute only to `excluded_units_n`): counts, unknown counts and each rate's numerator,
 * denominator and their squares and product. `schools_n` is 1 per included school unit (a school
 * has at most one consistent unit per product or pooled set, so sums count schools).
 */
export function unitStatColumnsSql(): SqlQuery {
	const inc = 'NOT funnel_inconsistent';
	const counts = COUNT_FIELDS.flatMap((f) => [
		`CASE WHEN ${inc} THEN ${f} END AS ${f}`,
		`(${inc} AND ${f} IS NULL)::INTEGER AS ${f}__nulls`
	]);
	const rates = RATE_IDS.flatMap((id) => {
		const [num, den] = RATE_PARTS_SQL[id].map(
			(e) => `CASE WHEN ${inc} THEN coalesce(${e}, 0) ELSE 0 END::DOUBLE`
		);
		const terms = {
			sn: num,
			sd: den,
			snn: `${num} * ${num}`,
			snd: `${num} * ${den}`,
			sdd: `${den} * ${den}`
		};
		return RATE_SUMS.map((s) => `${terms[s]} AS ${id}__${s}`);
	});
	return raw(
		[
			`(${inc})::INTEGER AS units_n`,
			`(NOT (${inc}))::INTEGER AS excluded_units_n`,
			`(${inc} AND ncessch IS NULL)::INTEGER AS district_units_n`,
			`(${inc} AND ncessch IS NOT NULL)::INTEGER AS schools_n`,
			`(${inc} AND enrolled_approximate)::INTEGER AS approximate_n`,
			...counts,
			...rates
		].join(',\n\t')
	);
}

/**
 * `sum(c) AS c`, never NULL, for every statistic column (unknown counts sum to zeros), as DOUBLE
 * (`cast`, for integer columns) or in the columns' own type.
 */
export function sumStatColumnsSql(cast = true): SqlQuery {
	const type = cast ? '::DOUBLE' : '';
	return raw(STAT_COLUMNS.map((c) => `coalesce(sum(${c}), 0)${type} AS ${c}`).join(',\n\t'));
}

/**
 * Additive sufficient statistics of the funnel per product (and `POOLED` when `pooled`), group
 * of the view and whether the district passes the filters, from the district cells table: the
 * counts, units, schools and per-rate sums from which `funnelRowFromStats` rebuilds
 * `summarizeFunnel`'s rates and clustered intervals. Every figure of a group, of everyone and of
 * "everyone else" is a sum of these rows, so a filter change is this one small query.
 */
export function funnelStatsSql(
	state: ViewSlice,
	products: readonly string[],
	pooled: boolean
): SqlQuery {
	const ids = pooled ? [...products, POOLED] : products;
	const selected = inList(raw('product_id'), ids) ?? raw('false');
	// The cells' statistics are DOUBLE already; rows come unordered (a sort is most of the cost
	// of this small query in the browser's engine; callers that add rows up order them).
	return sql`SELECT product_id, ${groupSql(state)} AS grp, ${districtFilterSql(state)} AS kept,
	${sumStatColumnsSql(false)}
FROM ${raw(VIEW_CELLS_TABLE)} WHERE ${selected}
GROUP BY ALL`;
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

import { districtStatsSql } from '../view/funnel-stats-sql.ts';
import { join, raw, sql, valueList, type SqlQuery } from '../db/sql.ts';
import { ALL_PRODUCTS } from '../metrics/usage/cost-lens.ts';
import { selectedProducts } from '../view/groups.ts';
import type { ViewState } from '../view/view-state.ts';
import { POOLED } from '../view/view-tables.ts';
import type { ViewUnits } from '../view/view-units.ts';
import { APP_VERSION } from '../version.ts';
import type { ChartScript } from './chart-export.ts';
import { logUnitsOf } from './reproduce-files.ts';
import { countOrNull, inlineParams, ratio, standaloneScript, USAGE_RATES } from './sql-script.ts';

const COUNTS = ['enrolled', 'licensed', 'activated', 'regular', 'dosage_met', 'not_evaluable'];

const HEADER = [
	`-- Adoption Gap ${APP_VERSION}: rebuilds the board brief's point estimates and counts from the`,
	'-- canonical CSVs beside this script (district and school level). Run in that folder:',
	'-- duckdb < reproduce.sql. Rows: brief-funnel (share of each stage, n its denominator),',
	'-- brief-products (each used product’s dosage rate) and brief-costs (the cost figures at the',
	'-- prices written in below). Disclosure control and intervals are the app’s (datapackage.json).'
];

/** The prices as a relation `(product_id, price)`; one that matches nothing when none. */
function pricesSql(prices: Readonly<Record<string, number>>): SqlQuery {
	const entries = Object.entries(prices);
	if (!entries.length)
		return raw('SELECT NULL::VARCHAR AS product_id, NULL::DOUBLE AS price WHERE false');
	return sql`SELECT * FROM (VALUES ${join(
		entries.map(([id, price]) => sql`(${id}, ${price}::DOUBLE)`),
		', '
	)}) t(product_id, price)`;
}

/**
 * The board brief's script, from the dashboard's usage tables of the view's year and products:
 * the district's cells (`districtStatsSql`, the brief's own query) summed per product with a
 * count unknown when any unit's is; the four funnel stages of the overall funnel (`POOLED`, or
 * the one product) as `ratio` of those counts; each used product's dosage rate; and the cost lens
 * (`costLens`, domain-spec §4.3) in whole cents: per priced product with a known licence count,
 * cost per dosage-meeter `L·price / D`, never-activated share `(L − A) / L` and spend
 * `(L − A)·price`, plus every priced product together when more than one is priced.
 */
export function briefScript(leaid: string, units: ViewUnits, state: ViewState): ChartScript {
	const products = selectedProducts(units.products, state).map((p) => p.id);
	const overall = products.length > 1 ? POOLED : (products[0] ?? POOLED);
	const ids = [...new Set([...products, overall])];
	const funnel = join(
		USAGE_RATES.map(
			([metric, num, den]) =>
				sql`SELECT 'brief-funnel' AS resource, ${metric} AS stage, product_id, 'share' AS figure,
	${raw(ratio(num, `(${den})`))} AS value, (${raw(den)})::DOUBLE AS n
FROM counts WHERE product_id = ${overall}`
		),
		'\nUNION ALL\n'
	);
	const select = inlineParams(sql`WITH stats AS (${districtStatsSql([leaid], ids)}),
counts AS (
	SELECT product_id, sum(units_n) AS units,
		${raw(COUNTS.map((c) => `${countOrNull(`${c}_n`)} AS ${c}`).join(', '))}
	FROM stats GROUP BY product_id
),
prices AS (${pricesSql(state.prices)}),
priced AS (
	SELECT c.product_id, c.licensed, c.activated, c.dosage_met,
		round(p.price * 100) * c.licensed AS total_cents,
		round(p.price * 100) * (c.licensed - c.activated) AS never_cents
	FROM counts c JOIN prices p ON p.product_id = c.product_id
	WHERE c.units > 0 AND c.licensed IS NOT NULL
),
costs AS (
	SELECT * FROM priced
	UNION ALL
	SELECT ${ALL_PRODUCTS}, sum(licensed),
		CASE WHEN count(activated) = count(*) THEN sum(activated) END,
		CASE WHEN count(dosage_met) = count(*) THEN sum(dosage_met) END,
		sum(total_cents),
		CASE WHEN count(never_cents) = count(*) THEN sum(never_cents) END
	FROM priced HAVING count(*) > 1
)
${funnel}
UNION ALL
SELECT 'brief-products', NULL, product_id, 'dosage_rate',
	${raw(ratio('dosage_met', '(licensed - not_evaluable)'))}, (licensed - not_evaluable)::DOUBLE
FROM counts WHERE units > 0 AND product_id IN (${valueList(products)})
UNION ALL
SELECT 'brief-costs', NULL, product_id, 'cost_per_dosage_met',
	CASE WHEN dosage_met > 0 THEN total_cents / 100 / dosage_met END, NULL FROM costs
UNION ALL
SELECT 'brief-costs', NULL, product_id, 'never_activated_share',
	${raw(ratio('(licensed - activated)', 'licensed'))}, licensed::DOUBLE FROM costs
UNION ALL
SELECT 'brief-costs', NULL, product_id, 'never_activated_spend', never_cents / 100, NULL
FROM costs
ORDER BY ALL`);
	const usage = {
		schoolYear: units.schoolYear,
		products,
		pooled: products.length > 1,
		fromLogs: logUnitsOf(units, products)
	};
	return { script: standaloneScript(HEADER, usage, select), fromLogs: usage.fromLogs };
}

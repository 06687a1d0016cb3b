import { join, raw, sql, valueList, type SqlQuery } from '../db/sql.ts';
import { districtPovertyQuery } from '../poverty/district-poverty.ts';
import { COUNT_FIELDS } from '../metrics/usage/funnel-rates.ts';
import { sumStatColumnsSql, unitStatColumnsSql } from './funnel-stats-sql.ts';
import { SIZE_BANDS } from './view-state.ts';
import {
	DISTRICT_SCHEMES,
	POOLED,
	povertyColumn,
	VIEW_CELLS_TABLE,
	VIEW_DISTRICTS_TABLE,
	VIEW_POOLED_CACHE_TABLE,
	VIEW_UNITS_TABLE
} from './view-tables.ts';

const SIZE_BAND_SQL = raw(
	`CASE ${SIZE_BANDS.map((b) =>
		b.max === null
			? `WHEN d.enrollment_total >= ${b.min} THEN '${b.id}'`
			: `WHEN d.enrollment_total BETWEEN ${b.min} AND ${b.max} THEN '${b.id}'`
	).join(' ')} END`
);

/**
 * One row per district of the school year with what the dashboard filters and groups by: state,
 * Census region, locale group (tens digit of the NCES locale code), enrolment band, and its
 * poverty level under every district scheme (national cutpoints over all districts of the
 * year, so a filter never moves a district to another level; `unknown` when unclassified).
 */
export function districtAttributesSql(schoolYear: number): SqlQuery {
	const joins = DISTRICT_SCHEMES.map((scheme, i) => {
		const alias = raw(`p${i}`);
		const classified = districtPovertyQuery({ scheme, schoolYearStart: schoolYear });
		return sql`LEFT JOIN (${classified}) ${alias} ON ${alias}.leaid = d.leaid`;
	});
	const levels = DISTRICT_SCHEMES.map(
		(scheme, i) =>
			sql`coalesce(${raw(`p${i}`)}.poverty_level, 'unknown') AS ${povertyColumn(scheme)}`
	);
	return sql`SELECT d.leaid, d.state_abbr, d.census_region AS region,
	CASE d.locale_code // 10 WHEN 1 THEN 'city' WHEN 2 THEN 'suburb' WHEN 3 THEN 'town'
		WHEN 4 THEN 'rural' END AS locale,
	${SIZE_BAND_SQL} AS size_band, ${join(levels, ', ')}
FROM districts d ${join(joins, ' ')}
WHERE d.school_year_start = ${schoolYear}`;
}

/**
 * The products of a school year and whether each has rosters (and so student-week logs), the
 * same rule as `usageFunnelByPoverty`.
 */
export function productsOfYearSql(schoolYear: number): SqlQuery {
	return sql`SELECT product_id AS id, bool_or(rostered) AS rostered FROM (
	SELECT product_id, true AS rostered FROM usage_roster WHERE school_year_start = ${schoolYear}
	UNION ALL
	SELECT product_id, false FROM usage_aggregate WHERE school_year_start = ${schoolYear}
) GROUP BY product_id ORDER BY product_id`;
}

/** The weeks with student-week rows in a school year (the default analysis window). */
export function logWindowSql(schoolYear: number): SqlQuery {
	return sql`SELECT CAST(min(week_start) AS VARCHAR) AS start,
	CAST(max(week_start) + 6 AS VARCHAR) AS "end"
FROM usage_student_week WHERE school_year_start = ${schoolYear}`;
}

/** Replaces `VIEW_DISTRICTS_TABLE` with the districts of the school year. */
export function createViewDistrictsSql(schoolYear: number): SqlQuery {
	return sql`CREATE OR REPLACE TEMP TABLE ${raw(VIEW_DISTRICTS_TABLE)} AS ${districtAttributesSql(schoolYear)}`;
}

/**
 * Replaces `VIEW_UNITS_TABLE` with the funnel units of every grain, matched by column name:
 * `usageFunnelStudentsSql` for products read from logs and `usageFunnelAggregatesSql` for the
 * rest, each built with an empty poverty relation (levels come from `VIEW_DISTRICTS_TABLE`).
 */
export function createViewUnitsSql(grains: readonly SqlQuery[]): SqlQuery {
	const units = join(
		grains.map((grain) => sql`SELECT * FROM (${grain})`),
		' UNION ALL BY NAME '
	);
	return sql`CREATE OR REPLACE TEMP TABLE ${raw(VIEW_UNITS_TABLE)} AS ${units}`;
}

/** Sums the per-unit statistics of `units` per cell key and adds the district's attributes. */
function cellsSql(units: SqlQuery, productId: SqlQuery): SqlQuery {
	return sql`SELECT c.*, d.* EXCLUDE (leaid) FROM (
	SELECT ${productId} AS product_id, leaid, ${sumStatColumnsSql()}
	FROM (SELECT leaid, ${unitStatColumnsSql()} FROM (${units}))
	GROUP BY leaid
) c LEFT JOIN ${raw(VIEW_DISTRICTS_TABLE)} d ON d.leaid = c.leaid`;
}

/**
 * Replaces `VIEW_CELLS_TABLE` with each product's statistics per district. Districts are the
 * finest level any filter or grouping reaches, and every statistic is a sum, so cells add up to
 * exactly what the units give.
 */
export function createViewCellsSql(products: readonly string[]): SqlQuery {
	const perProduct = products.map((id) =>
		cellsSql(sql`SELECT * FROM ${raw(VIEW_UNITS_TABLE)} WHERE product_id = ${id}`, sql`${id}`)
	);
	const body = perProduct.length
		? join(perProduct, ' UNION ALL ')
		: cellsSql(sql`SELECT * FROM ${raw(VIEW_UNITS_TABLE)} WHERE false`, sql`''`);
	return sql`CREATE OR REPLACE TEMP TABLE ${raw(VIEW_CELLS_TABLE)} AS ${body}`;
}

const POOLED_COUNTS = raw(
	COUNT_FIELDS.map((f) => `CASE WHEN count(${f}) = count(*) THEN sum(${f}) END AS ${f}`).join(', ')
);

/**
 * The `POOLED` cells of the given products: each school's consistent units merged across the
 * products (counts added, so a student counts once per product) before the per-unit statistics
 * are taken, so clusters stay schools.
 */
function pooledCellsSql(products: readonly string[]): SqlQuery {
	const merged = sql`SELECT leaid, ncessch, ${POOLED_COUNTS}, false AS funnel_inconsistent,
		bool_or(enrolled_approximate) AS enrolled_approximate
	FROM ${raw(VIEW_UNITS_TABLE)}
	WHERE product_id IN (${valueList(products)}) AND NOT funnel_inconsistent
	GROUP BY leaid, ncessch`;
	return cellsSql(merged, sql`${POOLED}`);
}

/** Adds the `POOLED` cells of `products` to `VIEW_CELLS_TABLE`, which must hold none yet. */
export function insertPooledCellsSql(products: readonly string[]): SqlQuery {
	return sql`INSERT INTO ${raw(VIEW_CELLS_TABLE)} BY NAME ${pooledCellsSql(products)}`;
}

/**
 * Stores the `POOLED` cells of `products` in `VIEW_POOLED_CACHE_TABLE` under `key` (`replace`
 * starts the cache afresh, e.g. after the cells were rebuilt).
 */
export function cachePooledCellsSql(
	products: readonly string[],
	key: string,
	replace: boolean
): SqlQuery {
	const cells = sql`SELECT ${key} AS pooled_key, * FROM (${pooledCellsSql(products)})`;
	return replace
		? sql`CREATE OR REPLACE TEMP TABLE ${raw(VIEW_POOLED_CACHE_TABLE)} AS ${cells}`
		: sql`INSERT INTO ${raw(VIEW_POOLED_CACHE_TABLE)} BY NAME ${cells}`;
}

/**
 * Replaces the `POOLED` cells of `VIEW_CELLS_TABLE` with the cached ones stored under `key`, in
 * one statement (one round trip to the engine's worker).
 */
export function usePooledCellsSql(key: string): SqlQuery {
	const cells = raw(VIEW_CELLS_TABLE);
	return sql`CREATE OR REPLACE TEMP TABLE ${cells} AS
	SELECT * FROM ${cells} WHERE product_id <> ${POOLED}
	UNION ALL BY NAME
	SELECT * EXCLUDE (pooled_key) FROM ${raw(VIEW_POOLED_CACHE_TABLE)} WHERE pooled_key = ${key}`;
}

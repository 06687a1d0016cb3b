import { identifier, literal, raw, sql, type SqlQuery } from '../../db/sql.ts';

/** `NaN`, blank and empty mean missing in the LearnPlatform files (domain-spec §1.6, §1.9). */
function numberOrNull(column: string): SqlQuery {
	const c = identifier(column);
	return sql`CASE WHEN trim(${c}) IN ('', 'NaN', 'nan') THEN NULL ELSE CAST(${c} AS DOUBLE) END`;
}

/**
 * Adapter for one LearnPlatform 2020 engagement file (`time, lp_id, pct_access,
 * engagement_index`; domain-spec §1.9 [P][S54]) registered at `path`: inserts its rows into
 * `daily_touch` under `lpDistrictId` (the file name). Rows without a product ID are dropped;
 * `pct_access` stays on its 0–100 scale.
 */
export function insertEngagementCsvSql(path: string, lpDistrictId: string): SqlQuery {
	return sql`INSERT INTO daily_touch
	SELECT ${lpDistrictId}, trim(lp_id), CAST("time" AS DATE), ${numberOrNull('pct_access')},
		${numberOrNull('engagement_index')}
	FROM read_csv(${literal(path)}, header = true, delim = ',', quote = '"', all_varchar = true)
	WHERE trim(coalesce(lp_id, '')) NOT IN ('', 'NaN')`;
}

/**
 * Adapter for LearnPlatform `districts_info.csv` registered at `path`: the pseudonymous district
 * ID, state, locale group and the half-open FRPL bin `"[a, b["` parsed into lo/hi (`NaN` or
 * blank → NULL).
 */
export function insertDistrictsInfoCsvSql(path: string): SqlQuery {
	const bound = (group: 1 | 2) =>
		sql`CAST(nullif(regexp_extract("pct_free/reduced", '^\\[([0-9.]+), *([0-9.]+)\\[$', ${raw(String(group))}), '') AS DOUBLE)`;
	return sql`INSERT INTO daily_touch_districts
	SELECT district_id, nullif(state, 'NaN'), nullif(locale, 'NaN'), ${bound(1)}, ${bound(2)}
	FROM read_csv(${literal(path)}, header = true, delim = ',', quote = '"', all_varchar = true)`;
}

/**
 * Adapter for LearnPlatform `products_info.csv` registered at `path` into the canonical
 * `products` table (no dosage rule: these products were not licensed through the funnel).
 */
export function insertProductsInfoCsvSql(path: string): SqlQuery {
	return sql`INSERT INTO products (product_id, product_name, vendor)
	SELECT "LP ID", "Product Name", "Provider/Company Name"
	FROM read_csv(${literal(path)}, header = true, delim = ',', quote = '"', all_varchar = true)`;
}

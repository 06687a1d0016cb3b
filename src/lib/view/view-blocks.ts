import type { Database } from '../db/database.ts';
import { join, raw, sql, valueList, type SqlQuery } from '../db/sql.ts';
import {
	districtBlocks,
	splitsBlocks,
	type BlockCount,
	type DistrictAtom
} from '../disclosure/district-blocks.ts';
import { smallestGroupShown } from '../disclosure/disclose-view.ts';
import type { DisclosurePolicy } from '../disclosure/view.ts';
import { districtFilterSql, groupSql, type ViewSlice } from './funnel-stats-sql.ts';
import { DEFAULT_VIEW_STATE, usageScheme } from './view-state.ts';
import { POOLED, povertyColumn, VIEW_CELLS_TABLE, viewBlocksTable } from './view-tables.ts';
import { VIEW_RATES } from './usage-disclosure.ts';

/** Every group size shown for a district's product: each view rate's and the not-evaluable share's. */
const SIZE_COLUMNS = [...VIEW_RATES.map((r) => `${r}__sd`), 'licensed_n'];

interface AtomRow {
	product_id: string;
	leaid: string;
	path: string[];
	[size: string]: unknown;
}

/**
 * The districts of each product with where they sit in the views, coarsest first: poverty level
 * under the default scheme, region, locale, size band, state. The views group by the first four,
 * so a block that crosses only states leaves every grouping whole (only a state filter may then
 * split it). One scheme for every view: all figures of a policy must share one set of blocks,
 * so a view under another scheme withholds more rather than using other blocks.
 */
function atomsSql(): SqlQuery {
	const path = [
		povertyColumn(usageScheme(DEFAULT_VIEW_STATE.scheme)),
		...['region', 'locale', 'size_band', 'state_abbr'].map(raw)
	].map((c) => sql`coalesce(${c}::VARCHAR, '')`);
	return sql`SELECT product_id, leaid, [${join(path, ', ')}] AS path, ${raw(SIZE_COLUMNS.join(', '))}
FROM ${raw(VIEW_CELLS_TABLE)} WHERE product_id <> ${POOLED}`;
}

/** Per database: the thresholds whose blocks tables are built (none after the cells change). */
const builtFor = new WeakMap<Database, Set<number>>();

/** Marks the blocks tables out of date (the cells were rebuilt); a build under way is not recorded. */
export function forgetViewBlocks(db: Database): void {
	builtFor.set(db, new Set());
}

/**
 * Makes `viewBlocksTable` of the policy's threshold hold the blocks of small districts
 * (`districtBlocks`) of the current cells: one row per district in a block, with the block's
 * id, its number of districts and whether it is closed. One table per threshold, each replaced
 * in one statement, so a view of one policy never reads another's blocks or a half-built table.
 */
export async function ensureViewBlocks(db: Database, policy: DisclosurePolicy): Promise<void> {
	const minN = smallestGroupShown(policy);
	const built = builtFor.get(db) ?? new Set<number>();
	builtFor.set(db, built);
	if (built.has(minN)) return;
	const rows = await db.query<AtomRow>(atomsSql());
	const atoms: DistrictAtom[] = rows.map((r) => ({
		product: r.product_id,
		leaid: r.leaid,
		path: [...r.path],
		sizes: SIZE_COLUMNS.map((c) => Number(r[c] ?? 0))
	}));
	const blocks = districtBlocks(atoms, minN);
	const values = blocks.flatMap((b) =>
		b.leaids.map(
			(leaid) => sql`(${valueList([b.product, leaid, b.id, b.leaids.length, b.closed])})`
		)
	);
	const rowsSql = values.length
		? sql`SELECT * FROM (VALUES ${join(values, ', ')}) v(product_id, leaid, block_id, block_n, closed)`
		: raw(`SELECT NULL AS product_id, NULL AS leaid, NULL AS block_id, NULL AS block_n,
	NULL AS closed WHERE false`);
	await db.exec(sql`CREATE OR REPLACE TEMP TABLE ${viewBlocksTable(minN)} AS
SELECT product_id::VARCHAR AS product_id, leaid::VARCHAR AS leaid, block_id::INTEGER AS block_id,
	block_n::INTEGER AS block_n, closed::BOOLEAN AS closed FROM (${rowsSql})`);
	built.add(minN);
}

/**
 * `stats` (rows without a `block_id`, e.g. `funnelStatsSql`) and, after them, how many districts
 * of each block each group of the view includes, per product and filter (rows with a
 * `block_id`), in one query.
 */
export function withBlockCountsSql(
	stats: SqlQuery,
	slice: ViewSlice,
	products: readonly string[],
	policy: DisclosurePolicy
): SqlQuery {
	const ids = products.length ? valueList(products) : raw('NULL');
	return sql`SELECT *, NULL::INTEGER AS block_id FROM (${stats})
UNION ALL BY NAME
SELECT c.product_id, ${groupSql(slice)} AS grp, ${districtFilterSql(slice)} AS kept,
	b.block_id, any_value(b.block_n) AS block_n, bool_or(b.closed) AS closed, count(*) AS included
FROM ${raw(VIEW_CELLS_TABLE)} c JOIN ${viewBlocksTable(smallestGroupShown(policy))} b USING (product_id, leaid)
WHERE c.product_id IN (${ids})
GROUP BY ALL`;
}

/** One block-count row of `withBlockCountsSql`. */
export interface BlockCountRow {
	readonly product_id: string;
	readonly grp: string | null;
	readonly kept: boolean;
	readonly block_id: number;
	readonly block_n: number;
	readonly closed: boolean;
	readonly included: number;
}

/**
 * The groups of each product's funnel (and of `POOLED`, the products added up) whose figures
 * split a block of small districts: each of the view's `groups`, `unknown` (no or another
 * group) and `all`, among the districts the filters keep.
 */
export function splitGroups(
	rows: readonly BlockCountRow[],
	products: readonly string[],
	groups: readonly string[]
): Map<string, Set<string>> {
	const members: Record<string, (grp: string | null) => boolean> = {
		all: () => true,
		unknown: (grp) => grp === null || !groups.includes(grp),
		...Object.fromEntries(groups.map((g) => [g, (grp: string | null) => grp === g]))
	};
	const splitIn = (ids: readonly string[]) =>
		new Set(
			Object.entries(members).flatMap(([group, test]) => {
				const counts: BlockCount[] = rows
					.filter((r) => ids.includes(r.product_id) && r.kept && test(r.grp))
					.map((r) => ({
						block: Number(r.block_id),
						included: Number(r.included),
						size: Number(r.block_n),
						closed: r.closed
					}));
				return splitsBlocks(counts) ? [group] : [];
			})
		);
	const result = new Map(products.map((p) => [p, splitIn([p])]));
	if (products.length > 1) result.set(POOLED, splitIn(products));
	return result;
}

/**
 * `rows` (with `product_id` and `leaid`, e.g. `districtRatesSql`) and `in_block`: whether the
 * district's figure would split a block of small districts under `policy` (`ensureViewBlocks`
 * first), i.e. the district is in a block of that product (of any product for `POOLED`,
 * whichever products are pooled).
 */
export function withBlocksSql(rows: SqlQuery, policy: DisclosurePolicy): SqlQuery {
	return sql`SELECT r.*, EXISTS (SELECT 1 FROM ${viewBlocksTable(smallestGroupShown(policy))} b
	WHERE b.leaid = r.leaid AND (r.product_id = ${POOLED} OR b.product_id = r.product_id)) AS in_block
FROM (${rows}) r`;
}

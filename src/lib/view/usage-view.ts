import type { Database } from '../db/database.ts';
import { PUBLIC_POLICY, smallestGroupShown } from '../disclosure/disclose-view.ts';
import type { DisclosurePolicy } from '../disclosure/view.ts';
import { guardFilterRelease, type FilterDecision } from '../disclosure/release-guard.ts';
import type { FunnelGroupRow } from '../metrics/usage/funnel-groups.ts';
import { representationIndex } from '../metrics/usage/representation-index.ts';
import type { ProductFunnel } from '../metrics/usage/usage-funnel-by-poverty.ts';
import { Z_95 } from '../stats/proportion.ts';
import { funnelStatsSql } from './funnel-stats-sql.ts';
import { POOLED } from './view-tables.ts';
import { funnelRowFromStats, statsFromRow, sumStats, type FunnelStats } from './funnel-stats.ts';
import { groupSpecs, hasDistrictFilters, selectedProducts, type GroupSpec } from './groups.ts';
import { headlineFromRows } from '../metrics/usage/headline-gap.ts';
import type { ViewState } from './view-state.ts';
import { ensurePooledCells, type ViewUnits } from './view-units.ts';
import {
	ensureViewBlocks,
	splitGroups,
	withBlockCountsSql,
	type BlockCountRow
} from './view-blocks.ts';

export type GroupedFunnel = Omit<ProductFunnel, 'grain' | 'rule'> & {
	/**
	 * Groups (`all`, `unknown` or a group key) whose figures would split a block of small
	 * districts (`view-blocks.ts`): withheld as complements, whatever this view's own cells.
	 */
	readonly splitGroups?: ReadonlySet<string>;
};

export interface UsageView {
	readonly groups: readonly GroupSpec[];
	readonly products: readonly (ProductFunnel & Pick<GroupedFunnel, 'splitGroups'>)[];
	/** Every selected product pooled; null when one product is shown. */
	readonly pooled: GroupedFunnel | null;
	/** The multiple-release guard (§6.4 rule 5); figures are withheld when it refuses. */
	readonly release: FilterDecision;
}

/** One row of `funnelStatsSql`: its keys and statistics. */
export interface StatsRow {
	readonly product_id: string;
	readonly grp: string | null;
	readonly kept: boolean;
	readonly stats: FunnelStats;
}

/**
 * One product's funnel by the view's groups from its statistics, the same figures as
 * `usageFunnelByPoverty` gives on the same units: every group, unknown group, everyone, the
 * high-vs-low headline (poverty grouping only) and the representation index.
 */
export function groupedFunnel(
	productId: string,
	rows: readonly StatsRow[],
	state: ViewState,
	z: number = Z_95
): GroupedFunnel {
	const keys = groupSpecs(state.groupBy, state).map((s) => s.group);
	const kept = rows.filter((r) => r.product_id === productId && r.kept);
	const statsOf = (test: (grp: string | null) => boolean) =>
		sumStats(kept.filter((r) => test(r.grp)).map((r) => r.stats));
	const row = (group: string, stats: FunnelStats): FunnelGroupRow =>
		funnelRowFromStats(productId, group, stats, z);
	const groups = keys.map((g) =>
		row(
			g,
			statsOf((grp) => grp === g)
		)
	);
	const unknown = kept.filter((r) => r.grp === null || !keys.includes(r.grp));
	const high = keys.at(-1);
	const rest = statsOf((grp) => grp !== null && grp !== high && keys.includes(grp));
	const known = groups.filter((g) => g.enrolled_n !== null && g.dosage_met_n !== null);
	return {
		product_id: productId,
		groups,
		unknown: unknown.length ? row('unknown', sumStats(unknown.map((r) => r.stats))) : null,
		overall: row(
			'all',
			statsOf(() => true)
		),
		headline:
			state.groupBy === 'poverty' ? headlineFromRows(groups, row('rest', rest), keys, z) : null,
		representation:
			known.length === groups.length
				? representationIndex(
						known.map((g) => ({
							poverty_group: g.poverty_group,
							base_n: g.enrolled_n!,
							dosage_met_n: g.dosage_met_n!
						}))
					)
				: []
	};
}

/** Licensed students of a product's consistent units, kept by the filters or all. */
function licensed(rows: readonly StatsRow[], productId: string, keptOnly: boolean): number {
	return rows
		.filter((r) => r.product_id === productId && (r.kept || !keptOnly))
		.reduce((s, r) => s + r.stats.sums.licensed_n, 0);
}

/**
 * Refuses district filters that leave out fewer than the minimum number of licensed students
 * of a product's total (comparing the two would publish that small group, §6.4 rule 5).
 */
function releaseDecision(
	rows: readonly StatsRow[],
	products: readonly string[],
	state: ViewState,
	policy: DisclosurePolicy
): FilterDecision {
	if (!hasDistrictFilters(state)) return { allowed: true };
	const filters = [
		...state.locales.map((value) => ({ dimension: 'locale_group', value })),
		...state.levels.map((value) => ({ dimension: 'poverty_group', value }))
	];
	for (const id of products) {
		const decision = guardFilterRelease(
			{
				filters,
				level: 'district',
				filteredN: licensed(rows, id, true),
				shownTotalN: licensed(rows, id, false)
			},
			{ ...policy.profile, minN: smallestGroupShown(policy) }
		);
		if (!decision.allowed) return decision;
	}
	return { allowed: true };
}

/** How a view is disclosed: the policy, and the view's parts of blocks of small districts. */
export interface ViewProtection {
	readonly policy: DisclosurePolicy;
	readonly blockCounts: readonly BlockCountRow[];
}

/** The usage view from already-fetched statistics rows (pure; see `usageView`). */
export function assembleUsageView(
	units: ViewUnits,
	rows: readonly StatsRow[],
	state: ViewState,
	protection: ViewProtection = { policy: PUBLIC_POLICY, blockCounts: [] },
	z: number = Z_95
): UsageView {
	const products = selectedProducts(units.products, state);
	const ids = products.map((p) => p.id);
	const groups = groupSpecs(state.groupBy, state);
	const splits = splitGroups(
		protection.blockCounts,
		ids,
		groups.map((g) => g.group)
	);
	const funnel = (id: string) => ({
		...groupedFunnel(id, rows, state, z),
		splitGroups: splits.get(id) ?? new Set<string>()
	});
	return {
		groups,
		products: products.map((p) => ({ ...funnel(p.id), grain: p.grain, rule: p.rule })),
		pooled: products.length > 1 ? funnel(POOLED) : null,
		release: releaseDecision(rows, ids, state, protection.policy)
	};
}

/** Orders statistics rows by product, group (unknown last) and kept, so sums add in one order. */
function byStatsKey(a: StatsRow, b: StatsRow): number {
	const order = (x: string, y: string) => (x < y ? -1 : x > y ? 1 : 0);
	return (
		order(a.product_id, b.product_id) ||
		order(a.grp ?? '\uffff', b.grp ?? '\uffff') ||
		Number(a.kept) - Number(b.kept)
	);
}

/**
 * The usage figures of a view: one query of additive statistics over the units table (built by
 * `buildViewUnits`), then each selected product's funnel by the view's groups, all of them
 * pooled, the groups that would split a block of small districts under `policy`, and the
 * release guard's decision.
 */
export async function usageView(
	db: Database,
	units: ViewUnits,
	state: ViewState,
	policy: DisclosurePolicy = PUBLIC_POLICY
): Promise<UsageView> {
	const products = selectedProducts(units.products, state).map((p) => p.id);
	if (products.length > 1) await ensurePooledCells(db, products);
	await ensureViewBlocks(db, policy);
	// One round trip to the engine's worker for both: a filter change is this one query.
	const raw = await db.query<Record<string, unknown>>(
		withBlockCountsSql(
			funnelStatsSql(state, products, products.length > 1),
			state,
			products,
			policy
		)
	);
	const isBlockCount = (r: Record<string, unknown>) => r.block_id !== null;
	const blockCounts = raw.filter(isBlockCount) as unknown as BlockCountRow[];
	const rows = raw
		.filter((r) => !isBlockCount(r))
		.map((r) => ({
			product_id: r.product_id as string,
			grp: r.grp as string | null,
			kept: r.kept as boolean,
			stats: statsFromRow(r)
		}))
		.sort(byStatsKey);
	return assembleUsageView(units, rows, state, { policy, blockCounts });
}

import type { Database } from '../db/database.ts';
import { raw, sql, type SqlQuery } from '../db/sql.ts';
import type { DisplayValue } from '../disclosure/display-value.ts';
import {
	bootstrapRepresentationIndexInSlices,
	type BootstrapOptions,
	type BootstrapUnit,
	type RepresentationBootstrap
} from '../metrics/usage/representation-bootstrap.ts';
import { districtFilterSql, groupSql, type ViewSlice } from './funnel-stats-sql.ts';
import { groupSpecs } from './groups.ts';
import { VIEW_DISTRICTS_TABLE, VIEW_UNITS_TABLE } from './view-tables.ts';

/** A bootstrap interval of one product's representation index, for the view it was computed on. */
export interface RepresentationInterval extends RepresentationBootstrap {
	readonly product_id: string;
	/** Clusters resampled per group (schools; district units where only districts report). */
	readonly clusters: Readonly<Record<string, number>>;
}

/**
 * The clusters of a product's representation index in a view: one row per consistent unit
 * (school, or district where only district aggregates exist) of the view's groups that passes
 * its district filters, with its enrolled students (the index's base) and dosage-meeters.
 */
export function representationUnitsSql(state: ViewSlice, productId: string): SqlQuery {
	return sql`SELECT ${groupSql(state)} AS poverty_group, enrolled_n AS base_n, dosage_met_n
FROM ${raw(VIEW_UNITS_TABLE)} LEFT JOIN ${raw(VIEW_DISTRICTS_TABLE)} USING (leaid)
WHERE product_id = ${productId} AND NOT funnel_inconsistent AND ${districtFilterSql(state)}
	AND enrolled_n IS NOT NULL AND dosage_met_n IS NOT NULL
ORDER BY leaid, ncessch`;
}

/**
 * The cluster bootstrap of a product's representation index (`bootstrapRepresentationIndex`,
 * domain-spec §5.4) over the view's units and groups, on request only (it is slow), seeded.
 * Units of no group or of a group the view does not show are left out, as in the index itself.
 */
export async function representationInterval(
	db: Database,
	state: ViewSlice,
	productId: string,
	options: BootstrapOptions
): Promise<RepresentationInterval> {
	const keys = new Set(groupSpecs(state.groupBy, state).map((s) => s.group));
	const rows = await db.query<BootstrapUnit>(representationUnitsSql(state, productId));
	const units = rows.filter((u) => u.poverty_group !== null && keys.has(u.poverty_group));
	const clusters: Record<string, number> = {};
	for (const u of units) clusters[u.poverty_group] = (clusters[u.poverty_group] ?? 0) + 1;
	return {
		product_id: productId,
		clusters,
		...(await bootstrapRepresentationIndexInSlices(units, options))
	};
}

/** One group's interval as published: only where the index itself is shown exactly. */
export type ShownInterval =
	| { readonly group: string; readonly lo: number; readonly hi: number }
	| { readonly group: string; readonly why: 'index_not_shown' | 'no_interval' };

/** A bootstrap as the page shows it and the export sidecar records it. */
export interface PublishedInterval extends Omit<RepresentationInterval, 'intervals'> {
	readonly groups: readonly ShownInterval[];
}

/**
 * The bootstrap as published: seed, resamples, level and clusters, and an interval for each
 * group whose index is shown exactly (none where the index is withheld or coded, domain-spec
 * §6.4: an interval would reveal what the coding hides).
 */
export function publishedInterval(
	result: RepresentationInterval,
	index: readonly { readonly group: string; readonly index: DisplayValue }[]
): PublishedInterval {
	const { intervals, ...rest } = result;
	const groups = index.map(({ group, index: value }): ShownInterval => {
		if (value.status !== 'shown' && value.status !== 'true_zero') {
			return { group, why: 'index_not_shown' };
		}
		const interval = intervals[group];
		return interval ? { group, ...interval } : { group, why: 'no_interval' };
	});
	return { ...rest, groups };
}

const ratio = (x: number) => x.toFixed(2);

/**
 * The interval in words, one line per group ("Students in Q1 districts: 1.32 to 1.34"), after a
 * head naming the method, resamples and seed, or why there is none.
 */
export function intervalLines(
	p: PublishedInterval,
	label: (group: string) => string
): { head: string; lines: string[] } {
	const level = Math.round(p.level * 100);
	if (p.missing === 'too_few_schools') {
		return {
			head: `No bootstrap interval: a group has fewer than 5 schools to resample (seed ${p.seed}).`,
			lines: []
		};
	}
	const head = `${level}% cluster-bootstrap intervals of the index (${p.resamples.toLocaleString('en-US')} resamples of schools within each group, seed ${p.seed}):`;
	const lines = p.groups.map((g) => {
		const text =
			'lo' in g
				? `${ratio(g.lo)} to ${ratio(g.hi)}`
				: g.why === 'index_not_shown'
					? 'not shown (the index itself is withheld or shown as a range)'
					: 'no interval (no resample defined the index)';
		return `${label(g.group)}: ${text}`;
	});
	return { head, lines };
}

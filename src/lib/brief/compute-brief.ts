import type { Database } from '../db/database.ts';
import { sql } from '../db/sql.ts';
import { findPeers } from '../peers/find-peers.ts';
import type { DataCatalog } from '../view/catalog.ts';
import { statsFromRow, type FunnelStats } from '../view/funnel-stats.ts';
import { selectedProducts } from '../view/groups.ts';
import { peerSettings } from '../view/compare-data.ts';
import { povertyScheme } from '../poverty/schemes.ts';
import { usageScheme, type ViewState } from '../view/view-state.ts';
import { POOLED } from '../view/view-tables.ts';
import { ensurePooledCells, type ViewUnits } from '../view/view-units.ts';
import { ensureViewBlocks, withBlocksSql } from '../view/view-blocks.ts';
import { PUBLIC_POLICY } from '../disclosure/disclose-view.ts';
import { briefModel, type BriefInput, type BriefModel } from './brief-model.ts';
import type { DistrictRow } from './brief-sql.ts';
import { districtStatsSql } from '../view/funnel-stats-sql.ts';
import type { PeerCounts } from './peer-summary.ts';

/** The brief of a view: none picked, a district the data lacks, or the district's brief. */
export type Brief =
	| { readonly kind: 'none' }
	| { readonly kind: 'unknown'; readonly leaid: string; readonly schoolYear: number }
	| { readonly kind: 'district'; readonly model: BriefModel };

/** Dosage-meeters and their evaluable base, as `districtRatesSql` reads them. */
function peerCounts(leaid: string, s: FunnelStats | undefined, inBlock: boolean): PeerCounts {
	if (!s || s.units_n === 0) return { leaid, met: null, base: null, in_block: inBlock };
	const known = (f: keyof FunnelStats['nulls']) => s.nulls[f] === 0;
	return {
		leaid,
		met: known('dosage_met_n') ? s.sums.dosage_met_n : null,
		base:
			known('licensed_n') && known('not_evaluable_n')
				? s.sums.licensed_n - s.sums.not_evaluable_n
				: null,
		in_block: inBlock
	};
}

/**
 * The board brief of the view's first picked district (`state.districts[0]`) in the usage
 * units' school year: the district's statistics and its peer group's (`findPeers` with the
 * view's peer criteria and poverty measure, as on the compare view) from the units table, which
 * must hold the view's year, source and rules (the dashboard's usage result for the same view).
 * The view's district filters do not apply. A figure that would split a block of small
 * districts (`withBlocksSql`) is withheld: the district's own, or a peer's.
 */
export async function computeBrief(
	db: Database,
	units: ViewUnits,
	catalog: DataCatalog,
	state: ViewState
): Promise<Brief> {
	const leaid = state.districts[0];
	if (leaid === undefined) return { kind: 'none' };
	const schoolYear = units.schoolYear;
	const [district] = await db.query<DistrictRow>(sql`SELECT leaid, lea_name, state_abbr
		FROM districts WHERE leaid = ${leaid} AND school_year_start = ${schoolYear}`);
	if (!district) return { kind: 'unknown', leaid, schoolYear };

	const products = selectedProducts(units.products, state).map((p) => ({
		...p,
		name: catalog.products.find((c) => c.id === p.id)?.name ?? p.id
	}));
	const ids = products.map((p) => p.id);
	const overallId = products.length > 1 ? POOLED : (ids[0] ?? POOLED);
	if (products.length > 1) await ensurePooledCells(db, ids);

	let peers: BriefInput['peers'];
	let peerIds: string[] = [];
	try {
		const group = await findPeers(db, {
			leaid,
			schoolYearStart: schoolYear,
			measure: povertyScheme(usageScheme(state.scheme)).measure ?? 'saipe',
			...peerSettings(state)
		});
		peerIds = group.peers.map((p) => p.leaid);
		peers = { group, counts: [] };
	} catch (error) {
		peers = { reason: error instanceof Error ? error.message : String(error) };
	}
	await ensureViewBlocks(db, PUBLIC_POLICY);
	const rows = await db.query<Record<string, unknown>>(
		withBlocksSql(
			districtStatsSql([leaid, ...peerIds], [...new Set([...ids, overallId])]),
			PUBLIC_POLICY
		)
	);
	const rowOf = (id: string, product: string) =>
		rows.find((r) => r.leaid === id && r.product_id === product);
	const statsOf = (id: string, product: string) => {
		const row = rowOf(id, product);
		return row ? statsFromRow(row) : undefined;
	};
	const inBlock = (id: string, product: string) => rowOf(id, product)?.in_block === true;
	if ('group' in peers) {
		peers = {
			group: peers.group,
			counts: peerIds.map((p) => peerCounts(p, statsOf(p, overallId), inBlock(p, overallId)))
		};
	}
	const model = briefModel({
		district,
		schoolYear,
		origin: catalog.origin,
		products,
		overallId,
		stats: new Map(
			[...new Set([...ids, overallId])].flatMap((id) => {
				const s = statsOf(leaid, id);
				return s ? [[id, s] as const] : [];
			})
		),
		inBlock: new Set([...ids, overallId].filter((id) => inBlock(leaid, id))),
		prices: new Map(Object.entries(state.prices)),
		peers
	});
	return { kind: 'district', model };
}

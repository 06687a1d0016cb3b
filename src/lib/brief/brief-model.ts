import type { DataOrigin } from '../disclosure/view.ts';
import { describeDosageRule } from '../dosage/rule.ts';
import { ALL_PRODUCTS } from '../metrics/usage/cost-lens.ts';
import type { PeerGroup } from '../peers/options.ts';
import type { DisclosedCost } from '../view/cost-cells.ts';
import { valueOf } from '../view/display.ts';
import { EMPTY_STATS, funnelRowFromStats, type FunnelStats } from '../view/funnel-stats.ts';
import { funnelModel, type FunnelModel } from '../view/usage-model.ts';
import type { Compared } from '../view/sentences.ts';
import { discloseUsage } from '../view/usage-disclosure.ts';
import type { GroupedFunnel } from '../view/usage-view.ts';
import type { ViewProduct } from '../view/view-units.ts';
import type { DistrictRow } from './brief-sql.ts';
import { summarizePeers, type PeerCounts, type PeerSummary } from './peer-summary.ts';
import {
	costSentence,
	funnelSentence,
	headlineSentence,
	NO_PRICES_SENTENCE,
	peerSentence
} from './sentences.ts';

/** One product of the brief: its rule, the district's dosage rate and its cost lens. */
export interface BriefProduct {
	readonly id: string;
	readonly name: string;
	readonly rule: string;
	readonly ruleSources: readonly string[];
	readonly dosage: Compared;
	readonly cost: DisclosedCost | null;
}

/** Everything the brief of one district shows, as plain (serialisable) data. */
export interface BriefModel {
	readonly leaid: string;
	readonly name: string;
	readonly state: string | null;
	readonly schoolYear: number;
	/** "students", or "student–product pairs" when several products are pooled. */
	readonly scope: string;
	/** The funnel of every selected product pooled (or the one product): the "all" row only. */
	readonly funnel: FunnelModel;
	/** The selected products the district has usage data for. */
	readonly products: readonly BriefProduct[];
	/** Names of the selected products without usage data in the district. */
	readonly unused: readonly string[];
	/** Every priced product together, when more than one is priced. */
	readonly allPricedCost: DisclosedCost | null;
	readonly peers: PeerSummary | null;
	/** Why there is no peer comparison, when there is none. */
	readonly peerNote: string | null;
	readonly sentences: {
		readonly headline: string;
		readonly funnel: string;
		readonly peers: string;
		readonly costs: readonly string[];
	};
}

/** What the brief is built from: the district, its statistics and its peers' counts. */
export interface BriefInput {
	readonly district: DistrictRow;
	readonly schoolYear: number;
	readonly origin: DataOrigin;
	/** The selected products, with their names. */
	readonly products: readonly (ViewProduct & { readonly name: string })[];
	/** The id whose funnel is the brief's overall funnel: the one product, or `POOLED`. */
	readonly overallId: string;
	/** The district's statistics by product id (and `overallId`). */
	readonly stats: ReadonlyMap<string, FunnelStats>;
	/** Product ids (and `overallId`) whose district figures split a block of small districts. */
	readonly inBlock: ReadonlySet<string>;
	readonly prices: ReadonlyMap<string, number>;
	/** The peer group and its members' counts on the overall funnel, or why there is none. */
	readonly peers:
		| {
				readonly group: Pick<PeerGroup, 'criteria' | 'fallbackReason' | 'short'>;
				readonly counts: readonly PeerCounts[];
		  }
		| { readonly reason: string };
}

const asFunnel = (id: string, input: BriefInput): GroupedFunnel => ({
	product_id: id,
	groups: [],
	unknown: null,
	overall: funnelRowFromStats(id, 'all', input.stats.get(id) ?? EMPTY_STATS),
	headline: null,
	representation: [],
	splitGroups: new Set(input.inBlock.has(id) ? ['all'] : [])
});

const cellOf = (f: FunnelModel, stage: FunnelModel['cells'][number]['stage']): Compared =>
	f.cells.find((c) => c.stage === stage && c.group === 'all')!;

/**
 * The board brief of one district (issue #8): its funnel over the selected products (pooled, or
 * the one product), each product's dosage rate and cost lens at the prices entered, and its
 * peer comparison, every figure through the disclosure function in public mode whatever the
 * data's origin (a brief is made to be handed out), then the sentences that state them.
 */
export function briefModel(input: BriefInput): BriefModel {
	const { district, overallId } = input;
	const used = (id: string) => (input.stats.get(id)?.units_n ?? 0) > 0;
	const products = input.products.filter((p) => used(p.id));
	const name = district.lea_name ?? `District ${district.leaid}`;
	const funnels = [
		...products.map((p) => asFunnel(p.id, input)),
		...(products.some((p) => p.id === overallId) ? [] : [asFunnel(overallId, input)])
	];
	const disclosed = discloseUsage(funnels, input.origin, { prices: input.prices });
	const byId = (id: string) => funnels.find((f) => f.product_id === id)!;
	const overall = funnelModel(byId(overallId), disclosed.funnels.get(overallId)!, [], name);
	const costOf = (id: string) =>
		disclosed.costs.find((c) => c.product_id === id && c.group === 'all') ?? null;
	const briefProducts = products.map((p): BriefProduct => {
		const f = funnelModel(byId(p.id), disclosed.funnels.get(p.id)!, [], p.name);
		return {
			id: p.id,
			name: p.name,
			rule: p.rule.rule ? describeDosageRule(p.rule.rule) : 'no dosage rule',
			ruleSources: p.rule.source_keys,
			dosage: cellOf(f, 'dosage_rate_access'),
			cost: costOf(p.id)
		};
	});
	const scope = input.products.length > 1 ? 'student–product pairs' : 'students';
	const dosage = cellOf(overall, 'dosage_rate_access');
	const peers =
		'group' in input.peers
			? summarizePeers(
					input.peers.group,
					{ leaid: district.leaid, rate: valueOf(dosage.value) },
					input.peers.counts,
					input.origin
				)
			: null;
	const allPricedCost = costOf(ALL_PRODUCTS);
	// Several priced products: one sentence for them together (the table gives each product's).
	const costs = allPricedCost
		? [costSentence('All priced products together', allPricedCost)]
		: briefProducts.flatMap((p) => (p.cost ? [costSentence(p.name, p.cost)] : []));
	return {
		leaid: district.leaid,
		name,
		state: district.state_abbr,
		schoolYear: input.schoolYear,
		scope,
		funnel: overall,
		products: briefProducts,
		unused: input.products.filter((p) => !used(p.id)).map((p) => p.name),
		allPricedCost,
		peers,
		peerNote: 'reason' in input.peers ? input.peers.reason : null,
		sentences: {
			headline: headlineSentence(name, input.schoolYear, dosage, scope),
			funnel: funnelSentence(
				{
					access: cellOf(overall, 'access_rate'),
					activated: cellOf(overall, 'activation_rate'),
					regular: cellOf(overall, 'regular_rate'),
					dosage
				},
				scope
			),
			peers: peers
				? peerSentence(name, dosage, peers)
				: `No peer comparison: ${'reason' in input.peers ? input.peers.reason : ''}`,
			costs: costs.length ? costs : [NO_PRICES_SENTENCE]
		}
	};
}

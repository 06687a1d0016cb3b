import { discloseView } from '../disclosure/disclose-view.ts';
import type { DisplayValue } from '../disclosure/display-value.ts';
import { countedRateCell, surveyEstimateCell } from '../disclosure/result-cells.ts';
import type { DataOrigin } from '../disclosure/view.ts';
import type { GroupEstimateRow } from '../metrics/survey/estimate-rows.ts';
import type { RateEstimate } from '../metrics/usage/funnel-groups.ts';
import { comparePeers, type PeerComparison } from '../peers/peer-comparison.ts';
import { wilsonInterval } from '../stats/proportion.ts';
import { reliability, type Reliability } from '../stats/reliability.ts';
import type {
	CompareData,
	DistrictRateRow,
	PeerResult,
	TrainingAnswerRow
} from './compare-data.ts';
import { districtLabel, type DistrictEntry } from './district-search.ts';
import { funnelRowFromStats, sumStats, type FunnelStats } from './funnel-stats.ts';

/** A picked district's dosage rate against its peers' rates. */
export interface UsageComparison {
	/** The district's rate after disclosure control. */
	readonly value: DisplayValue;
	/** Its Wilson 95% interval; null unless the rate is shown exactly. */
	readonly lo: number | null;
	readonly hi: number | null;
	/** Median and quartiles of the peers' rates that are shown exactly. */
	readonly peer: PeerComparison;
	/** Peers whose rate is withheld, shown only as a range, or absent (not in the median). */
	readonly peersLeftOut: number;
	/** LEAIDs of the peers whose rate is shown exactly (those in the median), in peer order. */
	readonly peersUsed: readonly string[];
	/** The peers' pooled rate over `peersUsed`; null without their statistics or any peer shown. */
	readonly pooled: PooledPeerRate | null;
}

/** A peer group's pooled dosage rate (Σ dosage-meeters / Σ students with access). */
export interface PooledPeerRate {
	/** After disclosure control. */
	readonly value: DisplayValue;
	/** Its 95% interval (clustered §5.4 when the peers report by school); null when not shown. */
	readonly lo: number | null;
	readonly hi: number | null;
	/** Why there is no interval: too few schools, or school IDs missing (see `ciMethod`). */
	readonly ciMissing: RateEstimate['ci_missing'];
	/** `clustered_wilson` (schools as clusters) or `wilson` (students independent). */
	readonly ciMethod: RateEstimate['ci_method'];
	readonly peers: number;
	readonly schools: number;
}

export type TrainingAnswer = 'trained' | 'not_trained' | 'no_answer' | 'not_surveyed';

/** A picked district's training answer against the share of its surveyed peers that trained. */
export interface TrainingComparison {
	readonly answer: TrainingAnswer;
	/** Share of answering peers that had trained, after the reliability rule (‡). */
	readonly peerShare: DisplayValue;
	readonly lo: number | null;
	readonly hi: number | null;
	/** Peers that answered the item in the wave. */
	readonly peersAnswered: number;
	/** The survey-weighted peer share; null when not computed or no peer is in the wave. */
	readonly weighted: WeightedPeerShare | null;
}

/** The survey-weighted share of a peer group's surveyed districts that trained (§3.1, A1). */
export interface WeightedPeerShare {
	/** After the reliability rule (‡) and disclosure control. */
	readonly value: DisplayValue;
	/** The design-based Wilson 95% interval; null unless the share is shown. */
	readonly lo: number | null;
	readonly hi: number | null;
	/** Answering peers, and the effective sample size of the estimate. */
	readonly n: number;
	readonly nEff: number | null;
	/** §5.5: `caution` is shown with "!", `unreliable` is withheld (‡). */
	readonly reliability: Reliability;
}

/** One row of the compare view. */
export interface CompareRow {
	readonly leaid: string;
	/** "Name (ST, LEAID)", or the bare LEAID when the data lacks it. */
	readonly label: string;
	readonly entry: DistrictEntry | null;
	readonly peers: PeerResult;
	/** Null when the data has no usage view or the district has no peer group. */
	readonly usage: UsageComparison | null;
	/** Null when the data has no survey or the district has no peer group. */
	readonly training: TrainingComparison | null;
}

export const ANSWER_TEXT: Readonly<Record<TrainingAnswer, string>> = {
	trained: 'Trained',
	not_trained: 'Not trained',
	no_answer: 'No answer',
	not_surveyed: 'Not surveyed'
};

/**
 * Each district's dosage rate (dosage-meeters / students with access) with its Wilson 95%
 * interval, through the disclosure function (student records; public mode for demo data and
 * shared links): a district under the minimum n or in a block of small districts is withheld,
 * one near 0% or 100% is range-coded, and the interval is kept only for a rate shown exactly. A zero base gives no rate.
 */
export function discloseDistrictRates(
	rows: readonly DistrictRateRow[],
	origin: DataOrigin
): Map<string, { value: DisplayValue; lo: number | null; hi: number | null }> {
	const result = discloseView({
		records: 'student',
		origin,
		cells: rows.map((r) => {
			const estimate = r.met === null || !r.base ? null : r.met / r.base;
			const ci = estimate === null ? null : wilsonInterval(estimate, r.base!);
			return countedRateCell(
				r.leaid,
				{ leaid: r.leaid },
				{ estimate, numerator: r.met, denominator: r.base, lo: ci?.lo ?? null, hi: ci?.hi ?? null },
				{ splitsBlock: r.in_block }
			);
		})
	});
	return new Map(
		result.cells.map((c) => {
			const bound = (v: DisplayValue | undefined) => (v?.status === 'shown' ? v.value : null);
			return [c.keys.leaid!, { value: c.rate, lo: bound(c.values.lo), hi: bound(c.values.hi) }];
		})
	);
}

export const exact = (v: DisplayValue): number | null =>
	v.status === 'shown' || v.status === 'true_zero' ? v.value : null;

/**
 * The pooled rate of the peers shown exactly (the same peers as the median, so it publishes
 * nothing their own rates do not): their funnel statistics summed and read as one group's
 * `dosage_rate_access` by `funnelRowFromStats`, with the clustered interval of domain-spec §5.4
 * (schools as clusters; none under 5 schools) or, when a peer reports only district totals,
 * student-level Wilson (`assumes_independence`); then through the disclosure function.
 */
function pooledPeerRate(
	peersUsed: readonly string[],
	stats: ReadonlyMap<string, FunnelStats> | undefined,
	origin: DataOrigin
): PooledPeerRate | null {
	const members = peersUsed.map((id) => stats?.get(id));
	if (members.length === 0 || members.some((m) => m === undefined)) return null;
	const total = sumStats(members as FunnelStats[]);
	const rate = funnelRowFromStats('peers', 'peers', total).rates.dosage_rate_access;
	const [cell] = discloseView({
		records: 'student',
		origin,
		cells: [
			countedRateCell(
				'pooled',
				{ leaid: 'peers' },
				{
					estimate: rate.estimate,
					numerator: rate.numerator,
					denominator: rate.denominator,
					lo: rate.lo,
					hi: rate.hi
				}
			)
		]
	}).cells;
	const bound = (v: DisplayValue | undefined) => (v?.status === 'shown' ? v.value : null);
	return {
		value: cell!.rate,
		lo: bound(cell!.values.lo),
		hi: bound(cell!.values.hi),
		ciMissing: rate.ci_missing,
		ciMethod: rate.ci_method,
		peers: peersUsed.length,
		schools: total.schools_n
	};
}

function usageComparison(
	leaid: string,
	peerIds: readonly string[],
	rates: ReturnType<typeof discloseDistrictRates>,
	stats: ReadonlyMap<string, FunnelStats> | undefined,
	origin: DataOrigin
): UsageComparison {
	const own = rates.get(leaid);
	const value = (id: string) => ({
		leaid: id,
		estimate: exact(rates.get(id)?.value ?? { status: 'missing', reason: 'missing' }),
		numerator: null,
		denominator: null
	});
	const peer = comparePeers(value(leaid), peerIds.map(value));
	const peersUsed = peerIds.filter((id) => value(id).estimate !== null);
	return {
		value: own?.value ?? { status: 'missing', reason: 'no_denominator' },
		lo: own?.lo ?? null,
		hi: own?.hi ?? null,
		peer,
		peersLeftOut: peer.peers_excluded,
		peersUsed,
		pooled: pooledPeerRate(peersUsed, stats, origin)
	};
}

function answerOf(rows: readonly TrainingAnswerRow[], leaid: string): TrainingAnswer {
	const row = rows.find((r) => r.leaid === leaid);
	if (!row) return 'not_surveyed';
	if (row.trained === null) return 'no_answer';
	return row.trained === 1 ? 'trained' : 'not_trained';
}

/** The survey-weighted peer share through the disclosure function (survey records). */
function weightedShare(row: GroupEstimateRow, origin: DataOrigin): WeightedPeerShare {
	const [cell] = discloseView({
		records: 'survey',
		origin,
		cells: [surveyEstimateCell('weighted', { leaid: 'peers' }, row)]
	}).cells;
	const visible = exact(cell!.rate) !== null;
	return {
		value: cell!.rate,
		lo: visible ? row.lo : null,
		hi: visible ? row.hi : null,
		n: row.n_unweighted,
		nEff: row.n_eff,
		reliability: row.reliability
	};
}

function trainingComparison(
	leaid: string,
	peerIds: readonly string[],
	answers: readonly TrainingAnswerRow[],
	weightedRow: GroupEstimateRow | null,
	origin: DataOrigin
): TrainingComparison {
	const peerAnswers = peerIds.map((id) => answerOf(answers, id));
	const n = peerAnswers.filter((a) => a === 'trained' || a === 'not_trained').length;
	const answer = answerOf(answers, leaid);
	const weighted = weightedRow ? weightedShare(weightedRow, origin) : null;
	if (n === 0) {
		const peerShare: DisplayValue = { status: 'missing', reason: 'no_data' };
		return { answer, peerShare, lo: null, hi: null, peersAnswered: 0, weighted };
	}
	const p = peerAnswers.filter((a) => a === 'trained').length / n;
	const ci = wilsonInterval(p, n)!;
	const [cell] = discloseView({
		records: 'survey',
		origin,
		cells: [
			surveyEstimateCell(
				'peers',
				{ leaid },
				{
					estimate_unsuppressed: p,
					n_unweighted: n,
					lo: ci.lo,
					hi: ci.hi,
					reliability: reliability(p, n, ci)
				}
			)
		]
	}).cells;
	const visible = exact(cell!.rate) !== null;
	return {
		answer,
		peerShare: cell!.rate,
		lo: visible ? ci.lo : null,
		hi: visible ? ci.hi : null,
		peersAnswered: n,
		weighted
	};
}

/**
 * The rows of the compare view (domain-spec §7.2 step 6), one per picked district in the order
 * picked. Usage: the district's dosage rate among students with access (pooled over the shown
 * products) and its Wilson interval, against the median and interquartile range of its peers'
 * rates; every rate passes the disclosure function first and only rates shown exactly enter the
 * peer distribution and the peers' pooled rate (clustered §5.4 interval), so no withheld or
 * range-coded rate can be read back from a median or a pooled rate. Training: the district's
 * own answer in the wave ("not surveyed" when it is not in the sample) against the unweighted
 * share of its answering peers that trained (each district once), with a Wilson interval and
 * the reliability rule of §5.5, and the survey-weighted share with its design-based interval.
 */
export function compareModel(data: CompareData, origin: DataOrigin): CompareRow[] {
	const rates = discloseDistrictRates(data.rates, origin);
	const hasUsage = data.rates.length > 0;
	return data.leaids.map((leaid, i) => {
		const entry = data.districts[i] ?? null;
		const peers = data.peers[i]!;
		const peerIds = peers.ok ? peers.group.peers.map((p) => p.leaid) : [];
		return {
			leaid,
			label: entry ? districtLabel(entry) : `LEAID ${leaid}`,
			entry,
			peers,
			usage:
				peers.ok && hasUsage ? usageComparison(leaid, peerIds, rates, data.stats, origin) : null,
			training:
				peers.ok && data.wave !== null
					? trainingComparison(leaid, peerIds, data.answers, data.peerTraining?.[i] ?? null, origin)
					: null
		};
	});
}

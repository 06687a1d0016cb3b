import { discloseView } from '../disclosure/disclose-view.ts';
import type { DisplayValue } from '../disclosure/display-value.ts';
import { countedRateCell, surveyEstimateCell } from '../disclosure/result-cells.ts';
import type { DataOrigin } from '../disclosure/view.ts';
import { comparePeers, type PeerComparison } from '../peers/peer-comparison.ts';
import { wilsonInterval } from '../stats/proportion.ts';
import { reliability } from '../stats/reliability.ts';
import type {
	CompareData,
	DistrictRateRow,
	PeerResult,
	TrainingAnswerRow
} from './compare-data.ts';
import { districtLabel, type DistrictEntry } from './district-search.ts';

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
 * shared links): a district under the minimum n is withheld, one near 0% or 100% is range-coded,
 * and the interval is kept only for a rate shown exactly. A zero base gives no rate.
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
				{ estimate, numerator: r.met, denominator: r.base, lo: ci?.lo ?? null, hi: ci?.hi ?? null }
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

function usageComparison(
	leaid: string,
	peerIds: readonly string[],
	rates: ReturnType<typeof discloseDistrictRates>
): UsageComparison {
	const own = rates.get(leaid);
	const value = (id: string) => ({
		leaid: id,
		estimate: exact(rates.get(id)?.value ?? { status: 'missing', reason: 'missing' }),
		numerator: null,
		denominator: null
	});
	const peer = comparePeers(value(leaid), peerIds.map(value));
	return {
		value: own?.value ?? { status: 'missing', reason: 'no_denominator' },
		lo: own?.lo ?? null,
		hi: own?.hi ?? null,
		peer,
		peersLeftOut: peer.peers_excluded,
		peersUsed: peerIds.filter((id) => value(id).estimate !== null)
	};
}

function answerOf(rows: readonly TrainingAnswerRow[], leaid: string): TrainingAnswer {
	const row = rows.find((r) => r.leaid === leaid);
	if (!row) return 'not_surveyed';
	if (row.trained === null) return 'no_answer';
	return row.trained === 1 ? 'trained' : 'not_trained';
}

function trainingComparison(
	leaid: string,
	peerIds: readonly string[],
	answers: readonly TrainingAnswerRow[],
	origin: DataOrigin
): TrainingComparison {
	const peerAnswers = peerIds.map((id) => answerOf(answers, id));
	const n = peerAnswers.filter((a) => a === 'trained' || a === 'not_trained').length;
	const answer = answerOf(answers, leaid);
	if (n === 0) {
		const peerShare: DisplayValue = { status: 'missing', reason: 'no_data' };
		return { answer, peerShare, lo: null, hi: null, peersAnswered: 0 };
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
		peersAnswered: n
	};
}

/**
 * The rows of the compare view (domain-spec §7.2 step 6), one per picked district in the order
 * picked. Usage: the district's dosage rate among students with access (pooled over the shown
 * products) and its Wilson interval, against the median and interquartile range of its peers'
 * rates; every rate passes the disclosure function first and only rates shown exactly enter the
 * peer distribution, so no withheld or range-coded rate can be read back from a median.
 * Training: the district's own answer in the wave ("not surveyed" when it is not in the
 * sample) against the unweighted share of its answering peers that trained (each district once),
 * with a Wilson interval and the reliability rule of §5.5.
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
			usage: peers.ok && hasUsage ? usageComparison(leaid, peerIds, rates) : null,
			training:
				peers.ok && data.wave !== null
					? trainingComparison(leaid, peerIds, data.answers, origin)
					: null
		};
	});
}

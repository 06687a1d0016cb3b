import type { DisclosedCost } from '../view/cost-cells.ts';
import { intervalLabel, moneyLabel, rateLabel, valueOf } from '../view/display.ts';
import { rateWithInterval, type Compared } from '../view/sentences.ts';
import { percent, percentInterval, points } from '../format/number.ts';
import type { PeerSummary } from './peer-summary.ts';

/** "2024–25" for the school year starting in the fall of 2024. */
export function schoolYearLabel(fallYear: number): string {
	return `${fallYear}–${String(fallYear + 1).slice(2)}`;
}

/**
 * "In Riverton Unified, 5.1% of students given access (95% CI 4.9–5.3%) met the recommended
 * dosage in 2024–25." — the district's dosage rate with its interval, or why it is not shown.
 */
export function headlineSentence(
	name: string,
	fallYear: number,
	share: Compared,
	scope: string
): string {
	const year = schoolYearLabel(fallYear);
	if (valueOf(share.value) === null) {
		return `In ${name}, the share of ${scope} given access who met the recommended dosage in ${year} is ${rateWithInterval(share.value, null, null)}.`;
	}
	return `In ${name}, ${rateLabel(share.value)} of ${scope} given access (${intervalLabel(share.lo, share.hi)}) met the recommended dosage in ${year}.`;
}

/** The funnel's stages as the sentence names them, each a share of the previous base. */
export interface FunnelStageShares {
	readonly access: Compared;
	readonly activated: Compared;
	readonly regular: Compared;
	readonly dosage: Compared;
}

/**
 * "Of enrolled students, 80% were given a licence; of those, 61% activated an account, 20% used
 * it regularly and 2.9% met the recommended dosage." — the funnel in words (intervals are in the
 * table beside it); a stage that is not shown reads as its label ("not shown", "≤5%").
 */
export function funnelSentence(s: FunnelStageShares, scope: string): string {
	return `Of enrolled ${scope}, ${rateLabel(s.access.value)} were given a licence; of those, ${rateLabel(s.activated.value)} activated an account, ${rateLabel(s.regular.value)} used it regularly and ${rateLabel(s.dosage.value)} met the recommended dosage.`;
}

/**
 * Where the district sits among its peers: the peer median and middle half of the rates shown,
 * the pooled peer rate with its interval, and the district's distance from the median and its
 * percentile. Says so when no peer's rate can be shown.
 */
export function peerSentence(name: string, target: Compared, peers: PeerSummary): string {
	const c = peers.comparison;
	const group = `its ${peers.size} peer district${peers.size === 1 ? '' : 's'}`;
	if (c.median === null || c.q1 === null || c.q3 === null) {
		return `None of ${group} has a dosage rate that can be shown, so no peer comparison is made.`;
	}
	const shownPeers =
		c.peers_used === peers.size ? `all ${c.peers_used} shown` : `${c.peers_used} shown`;
	const pooled = c.pooled
		? `; pooled, ${percent(c.pooled.estimate)} (95% CI ${percentInterval(c.pooled.lo, c.pooled.hi)})`
		: '';
	const head = `Among ${group}, the median dosage rate is ${percent(c.median)} (middle half ${percentInterval(c.q1, c.q3)}, ${shownPeers})${pooled}.`;
	const t = valueOf(target.value);
	if (t === null || c.peer_gap === null || c.target_percentile === null) {
		return `${head} ${name}'s own rate is not shown exactly, so it is not placed among them.`;
	}
	const gap =
		Math.abs(c.peer_gap) < 0.0005
			? 'at the median'
			: `${points(c.peer_gap)} ${c.peer_gap > 0 ? 'above' : 'below'} the median`;
	return `${head} ${name} is ${gap}, higher than ${Math.round(c.target_percentile)}% of these peers.`;
}

/**
 * "Numberline Practice: $62.50 per student who met the dosage rule; $125.00 spent on licences
 * never activated (25% of licences)." — the cost lens of one product (or all priced products)
 * at the prices entered. In public mode the amount spent on never-activated licences is withheld
 * (it is a student count times the price), so the sentence gives their share of licence spend
 * instead; any other withheld figure reads as its label.
 */
export function costSentence(label: string, cost: DisclosedCost): string {
	const never = valueOf(cost.never_activated_share);
	const share = never === null ? rateLabel(cost.never_activated_share) : percent(never);
	const perMet = `${label}: ${moneyLabel(cost.cost_per_dosage_met)} per student who met the dosage rule`;
	const spend = cost.never_activated_spend;
	if (valueOf(spend) !== null) {
		return `${perMet}; ${moneyLabel(spend)} spent on licences never activated (${share} of licences).`;
	}
	return `${perMet}; ${share} of licence spend went on licences never activated (the amount is withheld in public mode).`;
}

/** What the brief says when no price was entered. */
export const NO_PRICES_SENTENCE =
	'No price per licence has been entered, so costs are not shown: enter prices below or on the Usage page.';

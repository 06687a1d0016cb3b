import type { PeerDotDatum } from '#lib/charts/peer-dots/peer-dots-data.ts';
import type { OutcomeScatterData } from '#lib/charts/outcome-scatter/outcome-scatter-data.ts';
import type { TableData } from '#lib/components/table.ts';
import { plotted, rateText } from '#lib/charts/values.ts';
import { count, percent, percentInterval } from '#lib/format/number.ts';
import { ANSWER_TEXT, type CompareRow } from '#lib/view/compare-model.ts';
import type { OutcomeModel } from '#lib/view/outcome-model.ts';

const withInterval = (text: string, lo: number | null, hi: number | null) =>
	lo === null || hi === null ? text : `${text} (95% CI ${percentInterval(lo, hi)})`;

function noPeers(row: CompareRow): string {
	return row.peers.ok ? '' : `no peer group: ${row.peers.reason}`;
}

/** Each picked district's dosage rate against its peers' median and interquartile range. */
export function usageDots(rows: readonly CompareRow[]): PeerDotDatum[] {
	return rows.map((row) => {
		const u = row.usage;
		if (!u) {
			return {
				key: row.leaid,
				label: row.label,
				value: { status: 'missing', reason: 'no_denominator' },
				lo: null,
				hi: null,
				peer: null,
				valueText: 'No usage figures',
				peerText: noPeers(row) || 'no usage data loaded'
			};
		}
		const p = u.peer;
		const used = `${count(p.peers_used)} of ${count(p.peers_used + u.peersLeftOut)} peers with a rate shown`;
		return {
			key: row.leaid,
			label: row.label,
			value: u.value,
			lo: u.lo,
			hi: u.hi,
			peer: { center: p.median, lo: p.q1, hi: p.q3 },
			valueText: withInterval(rateText(u.value), u.lo, u.hi),
			peerText:
				p.median === null
					? `no peer median (${used})`
					: `peer median ${percent(p.median)}, middle half ${percentInterval(p.q1, p.q3)} (${used})`
		};
	});
}

/** Each picked district's training answer against the share of its surveyed peers that trained. */
export function trainingDots(rows: readonly CompareRow[]): PeerDotDatum[] {
	return rows.map((row) => {
		const t = row.training;
		const answer = t?.answer ?? 'not_surveyed';
		const value =
			answer === 'trained' || answer === 'not_trained'
				? ({ status: 'shown', value: answer === 'trained' ? 1 : 0 } as const)
				: ({ status: 'missing', reason: answer } as const);
		const peerText = !t
			? noPeers(row) || 'no survey loaded'
			: t.peersAnswered === 0
				? 'none of its peers answered the survey'
				: `share of its ${count(t.peersAnswered)} surveyed peers that trained: ${withInterval(rateText(t.peerShare), t.lo, t.hi)}`;
		return {
			key: row.leaid,
			label: row.label,
			value,
			lo: null,
			hi: null,
			peer: t ? { center: plotted(t.peerShare), lo: t.lo, hi: t.hi } : null,
			valueText: ANSWER_TEXT[answer],
			peerText
		};
	});
}

const CI_MISSING_TEXT = {
	too_few_schools: 'no interval: fewer than 5 schools',
	rate_above_one: 'no interval: rate above 100%',
	no_denominator: 'no interval: no students with access'
} as const;

function pooledText(row: CompareRow): string {
	const u = row.usage;
	if (!u) return noPeers(row) || 'No usage data loaded';
	const p = u.pooled;
	if (!p) return 'No peer rate shown exactly';
	const text = withInterval(rateText(p.value), p.lo, p.hi);
	const missing =
		p.ciMissing && plotted(p.value) !== null ? `; ${CI_MISSING_TEXT[p.ciMissing]}` : '';
	const method =
		p.ciMethod === 'wilson' && p.lo !== null ? '; interval assumes students independent' : '';
	return `${text} over ${count(p.peers)} peers, ${count(p.schools)} schools${missing}${method}`;
}

function percentileText(row: CompareRow): string {
	const p = row.usage?.peer;
	if (!p || p.target_percentile === null) return 'Not placed (its rate or its peers’ not shown)';
	const gap = p.peer_gap === null ? '' : `; ${signedPoints(p.peer_gap)} from the peer median`;
	return `${Math.round(p.target_percentile)}th percentile${gap}`;
}

function signedPoints(difference: number): string {
	const points = Math.abs(Math.round(difference * 1000) / 10);
	return `${difference >= 0 ? '+' : '−'}${points} point${points === 1 ? '' : 's'}`;
}

function weightedText(row: CompareRow): string {
	const t = row.training;
	if (!t) return noPeers(row) || 'No survey loaded';
	const w = t.weighted;
	if (!w) return 'None of its peers is in the survey wave';
	const nEff = w.nEff === null ? '' : `, effective n ${w.nEff.toFixed(1)}`;
	const caution = w.reliability === 'caution' && plotted(w.value) !== null;
	const value = withInterval(`${rateText(w.value)}${caution ? ' !' : ''}`, w.lo, w.hi);
	return `${value} (${count(w.n)} answering${nEff}${caution ? '; ! interpret with caution' : ''})`;
}

/**
 * Each picked district's peer group as a table: its dosage rate, the peers' pooled dosage rate
 * with its interval, where the district sits among its peers (percentile and gap to the
 * median), and the survey-weighted share of its peers that trained with its interval.
 */
export function peerGroupTable(rows: readonly CompareRow[]): TableData {
	return {
		caption: 'Each district’s peer group: pooled rates and where the district sits',
		columns: [
			{ id: 'district', label: 'District' },
			{ id: 'rate', label: 'District’s dosage rate', numeric: true },
			{ id: 'pooled', label: 'Peers’ pooled dosage rate (95% CI)' },
			{ id: 'place', label: 'District among its peers' },
			{ id: 'trained', label: 'Peers that trained, survey-weighted (95% CI)' }
		],
		rows: rows.map((row) => ({
			key: row.leaid,
			header: row.label,
			cells: {
				rate: row.usage ? withInterval(rateText(row.usage.value), row.usage.lo, row.usage.hi) : '—',
				pooled: pooledText(row),
				place: percentileText(row),
				trained: weightedText(row)
			}
		}))
	};
}

/** The poverty-vs-outcome model as the scatter's data. */
export function scatterData(model: OutcomeModel): OutcomeScatterData {
	return {
		points: model.points,
		line: model.line,
		highlights: model.selected,
		outcome: model.kind === 'dosage' ? 'dosage rate' : 'training answer (100% = trained)'
	};
}

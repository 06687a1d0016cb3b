import type { PeerDotDatum } from '#lib/charts/peer-dots/peer-dots-data.ts';
import type { OutcomeScatterData } from '#lib/charts/outcome-scatter/outcome-scatter-data.ts';
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

/** The poverty-vs-outcome model as the scatter's data. */
export function scatterData(model: OutcomeModel): OutcomeScatterData {
	return {
		points: model.points,
		line: model.line,
		highlights: model.selected,
		outcome: model.kind === 'dosage' ? 'dosage rate' : 'training answer (100% = trained)'
	};
}

import { describe, expect, it } from 'vitest';
import type { PeerGroup } from '#lib/peers/options.ts';
import type { CompareRow } from '#lib/view/compare-model.ts';
import { trainingDots, usageDots } from '../../../src/routes/compare/compare-charts.ts';

const group = { peers: [] } as unknown as PeerGroup;
const row = (leaid: string, over: Partial<CompareRow>): CompareRow => ({
	leaid,
	label: `District ${leaid}`,
	entry: null,
	peers: { ok: true, group },
	usage: null,
	training: null,
	...over
});

const peerShare = { status: 'suppressed', reason: 'unreliable', label: '‡' } as const;

describe('trainingDots', () => {
	it('says "Not surveyed" for a district outside the survey: never blank, never a zero', () => {
		const [dot] = trainingDots([
			row('0100001', {
				training: { answer: 'not_surveyed', peerShare, lo: null, hi: null, peersAnswered: 3 }
			})
		]);
		expect(dot!.valueText).toBe('Not surveyed');
		expect(dot!.value).toEqual({ status: 'missing', reason: 'not_surveyed' });
		expect(dot!.peerText).toBe('share of its 3 surveyed peers that trained: suppressed (‡)');
	});

	it('draws a trained district at 100% and an untrained one at 0%, peers with their interval', () => {
		const shown = { status: 'shown', value: 0.4 } as const;
		const [yes, no] = trainingDots([
			row('0100001', {
				training: { answer: 'trained', peerShare: shown, lo: 0.2, hi: 0.6, peersAnswered: 40 }
			}),
			row('0100002', {
				training: { answer: 'not_trained', peerShare: shown, lo: 0.2, hi: 0.6, peersAnswered: 40 }
			})
		]);
		expect([yes!.value, yes!.valueText]).toEqual([{ status: 'shown', value: 1 }, 'Trained']);
		expect([no!.value, no!.valueText]).toEqual([{ status: 'shown', value: 0 }, 'Not trained']);
		expect(yes!.peer).toEqual({ center: 0.4, lo: 0.2, hi: 0.6 });
		expect(yes!.peerText).toBe('share of its 40 surveyed peers that trained: 40% (95% CI 20–60%)');
	});

	it('names why a district has no peers', () => {
		const [dot] = trainingDots([row('0100003', { peers: { ok: false, reason: 'no measure' } })]);
		expect(dot!.peerText).toBe('no peer group: no measure');
		expect(dot!.valueText).toBe('Not surveyed');
	});
});

describe('usageDots', () => {
	it('gives the rate with its interval and the peer median and middle half', () => {
		const [dot] = usageDots([
			row('0100001', {
				usage: {
					value: { status: 'shown', value: 0.05 },
					lo: 0.03,
					hi: 0.08,
					peersLeftOut: 2,
					peersUsed: [],
					peer: {
						peers_used: 18,
						peers_excluded: 2,
						median: 0.04,
						q1: 0.03,
						q3: 0.06,
						iqr: 0.03,
						target_estimate: 0.05,
						target_percentile: 60,
						peer_gap: 0.01,
						pooled: null
					}
				}
			})
		]);
		expect(dot!.valueText).toBe('5.0% (95% CI 3.0–8.0%)');
		expect(dot!.peerText).toBe(
			'peer median 4.0%, middle half 3.0–6.0% (18 of 20 peers with a rate shown)'
		);
	});
});

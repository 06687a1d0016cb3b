import { describe, expect, it } from 'vitest';
import type { PeerGroup } from '#lib/peers/options.ts';
import type { CompareRow, TrainingComparison, UsageComparison } from '#lib/view/compare-model.ts';
import {
	peerGroupTable,
	trainingDots,
	usageDots
} from '../../../src/routes/compare/compare-charts.ts';

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
const TRAINED: TrainingComparison = {
	answer: 'trained',
	peerShare: { status: 'shown', value: 0.4 },
	lo: 0.2,
	hi: 0.6,
	peersAnswered: 40,
	weighted: null
};

describe('trainingDots', () => {
	it('says "Not surveyed" for a district outside the survey: never blank, never a zero', () => {
		const [dot] = trainingDots([
			row('0100001', {
				training: {
					answer: 'not_surveyed',
					peerShare,
					lo: null,
					hi: null,
					peersAnswered: 3,
					weighted: null
				}
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
				training: {
					answer: 'trained',
					peerShare: shown,
					lo: 0.2,
					hi: 0.6,
					peersAnswered: 40,
					weighted: null
				}
			}),
			row('0100002', {
				training: {
					answer: 'not_trained',
					peerShare: shown,
					lo: 0.2,
					hi: 0.6,
					peersAnswered: 40,
					weighted: null
				}
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

const USAGE: UsageComparison = {
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
	},
	pooled: {
		value: { status: 'shown', value: 0.045 },
		lo: 0.035,
		hi: 0.057,
		ciMethod: 'clustered_wilson',
		ciMissing: null,
		peers: 18,
		schools: 90
	}
};

describe('usageDots', () => {
	it('gives the rate with its interval and the peer median and middle half', () => {
		const [dot] = usageDots([row('0100001', { usage: USAGE })]);
		expect(dot!.valueText).toBe('5.0% (95% CI 3.0–8.0%)');
		expect(dot!.peerText).toBe(
			'peer median 4.0%, middle half 3.0–6.0% (18 of 20 peers with a rate shown)'
		);
	});
});

describe('peerGroupTable', () => {
	const weighted = {
		value: { status: 'shown', value: 0.4 },
		lo: 0.31,
		hi: 0.5,
		n: 120,
		nEff: 96,
		reliability: 'caution'
	} as const;
	const training = { ...TRAINED, weighted };

	it('gives the pooled rate, the district’s place and the weighted share, with intervals', () => {
		const table = peerGroupTable([row('0100001', { usage: USAGE, training })]);
		expect(table.rows[0]!.cells).toEqual({
			rate: '5.0% (95% CI 3.0–8.0%)',
			pooled: '4.5% (95% CI 3.5–5.7%) over 18 peers, 90 schools',
			place: '60th percentile; +1 point from the peer median',
			trained: '40% ! (95% CI 31–50%) (120 answering, effective n 96.0; ! interpret with caution)'
		});
	});

	it('names what is missing: too few schools, an independence interval, no survey peers', () => {
		const few = { ...USAGE.pooled!, lo: null, hi: null, ciMissing: 'too_few_schools' as const };
		const wilson = { ...USAGE.pooled!, ciMethod: 'wilson' as const };
		const noPlace = { ...USAGE.peer, target_percentile: null, peer_gap: null };
		const [a, b] = peerGroupTable([
			row('0100001', { usage: { ...USAGE, pooled: few, peer: noPlace } }),
			row('0100002', { usage: { ...USAGE, pooled: wilson }, training: TRAINED })
		]).rows;
		expect(a!.cells.pooled).toBe(
			'4.5% over 18 peers, 90 schools; no interval: fewer than 5 schools'
		);
		expect(a!.cells.place).toBe('Not placed (its rate or its peers’ not shown)');
		expect(a!.cells.trained).toBe('No survey loaded');
		expect(b!.cells.pooled).toMatch(/; interval assumes students independent$/);
		expect(b!.cells.trained).toBe('None of its peers is in the survey wave');
	});
});

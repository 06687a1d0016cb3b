import { describe, expect, it } from 'vitest';
import { comparePeers, type PeerMetricValue } from '#lib/peers/peer-comparison.ts';

/** Expected values are worked by hand in tests/fixtures/peers/README.md ("Peer comparison"). */
const value = (
	leaid: string,
	numerator: number | null,
	denominator: number | null
): PeerMetricValue => ({
	leaid,
	numerator,
	denominator,
	estimate: numerator === null || denominator === null ? null : numerator / denominator
});

const target = value('t', 50, 200);
const peers = [
	value('p1', 10, 100),
	value('p2', 40, 200),
	value('p3', 30, 100),
	value('p4', 20, 50),
	value('p5', 5, 10),
	value('p6', null, null)
];

describe('comparePeers', () => {
	it('gives the peer median, IQR, the target percentile and the gap', () => {
		const result = comparePeers(target, peers);
		expect(result).toMatchObject({ peers_used: 5, peers_excluded: 1, target_percentile: 40 });
		expect(result.median).toBeCloseTo(0.3, 12);
		expect(result.q1).toBeCloseTo(0.2, 12);
		expect(result.q3).toBeCloseTo(0.4, 12);
		expect(result.iqr).toBeCloseTo(0.2, 12);
		expect(result.peer_gap).toBeCloseTo(-0.05, 12);
	});

	it('leaves peers under the minimum denominator out of the distribution', () => {
		const result = comparePeers(target, peers, { minDenominator: 20 });
		expect(result).toMatchObject({ peers_used: 4, peers_excluded: 2, target_percentile: 50 });
		expect(result.median).toBeCloseTo(0.25, 12);
		expect(result.q1).toBeCloseTo(0.175, 12);
		expect(result.q3).toBeCloseTo(0.325, 12);
		expect(result.peer_gap).toBeCloseTo(0, 12);
	});

	it('counts ties with the target as half', () => {
		const result = comparePeers(value('t', 30, 100), peers.slice(0, 4));
		expect(result.target_percentile).toBe(62.5);
	});

	it('pools the peer counts with a Wilson interval, flagged as assuming independence', () => {
		const { pooled } = comparePeers(target, peers, { minDenominator: 20 });
		expect(pooled).toMatchObject({ numerator: 105, denominator: 460, assumes_independence: true });
		expect(pooled?.estimate).toBeCloseTo(0.228261, 6);
		expect(pooled?.lo).toBeCloseTo(0.192249, 6);
		expect(pooled?.hi).toBeCloseTo(0.268773, 6);
	});

	it('returns nulls, not zeros, when no peer has a value', () => {
		const result = comparePeers(target, [value('p6', null, null)]);
		expect(result).toMatchObject({
			peers_used: 0,
			median: null,
			iqr: null,
			target_percentile: null,
			peer_gap: null,
			pooled: null
		});
	});
});

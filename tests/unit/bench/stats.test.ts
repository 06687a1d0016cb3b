import { describe, expect, it } from 'vitest';
import { median, pairedRatios, percentile, spread } from '../../../bench/stats.ts';

// Expected values worked by hand from the definitions in bench/stats.ts.
describe('benchmark statistics', () => {
	it('takes the middle value, or the mean of the middle two', () => {
		expect(median([5, 1, 3])).toBe(3);
		expect(median([4, 1, 3, 2])).toBe(2.5);
		expect(median([])).toBeNaN();
	});

	it('takes percentiles by nearest rank', () => {
		const values = Array.from({ length: 30 }, (_, i) => 30 - i); // 30, 29, …, 1
		// p50: rank ceil(0.5 × 30) = 15 → 15; p95: rank ceil(0.95 × 30) = 29 → 29.
		expect(percentile(values, 50)).toBe(15);
		expect(percentile(values, 95)).toBe(29);
		expect(percentile([7], 95)).toBe(7);
	});

	it('summarises runs as median with min and max', () => {
		expect(spread([3, 9, 6])).toEqual({ median: 6, min: 3, max: 9, n: 3 });
	});

	it('pairs runs by index and skips runs that one side lacks', () => {
		// Runs 1 and 3 pair: 10/5 = 2 and 30/10 = 3; run 2 lacks a value on one side.
		expect(pairedRatios([10, 20, 30], [5, undefined, 10])).toEqual({
			median: 2.5,
			min: 2,
			max: 3,
			n: 2
		});
		expect(pairedRatios([1], [undefined])).toBeNull();
	});
});

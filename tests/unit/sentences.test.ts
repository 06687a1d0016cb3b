import { describe, expect, it } from 'vitest';
import { points, pointsInterval } from '#lib/format/number.ts';
import { dosageShareSentence, trainingGapSentence } from '#lib/format/sentences.ts';

// Figures chosen by hand; the expected text is the rounding of each number written out.
const low = { estimate: 0.67, lo: 0.58, hi: 0.751 };
const high = { estimate: 0.39, lo: 0.314, hi: 0.4749 };
const gap = { estimate: 0.28, lo: 0.1422, hi: 0.4032 };

describe('trainingGapSentence', () => {
	it('states the high-poverty rate, the gap in points and both intervals', () => {
		expect(trainingGapSentence(low, high, gap)).toBe(
			'High-poverty districts: 39% trained (95% CI 31–47%), 28 points below low-poverty districts (95% CI 14 to 40 points).'
		);
	});

	it('says "above" when high-poverty districts lead', () => {
		const reversed = { estimate: -0.05, lo: -0.12, hi: 0.02 };
		expect(trainingGapSentence(high, low, reversed)).toBe(
			'High-poverty districts: 67% trained (95% CI 58–75%), 5.0 points above low-poverty districts (95% CI -12 to 2 points).'
		);
	});

	it('gives no sentence when a group has no estimate', () => {
		expect(trainingGapSentence({ estimate: null, lo: null, hi: null }, high, gap)).toBeNull();
	});
});

describe('points', () => {
	it('keeps one decimal for gaps under 10 points, in the gap and its interval', () => {
		expect(points(0.0412)).toBe('4.1 points');
		expect(pointsInterval(0.038, 0.0441)).toBe('3.8 to 4.4 points');
		expect(points(0.28)).toBe('28 points');
		expect(points(0.01)).toBe('1.0 points');
	});
});

describe('dosageShareSentence', () => {
	it('keeps one decimal for shares under 10%', () => {
		expect(dosageShareSentence({ estimate: 0.0512, lo: 0.049, hi: 0.0534 })).toBe(
			"5.1% (95% CI 4.9–5.3%) of students with access met their product's dosage rule."
		);
	});
});

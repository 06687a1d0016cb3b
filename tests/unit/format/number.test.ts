import { describe, expect, it } from 'vitest';
import { percent, percentInterval, points, pointsInterval } from '#lib/format/number.ts';

// Each expected string is the rounding of its input written out by hand.
describe('percent', () => {
	it('keeps one decimal below 10% so small shares keep meaning', () => {
		expect(percent(0.0512)).toBe('5.1%');
		expect(percent(0.39)).toBe('39%');
		expect(percent(0)).toBe('0%');
		expect(percent(null)).toBe('—');
	});

	it('writes an interval with an en dash', () => {
		expect(percentInterval(0.314, 0.4749)).toBe('31–47%');
		expect(percentInterval(null, 0.2)).toBe('CI not available');
	});
});

describe('points', () => {
	it('keeps one decimal for gaps under 10 points, in the gap and its interval', () => {
		expect(points(0.0412)).toBe('4.1 points');
		expect(pointsInterval(0.038, 0.0441)).toBe('3.8 to 4.4 points');
		expect(points(0.28)).toBe('28 points');
		expect(pointsInterval(-0.12, 0.02)).toBe('-12 to 2 points');
	});
});

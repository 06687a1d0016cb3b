import { describe, expect, it } from 'vitest';
import { placeLabel } from '#lib/charts/labels.ts';
import { nextMarkIndex } from '#lib/charts/roving.ts';
import { px, rateAxisMax, tickCount } from '#lib/charts/scales.ts';
import { groupColor, shapePath } from '#lib/charts/symbols.ts';
import { tooltipBox } from '#lib/charts/tooltip.ts';
import { plotted, rateText, whyAbsent } from '#lib/charts/values.ts';
import { ratio, textWidth } from '#lib/charts/format.ts';

describe('nextMarkIndex', () => {
	const cases = [
		{ key: 'ArrowRight', current: 0, expected: 1 },
		{ key: 'ArrowDown', current: 2, expected: 0 },
		{ key: 'ArrowLeft', current: 0, expected: 2 },
		{ key: 'ArrowUp', current: 1, expected: 0 },
		{ key: 'Home', current: 2, expected: 0 },
		{ key: 'End', current: 0, expected: 2 },
		{ key: 'Tab', current: 1, expected: null },
		{ key: 'Enter', current: 1, expected: null }
	];
	for (const { key, current, expected } of cases) {
		it(`${key} from mark ${current} of 3 goes to ${expected}`, () => {
			expect(nextMarkIndex(current, key, 3)).toBe(expected);
		});
	}
	it('moves nowhere in a chart without marks', () => {
		expect(nextMarkIndex(0, 'ArrowRight', 0)).toBeNull();
	});
});

describe('tickCount', () => {
	it('asks for one tick per 70 px, between 2 and 10', () => {
		expect([100, 350, 700, 1400].map(tickCount)).toEqual([2, 5, 10, 10]);
	});
});

describe('rateAxisMax', () => {
	it('uses the whole 0–100% scale when a value passes 40%', () => {
		expect(rateAxisMax([0.05, 0.41, null])).toBe(1);
	});
	it('rounds small rates up to the next 5 points, never below 10%', () => {
		expect(rateAxisMax([0.051, 0.12])).toBe(0.15);
		expect(rateAxisMax([0.15])).toBe(0.2);
		expect(rateAxisMax([0.02])).toBe(0.1);
		expect(rateAxisMax([null])).toBe(0.1);
	});
});

describe('px', () => {
	it('rounds to hundredths of a pixel', () => {
		expect(px(115.99999999999999)).toBe(116);
		expect(px(1 / 3)).toBe(0.33);
	});
});

describe('placeLabel', () => {
	it('goes right of the mark, else left, else against the right edge', () => {
		// "64%" at 14 px is 22 px wide.
		expect(placeLabel(50, 100, '64%', 200)).toEqual({ x: 106, anchor: 'start' });
		expect(placeLabel(50, 180, '64%', 200)).toEqual({ x: 44, anchor: 'end' });
		expect(placeLabel(10, 180, '64%', 200)).toEqual({ x: 200, anchor: 'end' });
	});
});

describe('textWidth and ratio', () => {
	it('estimates label widths from the character count', () => {
		expect(textWidth('Suppressed ‡')).toBe(88);
		expect(textWidth('5%', 13)).toBe(14);
	});
	it('formats rate ratios as multipliers', () => {
		expect([ratio(0.5512), ratio(1), ratio(null), ratio(Infinity)]).toEqual([
			'0.55×',
			'1.00×',
			'—',
			'—'
		]);
	});
});

describe('shapePath and groupColor', () => {
	it('draws d3 symbols of the given area', () => {
		expect(shapePath('square', 64)).toBe('M-4,-4h8v8h-8Z');
		expect(shapePath('diamond', 100).startsWith('M0,')).toBe(true);
	});
	it('colours poverty categories of every scheme from low to high, the rest in ink', () => {
		expect(['low', 'middle', 'high', 'city'].map(groupColor)).toEqual([
			'var(--low)',
			'var(--middle)',
			'var(--high)',
			'var(--ink)'
		]);
		expect(['Q1', 'Q2', 'Q3', 'Q4', 'T2', 'mid_low', 'all', 'unknown'].map(groupColor)).toEqual([
			'var(--low)',
			'#5b86ad',
			'#b07a55',
			'var(--high)',
			'var(--middle)',
			'#5b86ad',
			'var(--ink)',
			'#cc79a7'
		]);
	});
});

describe('tooltipBox', () => {
	it('centres on the mark inside the area, below it in the top half and above it lower down', () => {
		expect(tooltipBox({ x: 150, y: 20, text: '' }, 600, 200)).toEqual({
			left: 20,
			top: 34,
			width: 260,
			above: false
		});
		expect(tooltipBox({ x: 590, y: 150, text: '' }, 600, 200)).toEqual({
			left: 340,
			top: 136,
			width: 260,
			above: true
		});
		expect(tooltipBox({ x: 10, y: 10, text: '' }, 200, 100)).toEqual({
			left: 0,
			top: 24,
			width: 200,
			above: false
		});
	});
});

describe('plotted, rateText and whyAbsent', () => {
	const values = [
		{ status: 'shown', value: 0.051 },
		{ status: 'true_zero', value: 0 },
		{ status: 'coarsened', reason: 'bottom_coded', lo: 0, hi: 0.05, label: '<5%' },
		{ status: 'suppressed', reason: 'min_n', label: 'n<10' },
		{ status: 'missing', reason: 'missing' },
		{ status: 'not_applicable', reason: 'zero_denominator' }
	] as const;
	it('draws only shown values and true zeros', () => {
		expect(values.map(plotted)).toEqual([0.051, 0, null, null, null, null]);
	});
	it('words every kind of value', () => {
		expect(values.map(rateText)).toEqual([
			'5.1%',
			'0% (true zero)',
			'<5%',
			'suppressed (n<10)',
			'no data',
			'not applicable'
		]);
	});
	it('says why a value is absent, and nothing for values that are there', () => {
		expect(values.map(whyAbsent)).toEqual([
			'',
			'',
			'',
			'Fewer students than the minimum group size; hidden to protect privacy.',
			'Not reported in the source data.',
			'There is no one in the base group, so the rate does not exist.'
		]);
	});
});

import { scaleLinear } from 'd3';
import { describe, expect, it } from 'vitest';
import type { HighlightLike } from '#lib/charts/outcome-scatter/outcome-scatter-data.ts';
import {
	clipLine,
	highlightMarks,
	linePath
} from '#lib/charts/outcome-scatter/outcome-scatter-geometry.ts';
import {
	lineText,
	outcomeScatterSummary,
	outcomeScatterTable,
	residualText
} from '#lib/charts/outcome-scatter/outcome-scatter-text.ts';

// x 0–100 over 400 px (4 px per percentile); y 0–20% over 200 px, upwards (1 point = 10 px).
const frame = {
	x: scaleLinear().domain([0, 100]).range([0, 400]),
	y: scaleLinear().domain([0, 0.2]).range([200, 0]),
	yMax: 0.2
};

describe('clipLine', () => {
	it('keeps a line that stays inside the plot whole', () => {
		expect(clipLine({ intercept: 0.08, slope: -0.0005 }, 0.2)).toEqual([0, 0.08, 100, 0.03]);
	});

	it('cuts the line where it leaves y ∈ [0, yMax]', () => {
		// y = 0.1 − 0.002x reaches 0 at x = 50.
		const [x1, y1, x2, y2] = clipLine({ intercept: 0.1, slope: -0.002 }, 0.2)!;
		expect([x1, y1, x2]).toEqual([0, 0.1, 50]);
		expect(y2).toBeCloseTo(0, 12);
		// y = −0.1 + 0.004x enters at x = 25 and leaves the top (0.2) at x = 75.
		const up = clipLine({ intercept: -0.1, slope: 0.004 }, 0.2)!;
		expect(up[0]).toBeCloseTo(25, 12);
		expect(up[2]).toBeCloseTo(75, 12);
	});

	it('gives nothing for a line outside the plot', () => {
		expect(clipLine({ intercept: 0.5, slope: 0 }, 0.2)).toBeNull();
		expect(clipLine({ intercept: -0.5, slope: 0.001 }, 0.2)).toBeNull();
	});
});

describe('linePath and highlightMarks', () => {
	it('draws the line in px', () => {
		expect(linePath({ intercept: 0.08, slope: -0.0005, n: 10 }, frame)).toBe('M0,120L400,170');
		expect(linePath(null, frame)).toBe('');
	});

	const picked: HighlightLike[] = [
		{
			leaid: '0100001',
			label: 'District A (AL, 0100001)',
			x: 50,
			value: { status: 'shown', value: 0.03 },
			lo: 0.02,
			hi: 0.045,
			residual: { expected: 0.055, residual: -0.025, lo: -0.04, hi: -0.01 }
		},
		{
			leaid: '0100002',
			label: 'District B (AL, 0100002)',
			x: 60,
			value: { status: 'suppressed', reason: 'min_n', label: 'n<10' },
			lo: null,
			hi: null,
			residual: null
		},
		{
			leaid: '0100003',
			label: 'District C (AL, 0100003)',
			x: 10,
			value: { status: 'shown', value: 0.3 },
			lo: null,
			hi: null,
			residual: { expected: 0.075, residual: 0.225, lo: 0.2, hi: 0.25 }
		}
	];

	it('places picked districts with their interval and residual, numbered in pick order', () => {
		const marks = highlightMarks(picked, frame, (h) => h.label);
		expect(marks).toEqual([
			{
				key: '0100001',
				cx: 200,
				cy: 170,
				whisker: [180, 155],
				expectedY: 145,
				tag: '1',
				description: 'District A (AL, 0100001)'
			},
			// B is withheld, so not drawn; C's 30% is clamped to the top of the plot.
			{
				key: '0100003',
				cx: 40,
				cy: 0,
				whisker: null,
				expectedY: 125,
				tag: '3',
				description: 'District C (AL, 0100003)'
			}
		]);
	});

	it('says how far each district is from the line, and whether the interval includes 0', () => {
		expect(residualText(picked[0]!)).toBe(
			'2.5 points below what its poverty level predicts (5.5%; 95% CI of the difference -4.0 to -1.0 points)'
		);
		expect(residualText(picked[1]!)).toBe('not compared with the line');
		const unclear = {
			...picked[0]!,
			residual: { expected: 0.05, residual: 0.01, lo: -0.01, hi: 0.03 }
		};
		expect(residualText(unclear)).toMatch(/interval includes 0, so not clearly different\)$/);
	});

	it('states the model in the summary and the table', () => {
		const line = { intercept: 0.08, slope: -0.0005, n: 1200 };
		expect(lineText(line, 'dosage rate')).toBe(
			'Expected dosage rate = 8.0% − 0.050 points × poverty percentile (least squares over 1,200 districts): 0.5 points lower for every 10 percentiles of poverty.'
		);
		const data = { points: [{ x: 1, y: 0.1 }], line, highlights: picked, outcome: 'dosage rate' };
		expect(outcomeScatterSummary(data)).toMatch(
			/^1 districts drawn\. Expected dosage rate = 8\.0%/
		);
		const table = outcomeScatterTable(data, 'Picked');
		expect(table.rows[0]!.cells).toEqual({
			x: '50',
			y: '3.0%',
			expected: '5.5%',
			residual: '−2.5 points',
			ci: '-4.0 to -1.0 points'
		});
		expect(table.rows[1]!.cells.y).toBe('suppressed (n<10)');
		expect(table.notes).toEqual([lineText(line, 'dosage rate')]);
	});
});

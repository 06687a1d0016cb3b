import { scaleLinear } from 'd3';
import { describe, expect, it } from 'vitest';
import {
	binLabel,
	distributionHeight,
	distributionLayout
} from '#lib/charts/distribution/distribution-geometry.ts';
import { binWidth, groupSpread, histogram } from '#lib/charts/distribution/distribution-stats.ts';
import {
	distributionSummary,
	distributionTable
} from '#lib/charts/distribution/distribution-text.ts';

const values = [
	{ id: 'a', group: 'low', value: 0.02 },
	{ id: 'b', group: 'low', value: 0.04 },
	{ id: 'c', group: 'low', value: 0.06 },
	{ id: 'd', group: 'low', value: 0.08 },
	{ id: 'e', group: 'low', value: null },
	{ id: 'f', group: 'high', value: 0.01 }
];
const groups = [
	{ group: 'low', label: 'Low-poverty districts' },
	{ group: 'high', label: 'High-poverty districts' }
];

describe('groupSpread', () => {
	it('gives the five-number summary (R type 7 quartiles) and counts districts without a value', () => {
		const low = groupSpread(values, 'low');
		expect(low.n).toBe(4);
		expect(low.n_missing).toBe(1);
		expect([low.min, low.q1, low.median, low.q3, low.max].map((v) => v?.toFixed(4))).toEqual([
			'0.0200',
			'0.0350',
			'0.0500',
			'0.0650',
			'0.0800'
		]);
	});
	it('has no summary for a group without values', () => {
		expect(groupSpread(values, 'middle')).toEqual({
			group: 'middle',
			n: 0,
			n_missing: 0,
			min: null,
			q1: null,
			median: null,
			q3: null,
			max: null
		});
	});
});

describe('binWidth and histogram', () => {
	it('picks 1, 2, 2.5 or 5 points so the axis has at most 20 bins', () => {
		expect([0.1, 0.15, 0.3, 0.5, 1].map(binWidth)).toEqual([0.01, 0.01, 0.02, 0.025, 0.05]);
	});
	it('counts values into [lo, hi) bins, 0.06 in the 6–7% bin despite floating point', () => {
		const bins = histogram(values, 'low', 0.1);
		expect(bins).toHaveLength(10);
		expect(bins.filter((b) => b.count).map((b) => [b.lo, b.hi, b.count, b.share])).toEqual([
			[0.02, 0.03, 1, 0.25],
			[0.04, 0.05, 1, 0.25],
			[0.06, 0.07, 1, 0.25],
			[0.08, 0.09, 1, 0.25]
		]);
		expect(histogram([{ id: 'x', group: 'low', value: 0.1 }], 'low', 0.1)[9]?.count).toBe(1);
	});
	it('labels bins in points', () => {
		expect([binLabel({ lo: 0, hi: 0.05 }), binLabel({ lo: 0.025, hi: 0.05 })]).toEqual([
			'0–5%',
			'2.5–5%'
		]);
	});
});

describe('distributionLayout', () => {
	const frame = { x: scaleLinear().domain([0, 0.1]).range([0, 200]), width: 200 };
	const rows = distributionLayout(values, groups, frame, 'districts');

	it('scales every bar by the tallest share of any group and stands it on its row', () => {
		expect(rows[0]?.bars.map((b) => [b.x, b.y, b.width, b.height])).toEqual([
			[40.5, 64, 19, 14],
			[80.5, 64, 19, 14],
			[120.5, 64, 19, 14],
			[160.5, 64, 19, 14]
		]);
		expect(rows[1]?.bars.map((b) => [b.x, b.y, b.width, b.height])).toEqual([[20.5, 126, 19, 56]]);
		expect(distributionHeight(2)).toBe(208);
	});

	it('marks the median with its label and the middle half underneath', () => {
		const { spread } = rows[0]!;
		expect([
			spread.median,
			spread.medianText,
			spread.x,
			spread.anchor,
			spread.iqr,
			spread.iqrY
		]).toEqual([100, 'median 5.0%', 106, 'start', [70, 130], 85]);
	});

	it('describes the group and each bin', () => {
		expect(rows[0]?.spread.description).toBe(
			'Low-poverty districts: median 5.0% across 4 districts; middle half 3.5–6.5%, range 2.0–8.0%. 1 district without a value is not shown.'
		);
		expect(rows[1]?.bars[0]?.description).toBe(
			'High-poverty districts, 1–2%: 1 district (100% of the group).'
		);
	});
});

describe('distributionSummary', () => {
	it('gives each median with its middle half, who is not shown, and whether the halves overlap', () => {
		expect(distributionSummary(values, groups)).toBe(
			'Median district: 5.0% in low-poverty districts (middle half 3.5–6.5%), 1.0% in high-poverty districts (middle half 1.0–1.0%). 1 district without a value is not shown. The middle halves of low-poverty districts and high-poverty districts do not overlap.'
		);
	});
});

describe('distributionTable', () => {
	it('lists counts with and without a value and the five-number summary', () => {
		const table = distributionTable(
			values,
			[...groups, { group: 'middle', label: 'Middle' }],
			'Rates',
			'districts'
		);
		expect(table.columns.map((c) => c.label)).toEqual([
			'Group',
			'Districts with a value',
			'Without a value',
			'Lowest',
			'Lower quartile',
			'Median',
			'Upper quartile',
			'Highest'
		]);
		expect(table.rows[0]?.cells).toEqual({
			n: '4',
			n_missing: '1',
			min: '2.0%',
			q1: '3.5%',
			median: '5.0%',
			q3: '6.5%',
			max: '8.0%'
		});
		expect(table.rows[2]?.cells.median).toEqual({
			absent: { status: 'not_applicable', reason: 'no_values' }
		});
	});
});

import { scaleBand, scaleLinear } from 'd3';
import { describe, expect, it } from 'vitest';
import { intervalData, type EstimateLike } from '#lib/charts/interval/interval-data.ts';
import {
	intervalChartHeight,
	intervalMarks,
	referenceMarks,
	rowLabels
} from '#lib/charts/interval/interval-geometry.ts';
import { intervalLegend, intervalTable } from '#lib/charts/interval/interval-table.ts';
import { estimateDescription, intervalSummary } from '#lib/charts/interval/interval-text.ts';
import { RAND_GROUPS_LABEL } from '#lib/poverty/schemes.ts';

const row = (
	group: string,
	estimate: number | null,
	ci: [number, number] | null,
	n: number,
	nEff: number | null,
	reliability: EstimateLike['reliability'] = 'ok',
	flags: string[] = []
): EstimateLike => ({
	group,
	estimate,
	lo: ci?.[0] ?? null,
	hi: ci?.[1] ?? null,
	n_unweighted: n,
	n_eff: nEff,
	reliability,
	flags
});

const ORDER = [
	{ group: 'low', label: 'Low-poverty districts' },
	{ group: 'middle', label: 'Middle-poverty districts' },
	{ group: 'high', label: 'High-poverty districts' }
];

// The brief's example: low 67%, high 39% (31–47%).
const rows = [
	row('low', 0.67, [0.58, 0.75], 96, 112.4),
	row('middle', null, [0.1, 0.6], 14, 9.2, 'unreliable', ['unreliable']),
	row('high', 0.39, [0.31, 0.47], 84, 61, 'caution', ['caution'])
];
const data = intervalData(rows, ORDER);

describe('intervalData', () => {
	it('keeps the order, suppresses ‡ estimates with their interval and marks no-data groups', () => {
		const noData = intervalData(
			[row('low', null, null, 0, null, 'unreliable', ['no_data'])],
			ORDER
		);
		expect(data.map((d) => [d.group, d.value, d.lo, d.hi])).toEqual([
			['low', { status: 'shown', value: 0.67 }, 0.58, 0.75],
			['middle', { status: 'suppressed', reason: 'unreliable', label: '‡' }, null, null],
			['high', { status: 'shown', value: 0.39 }, 0.31, 0.47]
		]);
		expect(noData[0]?.value).toEqual({ status: 'missing', reason: 'no_data' });
		expect(intervalData([row('low', 0, [0, 0.04], 50, 50)], ORDER)[0]?.value).toEqual({
			status: 'true_zero',
			value: 0
		});
	});
});

describe('intervalMarks', () => {
	// 200 px wide, three rows of 42 px: marks sit 20 px (label) + 11 px below each row's top.
	const frame = {
		x: scaleLinear().domain([0, 1]).range([0, 200]),
		y: scaleBand<string>().domain(['low', 'middle', 'high']).range([0, 126]),
		width: 200
	};
	const marks = intervalMarks(data, frame, { measure: 'trained', unit: 'districts' });

	it('puts the dot at the estimate, the whisker across the interval and the label beside it', () => {
		const low = marks[0]!;
		expect([low.cx, low.cy, low.whisker, low.x, low.anchor, low.text]).toEqual([
			134,
			31,
			[116, 150],
			156,
			'start',
			'67%'
		]);
		const high = marks[2]!;
		expect([high.cx, high.cy, high.whisker, high.text]).toEqual([78, 115, [62, 94], '39% !']);
	});

	it('draws a suppressed estimate as a glyph at the origin with its kind, not as a dot', () => {
		const middle = marks[1]!;
		expect([middle.cx, middle.cy, middle.whisker, middle.x, middle.text]).toEqual([
			7,
			73,
			null,
			20,
			'Suppressed ‡'
		]);
		expect(middle.absent).toEqual({ status: 'suppressed', reason: 'unreliable', label: '‡' });
		expect(middle.description).toBe(
			'Middle-poverty districts: suppressed (‡). Reporting standards not met: the estimate is too imprecise to show. n = 14 districts (effective n 9).'
		);
	});

	it('moves the label left of the whisker when it would run past the right edge', () => {
		const [near] = intervalMarks(
			intervalData([row('low', 0.9, [0.8, 0.97], 50, 120)], ORDER),
			frame,
			{ measure: 'trained', unit: 'districts' }
		);
		// "90%" is 22 px wide: 194 + 6 + 22 > 200, so it goes at 160 − 6, anchored at its end.
		expect([near?.x, near?.anchor]).toEqual([154, 'end']);
	});

	it('keeps the label clear of a reference mark beyond the whisker', () => {
		const [low] = intervalMarks(data, frame, { measure: 'trained', unit: 'districts' }, undefined, [
			{ group: 'low', value: 0.8 }
		]);
		// The diamond at 160 px reaches 168: the label starts 6 px after it.
		expect([low?.x, low?.anchor]).toEqual([174, 'start']);
	});

	it('offsets two series within a row and gives each its shape', () => {
		const two = [
			...intervalData([rows[0]!], ORDER, '2023'),
			...intervalData([rows[0]!], ORDER, '2024')
		];
		const y = scaleBand<string>().domain(['low']).range([0, 64]);
		const placed = intervalMarks(two, { ...frame, y }, { measure: 'trained', unit: 'districts' }, [
			{ id: '2023', label: 'Fall 2023', shape: 'square', hollow: true },
			{ id: '2024', label: 'Fall 2024', shape: 'circle', hollow: false }
		]);
		expect(placed.map((m) => [m.cy, m.shape, m.hollow])).toEqual([
			[31, 'square', true],
			[53, 'circle', false]
		]);
		expect(placed[0]?.description).toBe(
			'Low-poverty districts, Fall 2023: 67% trained, 95% CI 58–75%. n = 96 districts (effective n 112).'
		);
	});

	it('labels each row once and sizes the chart by rows and series', () => {
		expect(rowLabels(data, frame.y).map((l) => [l.text, l.y])).toEqual([
			['Low-poverty districts', 14],
			['Middle-poverty districts', 56],
			['High-poverty districts', 98]
		]);
		expect(intervalChartHeight(3, 1)).toBe(156);
		expect(intervalChartHeight(3, 2)).toBe(222);
	});

	it('places reference figures on their rows and skips groups the chart does not show', () => {
		const refs = referenceMarks(
			[
				{ group: 'high', value: 0.39 },
				{ group: 'all', value: 0.48 }
			],
			frame,
			(r) => `RAND: ${r.value}`
		);
		expect(refs).toEqual([{ key: 'reference|high', cx: 78, cy: 115, description: 'RAND: 0.39' }]);
	});
});

describe('estimateDescription', () => {
	it('spells out the caution flag', () => {
		expect(estimateDescription(data[2]!, 'trained', 'districts')).toBe(
			'High-poverty districts: 39% trained, 95% CI 31–47%. Interpret with caution (!): the effective sample is small. n = 84 districts (effective n 61).'
		);
	});
});

describe('intervalSummary', () => {
	it('compares the focus group with the reference group in points, with its interval', () => {
		expect(intervalSummary(data, { measure: 'trained', compare: ['high', 'low'] })).toBe(
			'High-poverty districts: 39% trained (95% CI 31–47%), 28 points below low-poverty districts. Not shown: middle-poverty districts (‡). Interpret with caution (!): high-poverty districts.'
		);
	});

	it('says "above" and "level with" when the focus group leads or ties', () => {
		const flipped = intervalData(
			[row('low', 0.3, [0.2, 0.4], 50, 120), row('high', 0.35, [0.25, 0.45], 50, 120)],
			ORDER
		);
		expect(intervalSummary(flipped, { measure: 'trained', compare: ['high', 'low'] })).toBe(
			'High-poverty districts: 35% trained (95% CI 25–45%), 5.0 points above low-poverty districts.'
		);
		const tied = intervalData(
			[row('low', 0.35, [0.2, 0.4], 50, 120), row('high', 0.3502, [0.25, 0.45], 50, 120)],
			ORDER
		);
		expect(intervalSummary(tied, { measure: 'trained', compare: ['high', 'low'] })).toBe(
			'High-poverty districts: 35% trained (95% CI 25–45%), level with low-poverty districts.'
		);
	});

	it('explains a suppressed focus group instead of comparing it', () => {
		expect(intervalSummary(data, { measure: 'trained', compare: ['middle', 'low'] })).toBe(
			'Middle-poverty districts: suppressed (‡). Reporting standards not met: the estimate is too imprecise to show. Not shown: middle-poverty districts (‡). Interpret with caution (!): high-poverty districts.'
		);
	});

	it('names the highest and lowest groups without a comparison', () => {
		expect(intervalSummary([data[0]!, data[2]!], { measure: 'trained' })).toBe(
			'Highest: low-poverty districts, 67% trained (95% CI 58–75%); lowest: high-poverty districts, 39% (95% CI 31–47%). Interpret with caution (!): high-poverty districts.'
		);
	});

	it('writes one sentence per series', () => {
		const two = [
			...intervalData(
				[row('low', 0.31, [0.23, 0.4], 81, 102), row('high', 0.12, [0.07, 0.2], 76, 101)],
				ORDER,
				'2023'
			),
			...intervalData([rows[0]!, rows[2]!], ORDER, '2024')
		];
		expect(
			intervalSummary(two, {
				measure: 'trained',
				compare: ['high', 'low'],
				series: [
					{ id: '2023', label: 'Fall 2023' },
					{ id: '2024', label: 'Fall 2024' }
				]
			})
		).toBe(
			'Fall 2023 — High-poverty districts: 12% trained (95% CI 7.0–20%), 19 points below low-poverty districts. Fall 2024 — High-poverty districts: 39% trained (95% CI 31–47%), 28 points below low-poverty districts. Interpret with caution (!): high-poverty districts.'
		);
	});
});

describe('intervalTable', () => {
	it('lists estimate, interval, reliability, n and effective n; a suppressed row hides its interval', () => {
		const table = intervalTable(data, {
			caption: 'Trained, fall 2024',
			unit: 'districts',
			references: [{ group: 'high', value: 0.39 }],
			referenceLabel: RAND_GROUPS_LABEL
		});
		expect(table.columns.map((c) => c.label)).toEqual([
			'Group',
			'Estimate',
			'95% CI',
			'Reliability',
			'n (districts)',
			'Effective n',
			"RAND's groups (definition not published)"
		]);
		const suppressed = { absent: { status: 'suppressed', reason: 'unreliable', label: '‡' } };
		expect(table.rows.map((r) => [r.header, r.cells])).toEqual([
			[
				'Low-poverty districts',
				{
					series: '',
					estimate: '67%',
					ci: '58–75%',
					reliability: 'Meets standard',
					n: '96',
					n_eff: '112',
					reference: 'not published'
				}
			],
			[
				'Middle-poverty districts',
				{
					series: '',
					estimate: { ...suppressed, zeroText: '0%' },
					ci: suppressed,
					reliability: '‡ Not met',
					n: '14',
					n_eff: '9',
					reference: 'not published'
				}
			],
			[
				'High-poverty districts',
				{
					series: '',
					estimate: '39%',
					ci: '31–47%',
					reliability: '! Interpret with caution',
					n: '84',
					n_eff: '61',
					reference: '39%'
				}
			]
		]);
	});
});

describe('intervalLegend', () => {
	it('lists series shapes, the whisker, the reference diamond and the missing kinds present', () => {
		expect(
			intervalLegend(
				data,
				[{ id: '', label: 'Fall 2024', shape: 'circle', hollow: false }],
				RAND_GROUPS_LABEL
			)
		).toEqual([
			{ label: 'Fall 2024', swatch: 'circle', hollow: false, color: 'var(--ink)' },
			{ label: '95% confidence interval', swatch: 'whisker' },
			{
				label: "RAND's groups (definition not published)",
				swatch: 'diamond',
				hollow: true,
				color: 'var(--reference)'
			},
			{ label: 'Suppressed', swatch: 'suppressed' }
		]);
	});
});

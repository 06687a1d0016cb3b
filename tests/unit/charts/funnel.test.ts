import { scaleLinear } from 'd3';
import { describe, expect, it } from 'vitest';
import { funnelData, type RateLike } from '#lib/charts/funnel/funnel-data.ts';
import { funnelHeight, funnelLayout } from '#lib/charts/funnel/funnel-geometry.ts';
import { funnelLegend, funnelTable } from '#lib/charts/funnel/funnel-table.ts';
import { funnelSummary } from '#lib/charts/funnel/funnel-text.ts';

const rate = (
	estimate: number | null,
	ci: [number, number] | null,
	numerator: number | null,
	denominator: number | null,
	denominator_label: string
): RateLike => ({
	estimate,
	lo: ci?.[0] ?? null,
	hi: ci?.[1] ?? null,
	numerator,
	denominator,
	denominator_label
});

const E = 'enrolled students';
const L = 'licensed students';
const D = 'licensed students with enough eligible weeks';
const rows = [
	{
		poverty_group: 'high',
		rates: {
			access_rate: rate(0.82, [0.78, 0.86], 14760, 18000, E),
			activation_rate: rate(null, null, 0, 0, L),
			regular_rate: rate(0, [0, 0.01], 0, 14760, L),
			dosage_rate_access: rate(null, null, 412, null, D)
		}
	},
	{
		poverty_group: 'low',
		rates: {
			access_rate: rate(0.75, [0.71, 0.79], 15000, 20000, E),
			activation_rate: rate(0.78, [0.74, 0.82], 11700, 15000, L),
			regular_rate: rate(0.28, [0.25, 0.31], 4200, 15000, L),
			dosage_rate_access: rate(0.079, [0.071, 0.088], 1020, 12900, D)
		}
	}
];
const groups = [
	{ group: 'low', label: 'Students in low-poverty districts', short: 'Low' },
	{ group: 'high', label: 'Students in high-poverty districts', short: 'High' }
];
const { stages, data } = funnelData(rows, groups);
const fivePercent = { stage: 'dosage_rate_access', value: 0.05, label: '5% line' };

describe('funnelData', () => {
	it('names each stage with its denominator and keeps groups in the given order', () => {
		expect(stages).toEqual([
			{ id: 'access_rate', label: 'Given access (licensed)', denominator: E },
			{ id: 'activation_rate', label: 'Activated an account', denominator: L },
			{ id: 'regular_rate', label: 'Used it regularly', denominator: L },
			{ id: 'dosage_rate_access', label: 'Met the recommended dosage', denominator: D }
		]);
		expect(data.filter((d) => d.stage === 'access_rate').map((d) => d.group)).toEqual([
			'low',
			'high'
		]);
	});

	it('tells a rate over zero students (not applicable) from an unknown one (missing) and a true zero', () => {
		const high = data.filter((d) => d.group === 'high').map((d) => d.value);
		expect(high).toEqual([
			{ status: 'shown', value: 0.82 },
			{ status: 'not_applicable', reason: 'zero_denominator' },
			{ status: 'true_zero', value: 0 },
			{ status: 'missing', reason: 'missing' }
		]);
	});
});

describe('funnelLayout', () => {
	const frame = { x: scaleLinear().domain([0, 1]).range([0, 200]), width: 200 };
	const two = stages.filter((s) => s.id === 'access_rate' || s.id === 'dosage_rate_access');
	const layout = funnelLayout(two, groups, data, frame, { ...fivePercent, description: 'Five' });

	it('stacks stages of one heading and one 24 px row per group', () => {
		expect(layout.headings).toEqual([
			{ stage: 'access_rate', title: 'Given access (licensed)', subtitle: `% of ${E}`, y: 0 },
			{
				stage: 'dosage_rate_access',
				title: 'Met the recommended dosage',
				subtitle: `% of ${D}`,
				y: 96
			}
		]);
		expect(funnelHeight(2, 2, true)).toBe(212);
	});

	it('draws bars from 0 to the rate with the whisker and places the label past both', () => {
		expect(
			layout.bars.map((b) => [b.key, b.y, b.cy, b.length, b.whisker, b.text, b.x, b.anchor])
		).toEqual([
			['access_rate|low', 38, 45, 150, [142, 158], '75%', 164, 'start'],
			['access_rate|high', 62, 69, 164, [156, 172], '82%', 178, 'start'],
			['dosage_rate_access|low', 134, 141, 15.8, [14.2, 17.6], '7.9%', 23.6, 'start'],
			['dosage_rate_access|high', 158, 165, 0, null, 'no data', 20, 'start']
		]);
		expect(layout.bars[3]?.absent).toEqual({ status: 'missing', reason: 'missing' });
	});

	it('describes each bar with its denominator, interval and counts', () => {
		expect(layout.bars[2]?.description).toBe(
			'Students in low-poverty districts, met the recommended dosage: 7.9% of licensed students with enough eligible weeks (95% CI 7.1–8.8%). 1,020 of 12,900.'
		);
		expect(layout.bars[3]?.description).toBe(
			'Students in high-poverty districts, met the recommended dosage: no data. Not reported in the source data.'
		);
	});

	it('puts the reference line across its stage and its label underneath', () => {
		expect(layout.reference).toEqual({
			x: 10,
			y1: 130,
			y2: 176,
			segments: [[130, 176]],
			labelY: 190,
			label: '5% line',
			description: 'Five'
		});
	});

	it('breaks the reference line where a value label crosses it', () => {
		// 2.0% with its interval to 3%: whisker ends at 6 px, so "2.0%" starts at 12 px and is
		// ceil(4 × 14 × 0.52) = 30 px wide; the line at 10 px is within its 2 px clearance. One
		// stage: rows at 38 and 62 (centres 45, 69), the line from 38 − 4 to 38 + 48 − 10 + 4 = 80;
		// the high row's label hides 69 ± 8 of it.
		const low = funnelData(
			[
				{ poverty_group: 'low', rates: { dosage_rate_access: rate(0.2, [0.18, 0.22], 2, 10, D) } },
				{
					poverty_group: 'high',
					rates: { dosage_rate_access: rate(0.02, [0.01, 0.03], 2, 100, D) }
				}
			],
			groups
		);
		const dosage = low.stages.filter((s) => s.id === 'dosage_rate_access');
		const { reference, bars } = funnelLayout(dosage, groups, low.data, frame, {
			...fivePercent,
			description: 'Five'
		});
		expect(bars.map((b) => [b.text, b.x, b.cy])).toEqual([
			['20%', 50, 45],
			['2.0%', 12, 69]
		]);
		expect(reference?.segments).toEqual([
			[34, 61],
			[77, 80]
		]);
	});

	it('caps a rate above 100% at the axis end', () => {
		const over = funnelData(
			[{ poverty_group: 'low', rates: { access_rate: rate(1.1, null, 22, 20, E) } }],
			groups
		);
		const [bar] = funnelLayout(over.stages.slice(0, 1), groups, over.data, frame).bars;
		expect([bar?.length, bar?.text, bar?.x, bar?.anchor]).toEqual([200, '110%', 200, 'end']);
		expect(bar?.description).toBe(
			'Students in low-poverty districts, given access (licensed): 110% of enrolled students (no interval). More licences than enrolled students. 22 of 20.'
		);
	});
});

describe('funnelSummary', () => {
	it('gives the last stage for every group with its denominator and who is below the line', () => {
		const groupsAll = [...groups];
		const both = funnelData(
			[
				rows[1]!,
				{
					poverty_group: 'high',
					rates: {
						...rows[0]!.rates,
						dosage_rate_access: rate(0.031, [0.026, 0.037], 412, 13290, D)
					}
				}
			],
			groupsAll
		);
		expect(funnelSummary(both.stages, groupsAll, both.data, fivePercent)).toBe(
			'Met the recommended dosage: 7.9% of students in low-poverty districts (95% CI 7.1–8.8%), 3.1% of students in high-poverty districts (95% CI 2.6–3.7%); out of licensed students with enough eligible weeks. Below the 5% line: students in high-poverty districts.'
		);
	});

	it('names only the lowest, the highest and all students when there are more than three groups', () => {
		const quartiles = ['Q1', 'Q2', 'Q3', 'Q4', 'all'].map((group, i) => ({
			group,
			label: group === 'all' ? 'All students' : `Students in ${group} districts`,
			short: group,
			rate: 0.08 - i * 0.01
		}));
		const rowsQ = quartiles.map((q) => ({
			poverty_group: q.group,
			rates: { dosage_rate_access: rate(q.rate, [q.rate - 0.005, q.rate + 0.005], null, null, D) }
		}));
		const q = funnelData(rowsQ, quartiles);
		expect(funnelSummary(q.stages.slice(3), quartiles, q.data)).toBe(
			'Met the recommended dosage: 8.0% of students in Q1 districts (95% CI 7.5–8.5%), 5.0% of students in Q4 districts (95% CI 4.5–5.5%), 4.0% of all students (95% CI 3.5–4.5%); out of licensed students with enough eligible weeks.'
		);
	});

	it('names a missing last stage instead of a number', () => {
		expect(funnelSummary(stages, groups, data)).toBe(
			'Met the recommended dosage: 7.9% of students in low-poverty districts (95% CI 7.1–8.8%), students in high-poverty districts: no data; out of licensed students with enough eligible weeks.'
		);
	});
});

describe('funnelTable', () => {
	it('lists every stage and group with rate, interval, counts and the named denominator', () => {
		const table = funnelTable(stages, groups, data, 'Funnel');
		expect(table.columns.map((c) => c.label)).toEqual([
			'Stage',
			'Group',
			'Rate',
			'95% CI',
			'Students',
			'Out of',
			'Denominator'
		]);
		expect(table.rows.slice(0, 1).map((r) => [r.header, r.cells])).toEqual([
			[
				'Given access (licensed)',
				{
					group: 'Students in low-poverty districts',
					rate: '75%',
					ci: '71–79%',
					numerator: '15,000',
					denominator: '20,000',
					of: E
				}
			]
		]);
		const notApplicable = {
			absent: { status: 'not_applicable', reason: 'zero_denominator' },
			zeroText: '0%'
		};
		expect(table.rows[3]?.cells).toEqual({
			group: 'Students in high-poverty districts',
			rate: notApplicable,
			ci: notApplicable,
			numerator: '0',
			denominator: '0',
			of: L
		});
		expect(table.rows[7]?.cells.denominator).toEqual({
			absent: { status: 'suppressed', reason: 'counts_withheld', label: '—' }
		});
	});
});

describe('funnelLegend', () => {
	it('names each group colour, the whisker and the reference line', () => {
		expect(funnelLegend(groups, fivePercent).map((i) => [i.label, i.swatch])).toEqual([
			['Students in low-poverty districts', 'square'],
			['Students in high-poverty districts', 'square'],
			['95% confidence interval', 'whisker'],
			['5% line', 'line']
		]);
	});
});

import { scaleLinear } from 'd3';
import { describe, expect, it } from 'vitest';
import {
	hatchedGroup,
	representationLayout
} from '#lib/charts/representation/representation-geometry.ts';
import {
	representationSummary,
	representationTable
} from '#lib/charts/representation/representation-text.ts';

const rows = [
	{ poverty_group: 'low', base_share: 0.3, dosage_share: 0.45, representation_index: 1.5 },
	{ poverty_group: 'middle', base_share: 0.6, dosage_share: 0.5, representation_index: 0.5 / 0.6 },
	{ poverty_group: 'high', base_share: 0.1, dosage_share: 0.05, representation_index: 0.5 }
];
const groups = [
	{ group: 'low', label: 'Students in low-poverty districts', short: 'Low' },
	{ group: 'middle', label: 'Students in middle-poverty districts', short: 'Middle' },
	{ group: 'high', label: 'Students in high-poverty districts', short: 'High' }
];

describe('representationLayout', () => {
	const { segments, connectors } = representationLayout(
		rows,
		groups,
		scaleLinear().range([0, 400])
	);

	it('stacks each bar to 100%, hatches the high-poverty segment and labels inside when it fits', () => {
		expect(
			segments.map((s) => [s.key, s.x, s.y, s.width, s.hatched, s.text, s.textY, s.pill])
		).toEqual([
			['base_share|low', 0, 22, 120, false, 'Low 30%', 37, { x: 28.5, width: 63 }],
			['base_share|middle', 120, 22, 240, false, 'Middle 60%', 37, { x: 197.5, width: 85 }],
			['base_share|high', 360, 22, 40, true, 'High 10%', 68, null],
			['dosage_share|low', 0, 118, 180, false, 'Low 45%', 133, { x: 58.5, width: 63 }],
			['dosage_share|middle', 180, 118, 200, false, 'Middle 50%', 133, { x: 237.5, width: 85 }],
			['dosage_share|high', 380, 118, 20, true, 'High 5.0%', 164, null]
		]);
	});

	it('joins each group’s two segments with a band', () => {
		expect(connectors.map((c) => [c.group, c.points])).toEqual([
			['low', '0,52 120,52 180,118 0,118'],
			['middle', '120,52 360,52 380,118 180,118'],
			['high', '360,52 400,52 400,118 380,118']
		]);
	});
});

describe('hatchedGroup', () => {
	it('is the highest poverty category, never "all" or "unknown"', () => {
		const quartiles = ['Q1', 'Q2', 'Q3', 'Q4', 'unknown', 'all'].map((group) => ({ group }));
		expect(hatchedGroup(quartiles)).toBe('Q4');
	});
});

describe('representationSummary', () => {
	it('names the most under- and the most over-represented group with both shares and the index', () => {
		expect(representationSummary(rows, groups)).toBe(
			'Students in high-poverty districts: 10% of enrolled students but only 5.0% of those who met the dosage rule (representation index 0.50; 1 is parity). Students in low-poverty districts: 30% of enrolled students and 45% of those who met the dosage rule (representation index 1.50; 1 is parity).'
		);
	});
	it('explains when no group has an index', () => {
		expect(representationSummary([{ ...rows[0]!, representation_index: null }], groups)).toBe(
			'No group has a representation index: nobody met the dosage rule or no group has students.'
		);
	});
});

describe('representationTable', () => {
	it('gives both shares and the index, a missing share labelled as missing', () => {
		const table = representationTable(
			[...rows.slice(0, 2), { ...rows[2]!, dosage_share: null, representation_index: null }],
			groups,
			'Representation'
		);
		expect(table.rows.map((r) => r.cells)).toEqual([
			{ base: '30%', met: '45%', index: '1.50' },
			{ base: '60%', met: '50%', index: '0.83' },
			{
				base: '10%',
				met: { absent: { status: 'missing', reason: 'missing' } },
				index: { absent: { status: 'not_applicable', reason: 'zero_denominator' } }
			}
		]);
	});
});

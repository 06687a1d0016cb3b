import { scaleBand, scaleLinear } from 'd3';
import { describe, expect, it } from 'vitest';
import type { PeerDotDatum } from '#lib/charts/peer-dots/peer-dots-data.ts';
import {
	MARK_HEIGHT,
	ROW_LABEL_HEIGHT,
	peerDotMarks,
	peerDotsHeight
} from '#lib/charts/peer-dots/peer-dots-geometry.ts';
import {
	peerDotsLegend,
	peerDotsSummary,
	peerDotsTable
} from '#lib/charts/peer-dots/peer-dots-text.ts';

const datum = (key: string, over: Partial<PeerDotDatum>): PeerDotDatum => ({
	key,
	label: `District ${key}`,
	value: { status: 'shown', value: 0.05 },
	lo: 0.03,
	hi: 0.08,
	peer: { center: 0.04, lo: 0.02, hi: 0.06 },
	valueText: '5.0%',
	peerText: 'peer median 4.0%, middle half 2.0–6.0% (20 of 20 peers with a rate shown)',
	...over
});

const data = [
	datum('a', {}),
	datum('b', {
		value: { status: 'missing', reason: 'not_surveyed' },
		lo: null,
		hi: null,
		valueText: 'Not surveyed'
	})
];
// 0–10% over 500 px: 1 point = 50 px. Rows of 54 px (20 label + 26 marks + 8 gap).
const height = peerDotsHeight(2);
const frame = {
	x: scaleLinear().domain([0, 0.1]).range([0, 500]),
	y: scaleBand<string>().domain(['a', 'b']).range([0, height]),
	width: 500
};

describe('peerDotMarks', () => {
	it('places the dot, its whisker, the peer band and the median tick in px', () => {
		const [a] = peerDotMarks(data, frame);
		expect(height).toBe(108);
		expect(a).toMatchObject({
			cx: 250,
			cy: ROW_LABEL_HEIGHT + MARK_HEIGHT / 2,
			whisker: [150, 400],
			band: [100, 300],
			center: 200,
			absent: null,
			range: null,
			// Label ("5.0%", about 30 px) right of the whisker's end (400 + 6 px gap).
			x: 406,
			anchor: 'start',
			labelY: 14
		});
		expect(a!.description).toBe(
			'District a: 5.0%; peer median 4.0%, middle half 2.0–6.0% (20 of 20 peers with a rate shown).'
		);
	});

	it('draws a value that is not a number as a glyph at the origin, and keeps the peer band', () => {
		const [, b] = peerDotMarks(data, frame);
		expect(b).toMatchObject({
			cx: 7,
			cy: 54 + 33,
			whisker: null,
			absent: { status: 'missing', reason: 'not_surveyed' },
			band: [100, 300],
			text: 'Not surveyed',
			x: 306
		});
	});

	it('draws a range-coded value as a bar over its range, never as a dot', () => {
		const coded = datum('a', {
			value: { status: 'coarsened', reason: 'bottom_coded', lo: 0, hi: 0.05, label: '≤5%' },
			lo: null,
			hi: null,
			valueText: '≤5%'
		});
		const [mark] = peerDotMarks([coded], {
			...frame,
			y: scaleBand<string>().domain(['a']).range([0, 54])
		});
		expect(mark).toMatchObject({ range: [0, 250], cx: 125, whisker: null, absent: null, x: 306 });
		expect(peerDotsLegend([coded], { band: 'b', center: 'c' }).at(-1)!.label).toBe(
			'Shown as a range (privacy)'
		);
	});

	it('puts the label left of the marks when it would run past the right edge', () => {
		const [wide] = peerDotMarks(
			[datum('a', { value: { status: 'shown', value: 0.095 }, hi: 0.1 })],
			{
				...frame,
				y: scaleBand<string>().domain(['a']).range([0, 54])
			}
		);
		// Whisker 150–500, band 100–300: the label ends 6 px left of the band (100).
		expect(wide).toMatchObject({ x: 94, anchor: 'end' });
	});
});

describe('peer dots text', () => {
	it('summarizes one sentence per district, or says none is picked', () => {
		expect(peerDotsSummary(data, 'No district picked.')).toBe(
			'District a: 5.0%; peer median 4.0%, middle half 2.0–6.0% (20 of 20 peers with a rate shown). District b: Not surveyed; peer median 4.0%, middle half 2.0–6.0% (20 of 20 peers with a rate shown).'
		);
		expect(peerDotsSummary([], 'No district picked.')).toBe('No district picked.');
	});

	it('tables each district with its value and its peers, and lists the glyphs used', () => {
		const table = peerDotsTable(data, { caption: 'c', value: 'Rate', peers: 'Peers' });
		expect(table.rows.map((r) => [r.header, r.cells.value])).toEqual([
			['District a', '5.0%'],
			['District b', 'Not surveyed']
		]);
		const legend = peerDotsLegend(data, { band: 'Middle half', center: 'Median' });
		expect(legend.map((i) => i.label)).toEqual([
			'District',
			'95% confidence interval',
			'Median',
			'Middle half',
			'No data or not surveyed'
		]);
	});
});

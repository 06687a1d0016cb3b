import { scaleLog } from 'd3';
import { describe, expect, it } from 'vitest';
import {
	decompositionBars,
	ratioDomain,
	ratioTicks,
	shareText
} from '#lib/charts/decomposition/decomposition-geometry.ts';
import {
	decompositionDescription,
	decompositionSummary,
	decompositionTable
} from '#lib/charts/decomposition/decomposition-text.ts';
import { ratioTick } from '#lib/charts/format.ts';

// Access 0.5 and use once licensed 0.8: UR = 0.4, ln 0.5 / ln 0.4 = 0.7565.
const accessLed = {
	access_ratio: 0.5,
	conversion_ratio: 0.8,
	use_ratio: 0.4,
	access_share: Math.log(0.5) / Math.log(0.4),
	conversion_share: Math.log(0.8) / Math.log(0.4)
};
const groups = { focus: 'high-poverty students', reference: 'low-poverty students' };

describe('ratioDomain and ratioTicks', () => {
	it('is symmetric about parity on the log scale with 15% room', () => {
		const [lo, hi] = ratioDomain(accessLed);
		expect(lo * hi).toBeCloseTo(1, 12);
		expect(hi).toBeCloseTo(Math.exp(Math.log(2.5) * 1.15), 12);
	});
	it('never narrows below 0.77–1.29× when there is almost no gap', () => {
		const [lo, hi] = ratioDomain({ ...accessLed, access_ratio: 1, use_ratio: 1.01 });
		expect([lo.toFixed(3), hi.toFixed(3)]).toEqual(['0.774', '1.293']);
	});
	it('keeps the ticks inside the domain and thins them on narrow axes', () => {
		const x = scaleLog().domain(ratioDomain(accessLed)).range([0, 600]);
		expect(ratioTicks(x, 600)).toEqual([0.5, 0.75, 1, 1.5, 2]);
		expect(ratioTicks(x, 300)).toEqual([0.5, 1, 2]);
		expect([0.5, 1, 1.5].map(ratioTick)).toEqual(['0.5×', 'parity 1×', '1.5×']);
	});
});

describe('decompositionBars', () => {
	// A 0.25×–4× axis over 400 px: each halving is 100 px, parity at 200.
	const x = scaleLog().domain([0.25, 4]).range([0, 400]);
	const bars = decompositionBars(accessLed, x, 400);

	it('chains access from parity and use once licensed from where access ends', () => {
		expect(bars.map((b) => [b.id, b.x0, b.x1, b.y])).toEqual([
			['access', 200, 100, 38],
			['conversion', 100, 67.81, 102],
			['use', 200, 67.81, 166]
		]);
	});

	it('titles each part with its share of the log gap and labels the factor away from parity', () => {
		expect(bars.map((b) => [b.title, b.detail, b.text, b.textX, b.anchor])).toEqual([
			['Access: 76% of the gap', 'licensed ÷ enrolled', '0.50×', 94, 'end'],
			['Use once licensed: 24% of the gap', 'met dosage ÷ licensed', '0.80×', 61.81, 'end'],
			['Whole gap', 'met dosage ÷ enrolled', '0.40×', 61.81, 'end']
		]);
	});

	it('puts the label on the parity side when it does not fit outside', () => {
		// ½× sits 11 px from the left edge: no room for "0.50×" there.
		const edge = scaleLog()
			.domain([0.48, 1 / 0.48])
			.range([0, 400]);
		const [access] = decompositionBars(accessLed, edge, 400);
		expect([access?.textX, access?.anchor]).toEqual([206, 'start']);
	});
});

describe('shareText', () => {
	it('words positive and negative shares', () => {
		expect([shareText(0.756), shareText(-0.105), shareText(null)]).toEqual([
			'76% of the gap',
			'narrows the gap by 11%',
			''
		]);
	});
});

describe('decompositionSummary', () => {
	it('gives the whole gap and both shares', () => {
		expect(decompositionSummary(accessLed, groups)).toBe(
			'Per enrolled student, high-poverty students were 0.40× as likely to meet the dosage rule as low-poverty students. On the log scale, access (0.50×) accounts for 76% of the gap and use once licensed (0.80×) for 24%.'
		);
	});
	it('says which part narrows the gap when a share is negative', () => {
		const ar = 1.1;
		const cr = 0.4;
		const d = {
			access_ratio: ar,
			conversion_ratio: cr,
			use_ratio: ar * cr,
			access_share: Math.log(ar) / Math.log(ar * cr),
			conversion_share: Math.log(cr) / Math.log(ar * cr)
		};
		expect(decompositionSummary(d, groups)).toBe(
			'Per enrolled student, high-poverty students were 0.44× as likely to meet the dosage rule as low-poverty students. Access (1.10×) narrows the gap, so use once licensed (0.40×) accounts for more than all of it (112% on the log scale).'
		);
	});
	it('has no shares without a gap', () => {
		const none = { ...accessLed, use_ratio: 1, access_share: null, conversion_share: null };
		expect(decompositionSummary(none, groups)).toBe(
			'Per enrolled student, high-poverty students were 1.00× as likely to meet the dosage rule as low-poverty students. There is no gap to divide.'
		);
	});
});

describe('decompositionDescription and decompositionTable', () => {
	it('describes a row with its factor and share', () => {
		expect(decompositionDescription(accessLed, 'access', groups)).toBe(
			'Access (licensed ÷ enrolled): high-poverty students were 0.50× as likely as low-poverty students; that is 76% of the gap.'
		);
	});
	it('tabulates factors and shares, the whole gap as 100%', () => {
		const table = decompositionTable(accessLed, 'Decomposition');
		expect(table.rows.map((r) => [r.header, r.cells])).toEqual([
			['Access', { detail: 'licensed ÷ enrolled', ratio: '0.50×', share: '76%' }],
			['Use once licensed', { detail: 'met dosage ÷ licensed', ratio: '0.80×', share: '24%' }],
			['Whole gap', { detail: 'met dosage ÷ enrolled', ratio: '0.40×', share: '100%' }]
		]);
	});
});

import { describe, expect, it } from 'vitest';
import { composeChartImage, escapeXml, imageFileName, wrapWords } from '#lib/export/chart-image.ts';

const caption = {
	title: 'Who met the dosage rule?',
	subtitle: 'Students with a licence, 2024–25',
	source: 'Simulated demo usage <test & check>',
	dataVersion: 'a4d647e571cc'
};

describe('wrapWords', () => {
	it('breaks between words at the limit and keeps a longer word whole', () => {
		expect(wrapWords('the usage versus access gap', 10)).toEqual([
			'the usage',
			'versus',
			'access gap'
		]);
		expect(wrapWords('a extraordinarily b', 5)).toEqual(['a', 'extraordinarily', 'b']);
		expect(wrapWords('  ', 5)).toEqual([]);
	});
});

describe('composeChartImage', () => {
	const chart = {
		markup: '<svg class="c"><rect width="10" height="10"/></svg>',
		x: 4,
		y: 0,
		width: 400,
		height: 200
	};

	it('places the chart below the caption and the source line below the chart', () => {
		const image = composeChartImage(caption, [chart]);
		// Width: chart right edge 404 + 2 × 16 margin = 436. Height: 16 margin + title 18 × 1.3
		// + subtitle 13 × 1.3 + 8 gap + chart 200 + 8 gap + source lines + 16 margin, where the
		// 72-character source line wraps at ⌊404 / (11 × 0.52)⌋ = 70 characters: 2 × 11 × 1.3.
		expect(image.width).toBe(436);
		expect(image.height).toBe(Math.ceil(16 + 23.4 + 16.9 + 8 + 200 + 8 + 2 * 14.3 + 16));
		expect(image.svg).toContain(
			`<g transform="translate(20 ${16 + 23.4 + 16.9 + 8})"><svg x="0" y="0" class="c">`
		);
		expect(image.svg).toContain('<title>Who met the dosage rule?</title>');
		expect(image.svg).toContain(
			'>Source: Simulated demo usage &lt;test &amp; check&gt;. Data version</text>'
		);
		expect(image.svg).toContain('>a4d647e571cc.</text></svg>');
	});

	it('draws the legend in rows between the caption and the chart', () => {
		const swatch = '<svg width="18" height="18"><rect/></svg>';
		const legend = ['Q1 districts', 'Q2 districts', 'Q3 districts', 'Q4 districts'].map(
			(label) => ({ swatch, label })
		);
		const image = composeChartImage(caption, [chart], '', legend);
		// Legend top: 16 + 23.4 + 16.9 + 8 = 64.3. Each entry is 18 + 5 + 12 × 12 × 0.52 = 97.88
		// px wide, then a 14 px gap: entries at x 16, 127.88, 239.76; the fourth would end at
		// 449.52 > 436 − 16, so it starts a second row 22 px lower. Labels sit at x + 23, on the
		// baseline y + 9 + 12 × 0.35. The chart follows at 86.3 + 22 + 8 = 116.3.
		expect(image.svg).toContain('<svg x="16" y="64.3" width="18"');
		expect(image.svg).toContain('<svg x="239.8" y="64.3" width="18"');
		expect(image.svg).toContain('<svg x="16" y="86.3" width="18"');
		expect(image.svg).toContain('<text class="legend" x="39" y="77.5">Q1 districts</text>');
		expect(image.svg).toContain('<text class="legend" x="39" y="99.5">Q4 districts</text>');
		expect(image.svg).toContain('<g transform="translate(20 116.3)">');
	});

	it('shifts charts that reach left of or above the chart area back into the image', () => {
		const image = composeChartImage(caption, [{ ...chart, x: -10, y: -5 }]);
		// Chart area: x from −10 to 390 (400 wide), y from −5 to 195; the chart lands at the margin.
		expect(image.width).toBe(432);
		expect(image.svg).toContain(`<g transform="translate(16 ${16 + 23.4 + 16.9 + 8})">`);
	});

	it('embeds the given font rule and is at least 320 px wide', () => {
		const image = composeChartImage(caption, [], '@font-face{x}');
		expect(image.width).toBe(352);
		expect(image.svg).toContain('<style>@font-face{x}text{');
	});
});

describe('escapeXml / imageFileName', () => {
	it('escape markup and name the file by title, data version and day', () => {
		expect(escapeXml(`<a href="x">'&'</a>`)).toBe(
			'&lt;a href=&quot;x&quot;&gt;&apos;&amp;&apos;&lt;/a&gt;'
		);
		expect(imageFileName('Who met the dosage rule?', 'a4d647e571cc', '2026-11-22', 'png')).toBe(
			'adoption-gap_who-met-the-dosage-rule_a4d647e571cc_2026-11-22.png'
		);
		expect(imageFileName('—', 'v', 'd', 'svg')).toBe('adoption-gap_chart_v_d.svg');
	});
});

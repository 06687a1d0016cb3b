import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { DEMO_FUNNEL } from '#lib/demo/funnel.ts';
import { DEMO_PRODUCTS } from '#lib/demo/products.ts';
import { renderMarkdown } from '../../../src/routes/methodology/markdown.ts';

/** The "Demo assumptions" section of a Markdown file, up to the next heading of any level. */
function section(file: string, heading: RegExp): string {
	const text = readFileSync(file, 'utf8');
	const start = text.search(heading);
	expect(start, `${file} has a "Demo assumptions" heading`).toBeGreaterThan(-1);
	const body = text.slice(text.indexOf('\n', start));
	const next = body.search(/^#/m);
	return (next === -1 ? body : body.slice(0, next)).replace(/\s+/g, ' ');
}

const percent = (x: number) => `${Math.round(x * 1000) / 10}%`;

/** The generator's funnel lines, [lowest-poverty, highest-poverty], as the docs must state them. */
const LINES = Object.entries(DEMO_FUNNEL).map(([stage, [low, high]]) => ({
	stage,
	text: `${percent(low)} to ${percent(high)}`,
	arrow: `${percent(low)} → ${percent(high)}`
}));

describe('the demo assumptions are stated where users read', () => {
	const methodology = section('docs/methodology.md', /^### Demo assumptions$/m);
	const dataReadme = section('data/README.md', /^## Demo assumptions$/m);

	it('says the dosage share falls with poverty, with the generator’s own end points, as a demo assumption citing SCALE', () => {
		const [low, high] = DEMO_FUNNEL.dosage;
		// The line's mean is the overall level the docs quote: (7.5% + 2.5%) / 2 = 5%.
		expect((low + high) / 2).toBeCloseTo(0.05, 10);
		for (const doc of [methodology, dataReadme]) {
			expect(doc).toContain(`from ${percent(low)}`);
			expect(doc).toContain(`to ${percent(high)}`);
			expect(doc).toContain('about 5% overall');
			expect(doc).toMatch(/fall with poverty is a demo assumption/);
			expect(doc).toMatch(/Stanford SCALE/);
		}
		expect(methodology).toContain('[S15]');
	});

	it('states every other funnel line of the generator with its end points', () => {
		for (const { stage, text, arrow } of LINES.filter((l) => l.stage !== 'dosage')) {
			expect(methodology, stage).toContain(text);
			expect(dataReadme, stage).toContain(arrow);
		}
	});

	it('states the products’ dosage multipliers', () => {
		const multipliers = DEMO_PRODUCTS.map((p) => p.dosage_multiplier);
		expect(methodology).toContain(
			`${multipliers.slice(0, -1).join(', ')} and ${multipliers.at(-1)}`
		);
	});
});

it('links the overview’s demo note to the methodology’s demo assumptions', () => {
	const overview = readFileSync('src/routes/+page.svelte', 'utf8');
	expect(overview).toMatch(/class="demo-note"[\s\S]*?#demo-assumptions"/);
	const { headings } = renderMarkdown(readFileSync('docs/methodology.md', 'utf8'));
	expect(headings.map((h) => h.id)).toContain('demo-assumptions');
});

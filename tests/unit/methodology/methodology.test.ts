import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { COMPUTED_METRICS, METRICS } from '#lib/metrics/registry.ts';
import { renderMarkdown, slug } from '../../../src/routes/methodology/markdown.ts';
import { METHOD_SECTIONS } from '../../../src/routes/methodology/sections.ts';

const DOC = readFileSync('docs/methodology.md', 'utf8');
const DASHBOARD = 'src/routes/_dashboard';
const rendered = renderMarkdown(DOC);
const ids = new Set(rendered.headings.map((h) => h.id));

describe('methodology page', () => {
	it('has a heading for every section a chart links to', () => {
		for (const section of METHOD_SECTIONS) expect(ids, section).toContain(section);
	});

	it('has a heading for every method link written in the dashboard components', () => {
		const used = readdirSync(DASHBOARD)
			.filter((f) => f.endsWith('.svelte'))
			.flatMap((f) =>
				[
					...readFileSync(`${DASHBOARD}/${f}`, 'utf8').matchAll(/<MethodLink\s+section="([^"]+)"/g)
				].map((m) => m[1]!)
			);
		// Six charts link to the method: training rates, wave change, funnel, decomposition,
		// representation and district spread (counted by hand in src/routes/_dashboard).
		expect(new Set(used).size).toBe(6);
		for (const section of used) expect(ids, section).toContain(section);
	});

	it('names every metric of the registry', () => {
		for (const metric of [...METRICS, ...COMPUTED_METRICS]) {
			expect(DOC, metric.id).toContain(`\`${metric.id}\``);
		}
	});

	it('cites every source key it uses in its citation list', () => {
		const used = new Set([...DOC.matchAll(/\[(S\d+)\]/g)].map((m) => m[1]!));
		const listed = new Set([...DOC.matchAll(/^- \*\*(S\d+)\*\*/gm)].map((m) => m[1]!));
		expect([...used].filter((key) => !listed.has(key))).toEqual([]);
	});

	it('gives each heading a unique id', () => {
		expect(ids.size).toBe(rendered.headings.length);
	});
});

describe('renderMarkdown', () => {
	it('gives headings GitHub-style ids, de-duplicated', () => {
		const { html, headings } = renderMarkdown('# A (b) c\n\n## Notes\n\n## Notes');
		expect(headings.map((h) => h.id)).toEqual(['a-b-c', 'notes', 'notes-1']);
		expect(html).toContain('<h1 id="a-b-c">A (b) c</h1>');
	});

	it('wraps tables to scroll and marks column headers', () => {
		const { html } = renderMarkdown('| a | b |\n| - | --- |\n| `x` | n<10 |');
		expect(html).toContain('<div class="table-scroll"><table>');
		expect(html).toContain('<th scope="col">a</th>');
		expect(html).toContain('</table></div>');
	});

	it("keeps the formulas' lone asterisks and intraword underscores literal", () => {
		expect(renderMarkdown('n = n_eff * k and p_L vs p_H').html).toBe(
			'<p>n = n_eff * k and p_L vs p_H</p>\n'
		);
	});

	it('slugs like GitHub', () => {
		expect(slug('AI-training rates (survey)')).toBe('ai-training-rates-survey');
		expect(slug('Daily-touch data (LearnPlatform 2020)')).toBe(
			'daily-touch-data-learnplatform-2020'
		);
	});
});

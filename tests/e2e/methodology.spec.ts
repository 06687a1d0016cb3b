import { AxeBuilder } from '@axe-core/playwright';
import { expect, inject, it } from 'vitest';
import { waitUntilSettled } from './helpers/app.ts';
import { openRecordedPage } from './helpers/recorder.ts';
import { useBrowser } from './helpers/use-browser.ts';

const context = useBrowser();

it('renders the methodology with its sections, and has no axe violations', async () => {
	const { page, record } = await openRecordedPage(context());
	await page.goto(new URL('methodology', inject('servers').cspHeader).href);
	expect(await page.getByRole('heading', { level: 1 }).innerText()).toBe('Methodology');
	const contents = page.getByRole('navigation', { name: 'Sections of the methodology' });
	expect(await contents.getByRole('link', { name: 'Dosage rules' }).getAttribute('href')).toBe(
		'#dosage-rules'
	);
	// A formula table and a code block came through the build-time renderer as HTML, not as text.
	expect(await page.locator('#content table').count()).toBeGreaterThan(2);
	expect(await page.locator('#content pre code').innerText()).toContain('p̂_d = Σ_{i∈d}');

	const { violations } = await new AxeBuilder({ page }).analyze();
	expect(violations.map((v) => ({ id: v.id, targets: v.nodes.map((n) => n.target) }))).toEqual([]);
	expect(record.pageErrors).toEqual([]);
	await page.close();
});

it("a chart's method link lands on its section", async () => {
	const page = await context().newPage();
	await page.goto(new URL('training', inject('servers').cspHeader).href);
	expect((await waitUntilSettled(page)).status).toBe('ready');
	const chart = page.getByRole('figure', {
		name: 'Which districts have trained their teachers on AI?'
	});
	await chart
		.getByRole('link', { name: /How this is computed/ })
		.first()
		.click();
	await page.waitForURL(/\/methodology#ai-training-rates-survey$/);
	const section = page.getByRole('heading', { name: 'AI-training rates (survey)' });
	expect(await section.getAttribute('id')).toBe('ai-training-rates-survey');
	// The client-side router scrolls the section to the top of the viewport.
	await expect
		.poll(() => section.evaluate((h) => Math.round(h.getBoundingClientRect().top)))
		.toBeLessThan(100);
	await page.close();
});

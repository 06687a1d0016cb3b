import type { Page } from 'playwright-core';
import { describe, expect, inject, it } from 'vitest';
import { textOf, waitUntilLive } from './helpers/dashboard.ts';
import { useBrowser } from './helpers/use-browser.ts';

const context = useBrowser();

async function open(path: string): Promise<Page> {
	const page = await context().newPage();
	await page.goto(new URL(path, inject('servers').cspHeader).href);
	await waitUntilLive(page);
	return page;
}

const funnelSummary = (page: Page) =>
	page.locator('figure.chart-frame', { hasText: 'Met the recommended dosage' }).locator('.summary');

describe('the usage funnel: not-evaluable students, L / A and the representation interval', () => {
	it('from logs, the funnel summary names the students left out of the dosage rate', async () => {
		const page = await open('usage?source=logs&product=demo-math-practice');
		const summary = (await funnelSummary(page).first().textContent()) ?? '';
		expect(summary).toMatch(/Not evaluable \(fewer eligible weeks than the rule needs/);
		expect(summary).toMatch(/all students (\d+(\.\d+)?%|[≤≥<]\S+)/);
		await page.close();
	});

	it('from supplied aggregates, the summary says they have no not-evaluable count', async () => {
		const page = await open('usage?product=demo-math-practice');
		expect((await funnelSummary(page).first().textContent()) ?? '').toContain(
			'Supplied aggregates count no student as not evaluable'
		);
		await page.close();
	});

	it('a price shows licences bought per licence used (L / A)', async () => {
		const page = await open('usage?product=demo-ai-tutor&price.demo-ai-tutor=20');
		const table = page.locator('table', { hasText: 'Licences bought per licence used' });
		await table.waitFor();
		expect(await table.textContent()).toMatch(/\d(\.\d\d?)?×/);
		await page.close();
	});

	it('computes the representation interval on request, with its seed and resamples', async () => {
		const page = await open('usage?product=demo-math-practice');
		const button = page.getByRole('button', { name: 'Compute interval (slow)' }).first();
		await button.click();
		const head = page.getByText(/cluster-bootstrap intervals of the index/).first();
		await head.waitFor({ timeout: 60_000 });
		expect(await head.textContent()).toContain(
			'2,000 resamples of schools within each group, seed 1'
		);
		const first = await textOf(page, '.bootstrap li');
		expect(first).toMatch(/: \d+\.\d\d to \d+\.\d\d$/);
		await page.getByLabel('Seed').first().fill('7');
		await button.click();
		await page
			.getByText(/seed 7\):/)
			.first()
			.waitFor({ timeout: 60_000 });
		await page.close();
	});
});

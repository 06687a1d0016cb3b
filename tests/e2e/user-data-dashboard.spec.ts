import { AxeBuilder } from '@axe-core/playwright';
import type { Page } from 'playwright-core';
import { describe, expect, inject, it } from 'vitest';
import { openRecordedPage } from './helpers/recorder.ts';
import { useBrowser } from './helpers/use-browser.ts';

const context = useBrowser();
/** Rates worked by hand in tests/fixtures/dashboard/README.md. */
const SURVEY_ONLY = 'tests/fixtures/dashboard/survey-only.csv';

/** Loads the given files on "Your data" and waits until each is loaded. */
async function loadOwnData(page: Page, files: readonly string[]): Promise<void> {
	await page.goto(new URL('your-data', inject('servers').cspHeader).href);
	await page.locator('main[data-status="ready"]').waitFor();
	await page.getByLabel('Choose files to check and load').setInputFiles([...files]);
	for (const file of files) {
		const name = file.split('/').at(-1)!;
		const card = page.locator('article', { has: page.getByRole('heading', { name }) });
		await card.and(page.locator('[data-phase="mapping"]')).waitFor();
		await card.getByRole('button', { name: 'Check and load' }).click();
		await card.and(page.locator('[data-phase="loaded"]')).waitFor();
	}
}

/** Follows a view link in the site's navigation (client-side, the loaded data stays). */
async function openView(page: Page, name: string): Promise<void> {
	await page.getByRole('navigation', { name: 'Views' }).getByRole('link', { name }).click();
	await page.locator('main[data-status="ready"]').waitFor();
}

/** The data table of the figure titled `title` (shown with its toggle), as rows of cell texts. */
async function figureTable(page: Page, title: string): Promise<string[][]> {
	const figure = page.getByRole('figure', { name: title });
	await figure.getByRole('button', { name: 'Show as table' }).click();
	return figure
		.locator('tbody tr')
		.evaluateAll((rows) =>
			rows.map((r) => [...r.querySelectorAll('th, td')].map((c) => c.textContent!.trim()))
		);
}

describe("the dashboard with only the user's survey", () => {
	it('says the usage view has no data to show, and the training chart shows the survey’s rates', async () => {
		const { page, record } = await openRecordedPage(context());
		await loadOwnData(page, [SURVEY_ONLY]);

		await openView(page, 'Usage and access');
		const noData = page.locator('[data-missing="usage"]');
		expect(await noData.innerText()).toBe(
			'The data you loaded has no usage data, so there are no usage figures to show. Add usage files on Your data.'
		);
		expect(await noData.getByRole('link').getAttribute('href')).toMatch(/\/your-data$/);
		expect(await page.getByText('Recomputing').count()).toBe(0);

		await openView(page, 'AI training');
		const rows = await figureTable(page, 'Which districts have trained their teachers on AI?');
		const estimate = (group: RegExp) => rows.find((r) => group.test(r[0]!))?.[1];
		// By hand (fixture README): 32/40, 8/40; the middle group's n of 6 is withheld as ‡.
		expect(estimate(/^low/i)).toBe('80%');
		expect(estimate(/^high/i)).toBe('20%');
		expect(estimate(/^middle/i)).toMatch(/‡/);
		expect(record.pageErrors).toEqual([]);
		await page.close();
	});

	it('with only districts and products, every view says what is missing instead of failing', async () => {
		const { page, record } = await openRecordedPage(context());
		await loadOwnData(page, [
			'tests/fixtures/workspace/districts-saipe.csv',
			'tests/fixtures/hostile/html-in-products.csv'
		]);
		for (const view of ['Overview', 'AI training', 'Usage and access']) {
			await openView(page, view);
			await page.locator('[data-missing]').first().waitFor();
			expect(record.pageErrors, view).toEqual([]);
		}
		expect(record.pageErrors).toEqual([]);
		await page.close();
	});

	it('research mode, switched on for the user’s data, shows the small group under a banner and stays out of the link', async () => {
		const { page, record } = await openRecordedPage(context());
		await loadOwnData(page, [SURVEY_ONLY]);
		await openView(page, 'AI training');
		const title = 'Which districts have trained their teachers on AI?';
		const toggle = page.getByRole('checkbox', { name: /Research mode/ });
		expect(await toggle.isChecked()).toBe(false);
		expect(await page.getByRole('region', { name: 'Research mode' }).count()).toBe(0);

		await toggle.check();
		const banner = page.getByRole('region', { name: 'Research mode' });
		expect(await banner.innerText()).toContain('Research mode is on.');
		const rows = await figureTable(page, title);
		const middle = rows.find((r) => /^middle/i.test(r[0]!));
		// By hand (fixture README): 3 of 6 trained, shown with its "‡ Not met" flag.
		expect(middle?.[1]).toBe('50%');
		expect(middle?.[3]).toBe('‡ Not met');
		expect(page.url()).not.toMatch(/research/i);
		const { violations } = await new AxeBuilder({ page }).analyze();
		expect(violations.map((v) => ({ id: v.id, targets: v.nodes.map((n) => n.target) }))).toEqual(
			[]
		);

		await toggle.uncheck();
		await banner.waitFor({ state: 'detached' });
		expect(
			await page
				.getByRole('figure', { name: title })
				.locator('tbody tr', { hasText: /^middle/i })
				.innerText()
		).toMatch(/‡/);
		expect(record.pageErrors).toEqual([]);
		await page.close();
	});
});

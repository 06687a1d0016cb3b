import type { Page } from 'playwright-core';
import { describe, expect, inject, it } from 'vitest';
import { openRecordedPage } from './helpers/recorder.ts';
import { useBrowser } from './helpers/use-browser.ts';

const context = useBrowser();
/** The command line's usage fixture: values and suppression worked by hand in its README. */
const FILES = ['districts.csv', 'products.csv', 'usage_aggregate.csv'].map(
	(f) => `tests/fixtures/cli/${f}`
);
const TITLE = 'From access to recommended use: Tutor (fixture)';

async function loadOwnData(page: Page): Promise<void> {
	await page.goto(new URL('your-data', inject('servers').cspHeader).href);
	await page.locator('main[data-status="ready"]').waitFor();
	await page.getByLabel('Choose files to check and load').setInputFiles(FILES);
	for (const file of FILES) {
		const name = file.split('/').at(-1)!;
		const card = page.locator('article', { has: page.getByRole('heading', { name }) });
		await card.and(page.locator('[data-phase="mapping"]')).waitFor();
		// A school year written as one year is the fall year (data/README.md).
		const fall = card.getByRole('button', { name: /the fall year/ });
		if (await fall.count()) await fall.click();
		await card.getByRole('button', { name: 'Check and load' }).click();
		await card.and(page.locator('[data-phase="loaded"]')).waitFor();
	}
}

/** The Q4 row of the product funnel's table: its cells' texts. */
async function q4Row(page: Page): Promise<string> {
	const figure = page.getByRole('figure', { name: TITLE });
	const toggle = figure.getByRole('button', { name: 'Show as table' });
	if (await toggle.count()) await toggle.click();
	return figure.locator('tbody tr', { hasText: /Q4/ }).first().innerText();
}

describe('the suppression rules chosen for the user’s own data', () => {
	it('reach the figures: Delaware hides the Q4 group of 12 for its own size, not as a complement', async () => {
		const { page, record } = await openRecordedPage(context());
		await loadOwnData(page);
		await page
			.getByRole('navigation', { name: 'Views' })
			.getByRole('link', { name: 'Usage and access' })
			.click();
		await page.waitForURL(/\/usage/);
		await page.locator('main[data-status="ready"]').waitFor();
		// Default (fixture README): access Q4 (n = 12) is withheld only as a complement (`*`):
		// Q4 splits the block of small districts {0100003, 0600001}.
		const before = await q4Row(page);
		expect(before).toContain('*');
		expect(before).not.toContain('n<');

		const rules = page.getByRole('combobox', { name: 'Suppression rules' });
		expect(await rules.inputValue()).toBe('default');
		await rules.selectOption('delaware');
		// Delaware (groups of 15 or fewer hidden): access Q4 (n = 12) is under the minimum, n<16.
		await expect.poll(() => q4Row(page), { timeout: 30_000 }).toContain('n<16');
		expect(page.url()).not.toMatch(/delaware/i);
		expect(record.pageErrors).toEqual([]);
		await page.close();
	});
});

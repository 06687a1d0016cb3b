import type { Page } from 'playwright-core';
import { afterAll, beforeAll, expect, inject, it } from 'vitest';
import { waitUntilSettled } from './helpers/app.ts';
import { launchBrowser, unpackSparticuzChromium, type TestBrowser } from './helpers/browser.ts';
import { expectScreenshot } from './helpers/screenshot.ts';

/**
 * Screenshots of key charts against committed baselines (tests/e2e/screenshots), always with the
 * pinned @sparticuz/chromium (whatever CHROMIUM_PATH says), at a fixed viewport, once the bundled
 * font is loaded. Update the baselines with `UPDATE_SCREENSHOTS=1` after looking at them.
 */
let browser: TestBrowser | undefined;
beforeAll(async () => {
	browser = await launchBrowser(await unpackSparticuzChromium());
});
afterAll(async () => {
	await browser?.close();
});

async function openSettled(path: string): Promise<Page> {
	const page = await browser!.context.newPage();
	await page.setViewportSize({ width: 1200, height: 900 });
	await page.goto(new URL(path, inject('servers').cspHeader).href);
	expect((await waitUntilSettled(page)).status).toBe('ready');
	await page.evaluate(() => document.fonts.ready);
	expect(await page.evaluate(() => document.fonts.check('16px "Source Sans 3 Variable"'))).toBe(
		true
	);
	return page;
}

async function shoot(page: Page, title: string, name: string): Promise<void> {
	const figure = page.getByRole('figure', { name: title }).first();
	await figure.scrollIntoViewIfNeeded();
	expectScreenshot(name, await figure.screenshot({ animations: 'disabled', caret: 'hide' }));
}

it("the overview's two charts match their baselines", async () => {
	const page = await openSettled('');
	await shoot(page, 'Which districts have trained their teachers on AI?', 'overview-training');
	await shoot(
		page,
		'How many students given access use the product as recommended?',
		'overview-usage-funnel'
	);
	await page.close();
});

it("the usage view's pooled funnel matches its baseline", async () => {
	const page = await openSettled('usage');
	await shoot(page, 'All selected products, student–product pairs', 'usage-funnel');
	await page.close();
});

import { AxeBuilder } from '@axe-core/playwright';
import type { Page } from 'playwright-core';
import { beforeAll, describe, expect, inject, it } from 'vitest';
import { waitUntilSettled } from './helpers/app.ts';
import { cspViolations, openRecordedPage } from './helpers/recorder.ts';
import { useBrowser } from './helpers/use-browser.ts';

const context = useBrowser();

/** Opens the chart gallery at `width` px and waits until every chart has drawn its marks. */
async function openGallery(width = 1280): Promise<Page> {
	const page = await context().newPage();
	await page.setViewportSize({ width, height: 900 });
	await page.goto(new URL('dev/charts', inject('servers').cspHeader).href);
	const settled = await waitUntilSettled(page);
	expect(settled.status).toBe('ready');
	await page.waitForFunction(() =>
		[...document.querySelectorAll('figure')].every((f) => f.querySelector('[data-mark]'))
	);
	return page;
}

async function axeViolations(page: Page) {
	const { violations } = await new AxeBuilder({ page }).analyze();
	return violations.map(({ id, impact, nodes }) => ({
		id,
		impact,
		targets: nodes.map((node) => node.target.join(' '))
	}));
}

/** Where the focus is: which figure, and whether it is a chart mark or the table toggle. */
function focused(page: Page) {
	return page.evaluate(() => {
		const element = document.activeElement;
		const figure = element?.closest('figure');
		return {
			figure: figure ? [...document.querySelectorAll('figure')].indexOf(figure) : -1,
			mark: element?.getAttribute('data-mark') ?? null,
			label: element?.getAttribute('aria-label') ?? '',
			role: element?.getAttribute('role') ?? '',
			text: element?.textContent?.trim() ?? ''
		};
	});
}

describe('the chart gallery', () => {
	let page: Page;
	beforeAll(async () => {
		page = await openGallery();
	});

	it('has no axe violations with its charts drawn', async () => {
		expect(await axeViolations(page)).toEqual([]);
	});

	it('lets Tab reach every chart’s marks and its table toggle, each mark described', async () => {
		const figures = await page.locator('figure').count();
		const reached = new Map<number, { mark: boolean; toggle: boolean }>();
		await page.locator('h1').click();
		for (let i = 0; i < 80; i++) {
			await page.keyboard.press('Tab');
			const at = await focused(page);
			if (at.figure < 0) continue;
			const seen = reached.get(at.figure) ?? { mark: false, toggle: false };
			if (at.mark !== null) {
				expect(at.role).toBe('img');
				expect(at.label.length).toBeGreaterThan(20);
				seen.mark = true;
			}
			if (at.text === 'Show as table') seen.toggle = true;
			reached.set(at.figure, seen);
		}
		const expected = Array.from({ length: figures }, (_, i) => [i, { mark: true, toggle: true }]);
		expect([...reached.entries()].sort(([a], [b]) => a - b)).toEqual(expected);
	});

	it('moves between marks with the arrow keys and shows the focused mark’s description', async () => {
		const first = page.locator('figure').first().locator('[data-mark="0"]');
		await first.focus();
		const description = await first.getAttribute('aria-label');
		await expect.poll(() => page.locator('.tooltip').first().textContent()).toBe(description);
		await page.keyboard.press('ArrowRight');
		expect((await focused(page)).mark).toBe('1');
		await page.keyboard.press('End');
		const last = await focused(page);
		await page.keyboard.press('ArrowRight');
		expect([last.mark === '0', (await focused(page)).mark]).toEqual([false, '0']);
	});

	it('says why an estimate is suppressed, on the mark itself', async () => {
		const suppressed = page.locator('[data-mark][aria-label*="suppressed (‡)"]').first();
		await expect
			.poll(() => suppressed.getAttribute('aria-label'))
			.toContain('Reporting standards not met: the estimate is too imprecise to show.');
	});

	it('swaps each chart for a captioned table, with no axe violations', async () => {
		const toggles = page.getByRole('button', { name: 'Show as table' });
		const count = await toggles.count();
		for (let i = 0; i < count; i++) await toggles.first().click();
		expect(await page.locator('figure table caption').count()).toBe(count);
		expect(await page.getByRole('button', { name: 'Show as chart' }).count()).toBe(count);
		expect(await axeViolations(page)).toEqual([]);
	});

	it('explains a missing value on focus and hides the note on Escape', async () => {
		const badge = page.getByRole('button', { name: /n<10/ }).first();
		await badge.focus();
		const tip = page.getByRole('tooltip', { name: /minimum group size/ }).first();
		expect(await tip.isVisible()).toBe(true);
		await page.keyboard.press('Escape');
		expect(await tip.isVisible()).toBe(false);
	});

	it('redraws a chart when a filter changes, chosen by keyboard', async () => {
		const summary = page.locator('figure .summary').first();
		await page.getByRole('radio', { name: 'Fall 2024' }).focus();
		await page.keyboard.press('ArrowLeft');
		expect(await page.getByRole('radio', { name: 'Fall 2023' }).isChecked()).toBe(true);
		await expect.poll(() => summary.textContent()).toContain('12% trained');
		expect(await page.locator('figure').first().getByText('RAND', { exact: false }).count()).toBe(
			0
		);
	});

	it('dims the stale chart and marks it busy while a query is in progress', async () => {
		await page.getByRole('button', { name: 'Simulate a query in progress' }).click();
		const busy = page.locator('[aria-busy="true"]');
		expect(await busy.count()).toBe(1);
		expect(await page.getByRole('status').filter({ hasText: 'Updating…' }).count()).toBe(1);
	});
});

it('the gallery has no axe violations on a 390 px phone', async () => {
	const phone = await openGallery(390);
	expect(await axeViolations(phone)).toEqual([]);
});

it('the gallery loads its font and draws with no CSP violation or console error', async () => {
	const { page, record } = await openRecordedPage(context());
	await page.goto(new URL('dev/charts', inject('servers').cspHeader).href);
	await waitUntilSettled(page);
	await page.waitForFunction(() => document.querySelector('figure [data-mark]'));
	expect(await page.evaluate(() => document.fonts.check('16px "Source Sans 3 Variable"'))).toBe(
		true
	);
	expect({
		csp: await cspViolations(page),
		console: record.consoleErrors,
		errors: record.pageErrors,
		failed: record.failedRequests
	}).toEqual({ csp: [], console: [], errors: [], failed: [] });
});

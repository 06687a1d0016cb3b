import { AxeBuilder } from '@axe-core/playwright';
import type { Page } from 'playwright-core';
import { beforeAll, describe, expect, inject, it } from 'vitest';
import { LOCKDOWN_PROBES } from '#lib/db/lockdown-probes.ts';
import { openRecordedPage } from './helpers/recorder.ts';
import { useBrowser } from './helpers/use-browser.ts';

const context = useBrowser();

describe('the engine in Chromium', () => {
	let page: Page;

	beforeAll(async () => {
		({ page } = await openRecordedPage(context()));
		await page.goto(new URL('diagnostics', inject('servers').cspHeader).href);
		await page.waitForSelector('main[data-status="ready"], main[data-status="error"]');
	});

	it('starts, and refuses every lock-down probe with a plain explanation', async () => {
		expect(await page.locator('main').getAttribute('data-status')).toBe('ready');
		const refused = await page
			.locator('tr[data-probe]')
			.evaluateAll((rows) =>
				rows.map((r) => [r.getAttribute('data-probe'), r.getAttribute('data-refused')])
			);
		expect(refused).toEqual(LOCKDOWN_PROBES.map((p) => [p.id, 'true']));
	});

	it('reports its results accessibly (no axe violations)', async () => {
		const { violations } = await new AxeBuilder({ page }).analyze();
		expect(violations.map((v) => v.id)).toEqual([]);
	});
});

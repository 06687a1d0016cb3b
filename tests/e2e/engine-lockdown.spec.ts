import { AxeBuilder } from '@axe-core/playwright';
import type { Page } from 'playwright-core';
import { beforeAll, describe, expect, inject, it } from 'vitest';
import { START_TIMEOUT_MS } from '#lib/db/browser.ts';
import { LOCKDOWN_PROBES } from '#lib/db/lockdown-probes.ts';
import { openRecordedPage } from './helpers/recorder.ts';
import { useBrowser } from './helpers/use-browser.ts';

const context = useBrowser();

/** "Fail fast": a refusal is a check before the query runs, a few ms; a hang is not. */
const FAST_MS = 1000;

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

	it('refuses each probe at once (well under a second), not after a slow failure', async () => {
		const times = await page
			.locator('tr[data-probe] td[data-ms]')
			.evaluateAll((cells) => cells.map((c) => Number(c.getAttribute('data-ms'))));
		expect(times).toHaveLength(LOCKDOWN_PROBES.length);
		for (const ms of times) expect(ms).toBeLessThan(FAST_MS);
	});

	it('reports its results accessibly (no axe violations)', async () => {
		const { violations } = await new AxeBuilder({ page }).analyze();
		expect(violations.map((v) => v.id)).toEqual([]);
	});
});

describe('the engine when the host serves .wasm with the wrong MIME type', () => {
	it('stops waiting at the start-up timeout and says what to check', async () => {
		const { page, record } = await openRecordedPage(context());
		await page.route('**/*.wasm', async (route) => {
			const response = await route.fetch();
			const headers = { ...response.headers(), 'content-type': 'application/octet-stream' };
			await route.fulfill({ response, headers });
		});
		// Chromium refuses to compile it; DuckDB's worker then never answers, so only the timeout
		// ends the wait. The page's clock is faked to reach the 30 s deadline without waiting.
		await page.clock.install();
		const refused = page.waitForEvent('pageerror', (e) => /application\/wasm/.test(e.message));
		await page.goto(new URL('diagnostics', inject('servers').cspHeader).href);
		await refused;
		expect(await page.locator('main').getAttribute('data-status')).toBe('loading');
		await page.clock.fastForward(START_TIMEOUT_MS);
		await page.waitForSelector('main[data-status="error"]');
		const status = await page.getByRole('status').textContent();
		expect(status).toContain(`did not start within ${START_TIMEOUT_MS / 1000} s`);
		expect(status).toContain('served as application/wasm');
		expect(record.pageErrors.join('\n')).toMatch(/Incorrect response MIME type/);
		await page.close();
	});
});

import type { Page } from 'playwright-core';
import { beforeAll, describe, expect, inject, it } from 'vitest';
import { waitUntilSettled, type Settled } from './helpers/app.ts';
import { inspectHtml, liveFigures, type HtmlSummary } from './helpers/html.ts';
import { cspViolations, openRecordedPage, type PageRecord } from './helpers/recorder.ts';
import { SERVER_VARIANTS } from './helpers/site.ts';
import { useBrowser } from './helpers/use-browser.ts';

const context = useBrowser();

describe.each(SERVER_VARIANTS)('the home page served with $name', ({ key }) => {
	const url = inject('servers')[key];
	let page: Page;
	let record: PageRecord;
	let prerendered: HtmlSummary;
	let settled: Settled;

	beforeAll(async () => {
		({ page, record } = await openRecordedPage(context()));
		const response = await page.goto(url);
		if (response?.status() !== 200) throw new Error(`GET ${url}: ${response?.status()}`);
		prerendered = await inspectHtml(page, await response.text());
		// A page that never settles fails the first test below; the others still report.
		settled = await waitUntilSettled(page).catch((error: unknown) => ({
			status: null,
			text: String(error)
		}));
	});

	it('is prerendered loading, with the build-time figures', () => {
		expect(prerendered.main).toEqual({ status: 'loading', source: 'build' });
		expect(Object.keys(prerendered.figures)).not.toHaveLength(0);
		for (const [id, text] of Object.entries(prerendered.figures)) {
			expect(text, `figure ${id}`).not.toBe('');
		}
	});

	it('becomes ready with live figures equal to the prerendered ones', async () => {
		expect(settled.status, `the page did not become ready: ${settled.text}`).toBe('ready');
		expect(await page.locator('main').getAttribute('data-source')).toBe('live');
		expect(await liveFigures(page)).toEqual(prerendered.figures);
	});

	it('requests nothing outside its origin, and no request fails', () => {
		const origin = new URL(url).origin;
		const offOrigin = record.requests.filter(
			(request) => !request.startsWith(`${origin}/`) && !request.startsWith('data:')
		);
		expect(offOrigin).toEqual([]);
		expect(record.failedRequests).toEqual([]);
	});

	it('has no CSP violations, page errors or console errors', async () => {
		expect(await cspViolations(page)).toEqual([]);
		expect(record.pageErrors).toEqual([]);
		expect(record.consoleErrors).toEqual([]);
	});

	it('receives the DuckDB wasm compressed, as application/wasm', async () => {
		const wasm = record.responses.filter((response) => response.url().endsWith('.wasm'));
		expect(wasm.map((response) => response.url())).not.toHaveLength(0);
		for (const response of wasm) {
			const headers = await response.allHeaders();
			expect(headers['content-type']).toBe('application/wasm');
			expect(['br', 'gzip']).toContain(headers['content-encoding']);
		}
	});
});

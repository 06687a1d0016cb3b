import type { BrowserContext } from 'playwright-core';
import { afterAll, beforeAll, inject } from 'vitest';
import { launchBrowser, type TestBrowser } from './browser.ts';

/**
 * Launches one browser for the current test file (closed after its last test) and returns a getter
 * for its context.
 */
export function useBrowser(): () => BrowserContext {
	let browser: TestBrowser | undefined;
	beforeAll(async () => {
		browser = await launchBrowser(inject('chromiumPath'));
	});
	afterAll(async () => {
		await browser?.close();
	});
	return () => {
		if (!browser) throw new Error('useBrowser: the browser is not launched (beforeAll failed?)');
		return browser.context;
	};
}

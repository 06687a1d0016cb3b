import type { Page } from 'playwright-core';

/** How long the page may take to load DuckDB-WASM and recompute (its own start-up limit is 30 s). */
const SETTLE_TIMEOUT_MS = 60_000;

/** The page's final state: `ready` or `error`, and the visible text of `<main>` (the message). */
export type Settled = { status: string | null; text: string };

/**
 * Waits for the page's explicit signal that it has finished: `<main data-status>` becoming
 * `ready` or `error`.
 */
export async function waitUntilSettled(page: Page): Promise<Settled> {
	const main = page.locator('main[data-status="ready"], main[data-status="error"]');
	await main.waitFor({ timeout: SETTLE_TIMEOUT_MS });
	return { status: await main.getAttribute('data-status'), text: await main.innerText() };
}

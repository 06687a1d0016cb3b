import type { Page } from 'playwright-core';

const TIMEOUT_MS = 60_000;

/** Waits until the page shows figures computed in the browser for the view in its URL. */
export async function waitUntilLive(page: Page): Promise<void> {
	await page
		.locator('main[data-status="ready"][data-source="live"]')
		.waitFor({ timeout: TIMEOUT_MS });
}

/** The text of an element, whitespace collapsed. */
export async function textOf(page: Page, selector: string): Promise<string> {
	return ((await page.locator(selector).first().textContent()) ?? '').replace(/\s+/g, ' ').trim();
}

/**
 * Waits until an element's text differs from `before` and the page is ready again: the explicit
 * signal that a change of view reached that figure.
 */
export async function waitForNewText(
	page: Page,
	selector: string,
	before: string
): Promise<string> {
	await page.waitForFunction(
		({ selector, before }) => {
			const main = document.querySelector('main');
			const text = (document.querySelector(selector)?.textContent ?? '')
				.replace(/\s+/g, ' ')
				.trim();
			return main?.dataset.status === 'ready' && text !== '' && text !== before;
		},
		{ selector, before },
		{ timeout: TIMEOUT_MS }
	);
	await waitUntilLive(page);
	return textOf(page, selector);
}

/**
 * Presses Tab until focus comes back to where it started (or `limit` presses) and returns a
 * description of every element that received focus, in order.
 */
export async function tabThrough(page: Page, limit = 600): Promise<string[]> {
	await page.evaluate(() => (document.activeElement as HTMLElement | null)?.blur());
	const seen: string[] = [];
	for (let i = 0; i < limit; i++) {
		await page.keyboard.press('Tab');
		const id = await page.evaluate(() => {
			const el = document.activeElement;
			if (!el || el === document.body) return null;
			el.setAttribute('data-tab-seen', '');
			return `${el.tagName.toLowerCase()}:${el.getAttribute('aria-label') ?? el.textContent?.trim().slice(0, 40) ?? ''}`;
		});
		if (id === null && seen.length) break;
		if (id !== null) seen.push(id);
	}
	return seen;
}

/** Visible, enabled controls (radio groups as one) that Tab never reached (after `tabThrough`). */
export function unreachedControls(page: Page): Promise<string[]> {
	return page.evaluate(() => {
		const controls = document.querySelectorAll<HTMLElement>(
			'a[href], button, input, select, textarea, summary, [tabindex="0"]'
		);
		return [...controls]
			.filter((el) => {
				// Controls inside a closed <details> are not rendered, so not visible.
				const visible = el.checkVisibility({ visibilityProperty: true });
				// A radio group is one tab stop; arrow keys move within it.
				const radio = el instanceof HTMLInputElement && el.type === 'radio';
				const groupSeen =
					radio && document.querySelector(`input[name="${el.name}"][data-tab-seen]`) !== null;
				return (
					visible &&
					!(el as HTMLButtonElement).disabled &&
					!el.hasAttribute('data-tab-seen') &&
					!groupSeen
				);
			})
			.map((el) => el.outerHTML.slice(0, 120));
	});
}

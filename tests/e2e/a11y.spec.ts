import { AxeBuilder } from '@axe-core/playwright';
import { expect, inject, it } from 'vitest';
import { waitUntilSettled } from './helpers/app.ts';
import { useBrowser } from './helpers/use-browser.ts';

const context = useBrowser();

/** Every page of the site, relative to its root. */
const PAGES = ['', 'training', 'usage'];

it.each(PAGES)('/%s has no axe violations once ready (CSP header on)', async (path) => {
	const page = await context().newPage();
	await page.goto(new URL(path, inject('servers').cspHeader).href);
	const settled = await waitUntilSettled(page);
	expect(settled.status, `the page did not become ready: ${settled.text}`).toBe('ready');

	// No bypassCSP needed: axe is injected through the DevTools protocol, which the CSP does not govern.
	const { violations } = await new AxeBuilder({ page }).analyze();
	const summary = violations.map(({ id, impact, nodes }) => ({
		id,
		impact,
		targets: nodes.map((node) => node.target.join(' '))
	}));
	expect(summary).toEqual([]);
});

import { AxeBuilder } from '@axe-core/playwright';
import { expect, inject, it } from 'vitest';
import { waitUntilSettled } from './helpers/app.ts';
import { useBrowser } from './helpers/use-browser.ts';

const context = useBrowser();

it('the home page has no axe violations once ready (CSP header on)', async () => {
	const page = await context().newPage();
	await page.goto(inject('servers').cspHeader);
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

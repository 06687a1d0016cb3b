import { AxeBuilder } from '@axe-core/playwright';
import { expect, inject, it } from 'vitest';
import { waitUntilLive } from './helpers/dashboard.ts';
import { openRecordedPage } from './helpers/recorder.ts';
import { useBrowser } from './helpers/use-browser.ts';

const context = useBrowser();

// 0195002 answered the demo survey's fall 2024 wave; 0195001 and 0195004 did not.
const PICKED = ['0195002', '0195001', '0195004'];

it('compares three districts with their peers, says "not surveyed", and passes axe', async () => {
	const { page, record } = await openRecordedPage(context());
	await page.goto(
		new URL(`compare?district=${PICKED.join(',')}`, inject('servers').cspHeader).href
	);
	await waitUntilLive(page);

	const lists = page.locator('[data-peer-list]');
	expect(
		await lists.evaluateAll((els) => els.map((e) => e.getAttribute('data-peer-list')))
	).toEqual(PICKED);
	for (const leaid of PICKED) {
		expect(await page.locator(`[data-peer-list="${leaid}"] tbody tr`).count()).toBe(20);
	}
	const training = page.getByRole('figure', { name: /trained its teachers/ });
	const summary = (await training.locator('.summary').textContent()) ?? '';
	expect(summary.match(/Not surveyed/g)).toHaveLength(2);
	expect(summary).toMatch(/0195002\): (Trained|Not trained)/);
	// Each picked district is a keyboard-reachable mark in both dot plots and the scatter.
	expect(await page.locator('svg [data-mark][role="img"]').count()).toBeGreaterThanOrEqual(6);
	expect(await page.getByRole('figure', { name: /poverty level predicts/ }).count()).toBe(1);

	const { violations } = await new AxeBuilder({ page }).analyze();
	expect(violations.map((v) => ({ id: v.id, targets: v.nodes.map((n) => n.target) }))).toEqual([]);
	expect(record.pageErrors).toEqual([]);
	expect(record.consoleErrors).toEqual([]);
	await page.close();
});

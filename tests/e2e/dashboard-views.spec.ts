import type { Page } from 'playwright-core';
import { describe, expect, inject, it } from 'vitest';
import {
	tabThrough,
	textOf,
	unreachedControls,
	waitForNewText,
	waitUntilLive
} from './helpers/dashboard.ts';
import { openRecordedPage } from './helpers/recorder.ts';
import { useBrowser } from './helpers/use-browser.ts';

const context = useBrowser();
const VIEWS = ['', 'training', 'usage'] as const;

async function open(path: string): Promise<Page> {
	const page = await context().newPage();
	await page.goto(new URL(path, inject('servers').cspHeader).href);
	await waitUntilLive(page);
	return page;
}

describe('the dashboard views', () => {
	it.each(VIEWS)(
		'/%s renders its charts from the demo data, computed in the browser',
		async (path) => {
			const { page, record } = await openRecordedPage(context());
			await page.goto(new URL(path, inject('servers').cspHeader).href);
			await waitUntilLive(page);
			expect(await page.locator('figure.chart-frame').count()).toBeGreaterThan(0);
			expect(await page.locator('h1').count()).toBe(1);
			expect(record.pageErrors).toEqual([]);
			expect(record.consoleErrors).toEqual([]);
			await page.close();
		}
	);

	it('a filter updates every chart and sentence and the URL; a reload restores the view', async () => {
		const page = await open('');
		const share = await textOf(page, '[data-figure="dosage-share"]');
		const funnel = await textOf(
			page,
			'#usage-heading ~ * .summary, section[aria-labelledby="usage-heading"] .summary'
		);
		const training = await textOf(page, '[data-figure="training-sentence"]');

		await page.getByRole('checkbox', { name: 'Rural' }).check();
		const filtered = await waitForNewText(page, '[data-figure="dosage-share"]', share);
		expect(page.url()).toMatch(/[?&]locale=rural(&|$)/);
		expect(page.url()).toMatch(/[?&]v=[0-9a-f]+/);
		expect(await textOf(page, 'section[aria-labelledby="usage-heading"] .summary')).not.toBe(
			funnel
		);
		// The sample survey is not cut by a locale filter; it says so.
		expect(await textOf(page, '[data-figure="training-sentence"]')).toBe(training);
		expect(await textOf(page, 'section[aria-labelledby="training-heading"]')).toContain(
			'not applied to the survey'
		);

		await page.reload();
		await waitUntilLive(page);
		expect(await page.getByRole('checkbox', { name: 'Rural' }).isChecked()).toBe(true);
		expect(await textOf(page, '[data-figure="dosage-share"]')).toBe(filtered);
		await page.close();
	});

	it('grouping by locale regroups the usage funnel and is kept in the URL', async () => {
		const page = await open('usage');
		const before = await textOf(page, 'section[aria-labelledby="all-heading"] .summary');
		await page.getByLabel('Group by').selectOption('locale');
		const after = await waitForNewText(
			page,
			'section[aria-labelledby="all-heading"] .summary',
			before
		);
		expect(page.url()).toMatch(/[?&]group=locale(&|$)/);
		expect(after).toContain('students in rural districts');
		await page.close();
	});

	it('a tampered link falls back to defaults and says what it ignored', async () => {
		const page = await open('?state=ZZ&group=nowhere&price.demo-ai-tutor=abc&v=0123456789ab');
		const notices = await textOf(page, '[data-notice="invalid"]');
		expect(notices).toContain('Ignored “ZZ”: not a known state abbreviation.');
		expect(notices).toContain('Ignored “nowhere” for group');
		expect(notices).toContain('Ignored the price for demo-ai-tutor');
		expect(await textOf(page, '[data-notice="data-version"]')).toContain('0123456789ab');
		const clean = await open('');
		expect(await textOf(page, '[data-figure="dosage-share"]')).toBe(
			await textOf(clean, '[data-figure="dosage-share"]')
		);
		await Promise.all([page.close(), clean.close()]);
	});

	it('moving between views keeps the shared filters', async () => {
		const page = await open('?locale=rural&group=size');
		await page.getByRole('link', { name: 'Usage and access' }).click();
		await page.waitForURL(/\/usage\?/);
		await waitUntilLive(page);
		expect(page.url()).toMatch(/locale=rural/);
		expect(await page.getByRole('checkbox', { name: 'Rural' }).isChecked()).toBe(true);
		expect(await page.getByLabel('Group by').inputValue()).toBe('size');
		await page.close();
	});

	it('an edited dosage rule is validated, recomputes the figures and is recorded in the URL', async () => {
		const page = await open('usage?source=logs&product=demo-math-practice');
		const sentence = await textOf(page, '[data-figure="usage-sentence"]');
		const editor = page.getByLabel('Rule as JSON (all clauses must hold)');
		await editor.fill('{"minutes": 10}');
		expect(await textOf(page, '.rule-editor .check')).toContain('unknown clause "minutes"');
		expect(await page.getByRole('button', { name: 'Apply rule' }).isDisabled()).toBe(true);
		await editor.fill('{"minutes_per_week_mean": {">=": 10}, "min_eligible_weeks": 4}');
		await page.getByRole('button', { name: 'Apply rule' }).click();
		await waitForNewText(page, '[data-figure="usage-sentence"]', sentence);
		expect(decodeURIComponent(page.url())).toContain(
			'rule.demo-math-practice={"minutes_per_week_mean":{">=":10},"min_eligible_weeks":4}'
		);
		expect(await textOf(page, '.rule-text')).toContain('mean minutes per eligible week ≥ 10');
		await page.close();
	});

	it('a price per licence feeds the cost lens and the URL', async () => {
		const page = await open('usage?product=demo-ai-tutor');
		const price = page.getByLabel(/Price per licence for Readwell AI Tutor/);
		await price.fill('20');
		await price.press('Enter');
		await page.waitForURL(/price\.demo-ai-tutor=20/);
		const table = page.locator('table', { hasText: 'Per student who activated' });
		await table.waitFor();
		expect(await table.textContent()).toMatch(/\$\d+\.\d\d/);
		await page.close();
	});

	it.each(VIEWS)('/%s: the keyboard alone reaches every control', async (path) => {
		const page = await open(path);
		const reached = await tabThrough(page);
		expect(reached.length).toBeGreaterThan(10);
		expect(await unreachedControls(page)).toEqual([]);
		await page.close();
	});

	it('the folded state list opens from the keyboard and its boxes are reachable', async () => {
		const page = await open('');
		await page.locator('summary', { hasText: 'State' }).focus();
		await page.keyboard.press('Enter');
		await page.keyboard.press('Tab');
		await page.keyboard.press('Space');
		await page.waitForURL(/[?&]state=AK(&|$)/);
		await waitUntilLive(page);
		expect(await page.getByRole('checkbox', { name: 'AK' }).isChecked()).toBe(true);
		await page.close();
	});
});

import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { beforeAll, describe, expect, inject, it } from 'vitest';
import { openRecordedPage } from './helpers/recorder.ts';
import { useBrowser } from './helpers/use-browser.ts';

const context = useBrowser();
const DISTRICTS = 'tests/fixtures/workspace/districts-saipe.csv';
const MILLION = 1_000_000;
let bigFile = '';

/** A canonical usage-aggregate file of `rows` schools (about 70 bytes a row). */
function writeUsageFile(rows: number): string {
	const path = join(mkdtempSync(join(tmpdir(), 'adoption-gap-data-')), 'vendor-usage-1m.csv');
	const lines = [
		'unit_type,unit_id,product_id,school_year_start,licensed_n,activated_n,dosage_met_n'
	];
	for (let i = 0; i < rows; i++)
		lines.push(`school,${String(100000000000 + i)},p${i % 3},2024,100,80,${i % 50}`);
	writeFileSync(path, `${lines.join('\n')}\n`);
	return path;
}

beforeAll(() => {
	bigFile = writeUsageFile(MILLION);
});

async function openDataPage(): Promise<Page> {
	const { page } = await openRecordedPage(context());
	await page.goto(new URL('your-data', inject('servers').cspHeader).href);
	await page.locator('main[data-status="ready"]').waitFor();
	return page;
}

const card = (page: Page, name: string) =>
	page.locator('article', { has: page.getByRole('heading', { name, exact: false }) });

const databases = (page: Page) =>
	page.evaluate(async () => (await indexedDB.databases()).map((d) => d.name));

async function startBigLoad(page: Page) {
	await page.getByLabel('Choose files to check and load').setInputFiles(bigFile);
	const usage = card(page, 'vendor-usage-1m.csv');
	await usage.and(page.locator('[data-phase="mapping"]')).waitFor();
	await usage.getByRole('button', { name: '2024 means 2024-25 (the fall year)' }).click();
	await usage.getByRole('button', { name: 'Check and load' }).click();
	return usage;
}

describe('Your data: large files, cancelling, keeping and forgetting', () => {
	it(`loads ${MILLION.toLocaleString('en-US')} usage rows with a progress bar`, async () => {
		const page = await openDataPage();
		const usage = await startBigLoad(page);
		const bar = usage.getByRole('progressbar', { name: 'Loading vendor-usage-1m.csv' });
		await bar.waitFor();
		await expect
			.poll(async () => Number(await bar.getAttribute('aria-valuenow')), { timeout: 30_000 })
			.toBeGreaterThan(10);
		await usage.and(page.locator('[data-phase="loaded"]')).waitFor({ timeout: 80_000 });
		expect(await usage.getByTestId('rows-accounting').innerText()).toBe(
			'1,000,000 rows read = 1,000,000 loaded + 0 rejected'
		);
		await page.close();
	}, 120_000);

	it('cancels a load: nothing kept, the page stays usable', async () => {
		const page = await openDataPage();
		const usage = await startBigLoad(page);
		await usage.getByRole('progressbar').waitFor();
		await usage.getByRole('button', { name: 'Cancel loading' }).click();
		await usage.and(page.locator('[data-phase="cancelled"]')).waitFor();
		expect(await page.locator('main [role="status"]').innerText()).toBe(
			'Loading vendor-usage-1m.csv was cancelled; nothing from it was kept.'
		);
		await page.getByLabel('Choose files to check and load').setInputFiles(DISTRICTS);
		const districts = card(page, 'districts-saipe.csv');
		await districts.and(page.locator('[data-phase="mapping"]')).waitFor();
		await districts.getByRole('button', { name: 'Check and load' }).click();
		await districts.and(page.locator('[data-phase="loaded"]')).waitFor();
		expect(await districts.getByTestId('rows-accounting').innerText()).toBe(
			'5 rows read = 4 loaded + 1 rejected'
		);
		await page.close();
	}, 120_000);

	it('keep on this device restores after a reload; forget my data removes every trace', async () => {
		const page = await openDataPage();
		expect(await databases(page)).toEqual([]);
		await page.getByLabel('Choose files to check and load').setInputFiles(DISTRICTS);
		const districts = card(page, 'districts-saipe.csv');
		await districts.and(page.locator('[data-phase="mapping"]')).waitFor();
		expect(await databases(page)).toEqual([]);
		await districts.getByRole('button', { name: 'Check and load' }).click();
		await districts.and(page.locator('[data-phase="loaded"]')).waitFor();
		await page.getByLabel('Keep my files and mappings on this device').check();
		await page.getByText('Your files and mappings are kept in this browser.').waitFor();
		expect(await databases(page)).toEqual(['adoption-gap-workspace']);

		await page.reload();
		await page.locator('main[data-status="ready"]').waitFor();
		const restored = card(page, 'districts-saipe.csv');
		await restored.and(page.locator('[data-phase="loaded"]')).waitFor();
		expect(await restored.getByTestId('rows-accounting').innerText()).toBe(
			'5 rows read = 4 loaded + 1 rejected'
		);
		expect(await page.getByLabel('Keep my files and mappings on this device').isChecked()).toBe(
			true
		);

		await page.getByRole('button', { name: 'Forget my data' }).click();
		await page.getByText('Your data was removed from this browser.').waitFor();
		expect(await page.locator('article').count()).toBe(0);
		expect(await databases(page)).toEqual([]);
		await page.reload();
		await page.locator('main[data-status="ready"]').waitFor();
		expect(await page.locator('article').count()).toBe(0);
		await page.close();
	}, 120_000);
});

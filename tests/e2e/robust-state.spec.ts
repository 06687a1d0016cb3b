import type { Page, Route } from 'playwright-core';
import { describe, expect, inject, it } from 'vitest';
import { waitUntilLive } from './helpers/dashboard.ts';
import { openRecordedPage } from './helpers/recorder.ts';
import { useBrowser } from './helpers/use-browser.ts';

const context = useBrowser();
const DISTRICTS = 'tests/fixtures/workspace/districts-saipe.csv';

const card = (page: Page, name: string) =>
	page.locator('article', { has: page.getByRole('heading', { name, exact: false }) });

async function openDataPage(): Promise<Page> {
	const { page } = await openRecordedPage(context());
	await page.goto(new URL('your-data', inject('servers').cspHeader).href);
	await page.locator('main[data-status="ready"]').waitFor();
	return page;
}

/** The page still does its job: the district file loads with its known accounting. */
async function loadsAFile(page: Page): Promise<void> {
	await page.getByLabel('Choose files to check and load').setInputFiles(DISTRICTS);
	const districts = card(page, 'districts-saipe.csv');
	await districts.and(page.locator('[data-phase="mapping"]')).waitFor();
	await districts.getByRole('button', { name: 'Check and load' }).click();
	await districts.and(page.locator('[data-phase="loaded"]')).waitFor();
	expect(await districts.getByTestId('rows-accounting').innerText()).toBe(
		'5 rows read = 4 loaded + 1 rejected'
	);
}

const databases = (page: Page) =>
	page.evaluate(async () => (await indexedDB.databases()).map((d) => d.name));

describe('robust state: damaged storage, tampered links, a dying worker', () => {
	it.each([
		[
			'damaged records',
			'1 of 1 records are damaged',
			async () => {
				const open = indexedDB.open('adoption-gap-workspace', 1);
				open.onupgradeneeded = () => open.result.createObjectStore('files', { keyPath: 'id' });
				await new Promise((resolve) => (open.onsuccess = resolve));
				const tx = open.result.transaction('files', 'readwrite');
				tx.objectStore('files').put({ id: 'x', name: 42, blob: 'not a blob', mapping: {} });
				await new Promise((resolve) => (tx.oncomplete = resolve));
				open.result.close();
			}
		],
		[
			'a newer database without the files store',
			'less than the existing version',
			async () => {
				const open = indexedDB.open('adoption-gap-workspace', 7);
				open.onupgradeneeded = () => open.result.createObjectStore('other');
				await new Promise((resolve) => (open.onsuccess = resolve));
				open.result.close();
			}
		]
	])(
		'kept data with %s is removed with a message, and the page works on',
		async (_, says, damage) => {
			const page = await openDataPage();
			await page.evaluate(damage);
			expect(await databases(page)).toEqual(['adoption-gap-workspace']);
			await page.reload();
			await page.locator('main[data-status="ready"]').waitFor();
			const problem = await page.getByRole('alert').innerText();
			expect(problem).toContain('The files kept in this browser could not be read back (');
			expect(problem).toContain(says);
			expect(problem).toContain('so they were removed from it. Add your files again.');
			expect(await databases(page)).toEqual([]);
			expect(await page.getByLabel('Keep my files and mappings on this device').isChecked()).toBe(
				false
			);
			await loadsAFile(page);
			await page.close();
		}
	);

	it('a link with tampered and absurd parameters falls back with notices; the view works', async () => {
		const { page, record } = await openRecordedPage(context());
		// About 5 KB in all: servers refuse request lines much longer (Node's limit is 16 KB).
		const districts = Array.from({ length: 300 }, (_, i) => String(100000 + i).padStart(7, '0'));
		const query = [
			'state=%3Cscript%3Ealert(1)%3C%2Fscript%3E',
			'group=%E0%A4%A',
			'weight=__proto__',
			'scheme=constructor',
			'year=99999',
			`product=${'p'.repeat(2_000)}`,
			`district=${districts.join(',')}`,
			'price.x=1e999',
			'state=NM',
			'v=ffffffffffff'
		].join('&');
		await page.goto(new URL(`usage?${query}`, inject('servers').cspHeader).href);
		await waitUntilLive(page);
		const invalid = page.locator('[data-notice="invalid"]');
		expect(await invalid.innerText()).toContain('Part of this link could not be used');
		expect(await page.locator('[data-notice="data-version"]').innerText()).toContain(
			'ffffffffffff'
		);
		expect(await page.locator('script:text("alert(1)")').count()).toBe(0);
		await invalid.getByRole('button', { name: 'Reset the whole view' }).click();
		await invalid.waitFor({ state: 'detached' });
		await waitUntilLive(page);
		expect(await page.locator('figure.chart-frame').count()).toBeGreaterThan(0);
		expect(record.pageErrors).toEqual([]);
		await page.close();
	});

	it('a worker that dies in the middle of a load is reported, nothing is kept, the next load works', async () => {
		const page = await openDataPage();
		// The real ingest worker, changed to die with an uncaught error at its first chunk.
		const crash = async (route: Route) => {
			const response = await route.fetch();
			const headers = { ...response.headers() };
			delete headers['content-encoding'];
			delete headers['content-length'];
			const dying = `self.addEventListener('message', (event) => { if (event.data?.type === 'next') { event.stopImmediatePropagation(); throw new Error('simulated worker crash'); } });\n`;
			await route.fulfill({ response, headers, body: dying + (await response.text()) });
		};
		await context().route('**/ingest.worker-*.js', crash);
		try {
			await page.getByLabel('Choose files to check and load').setInputFiles(DISTRICTS);
			const districts = card(page, 'districts-saipe.csv');
			await districts.and(page.locator('[data-phase="mapping"]')).waitFor();
			await districts.getByRole('button', { name: 'Check and load' }).click();
			await districts
				.and(page.locator('[data-phase="loaded"], [data-phase="unreadable"]'))
				.waitFor();
			const text = await districts.innerText();
			expect(text).toContain('simulated worker crash');
			expect(text).toMatch(/Not loaded|could not be loaded/);
		} finally {
			await context().unroute('**/ingest.worker-*.js', crash);
		}
		await card(page, 'districts-saipe.csv')
			.getByRole('button', { name: 'Remove districts-saipe.csv' })
			.click();
		await card(page, 'districts-saipe.csv').waitFor({ state: 'detached' });
		await loadsAFile(page);
		await page.close();
	});
});

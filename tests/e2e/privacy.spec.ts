import { existsSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import type { Page, Request } from 'playwright-core';
import { describe, expect, inject, it } from 'vitest';
import { waitUntilLive } from './helpers/dashboard.ts';
import { openRecordedPage } from './helpers/recorder.ts';
import { BUILD_DIR } from './helpers/site.ts';
import { useBrowser } from './helpers/use-browser.ts';

const context = useBrowser();
const DISTRICTS = 'tests/fixtures/workspace/districts-saipe.csv';
const SURVEY = 'tests/fixtures/ingest/state-survey-excel-1252.csv';

/** Everything a page could have left in this browser's storage, read from inside the page. */
async function storage(page: Page) {
	return page.evaluate(async () => {
		const root = await navigator.storage.getDirectory();
		const files: string[] = [];
		for await (const name of (root as unknown as { keys(): AsyncIterable<string> }).keys())
			files.push(name);
		return {
			localStorage: Object.keys(localStorage),
			// SvelteKit keeps scroll positions and history entries here; nothing of the user's.
			sessionStorage: Object.keys(sessionStorage).filter((k) => !k.startsWith('sveltekit:')),
			leaks: [localStorage, sessionStorage].flatMap((s) =>
				Object.values(s).filter((v) => /districts-saipe|Albuquerque|3500001/.test(v))
			),
			indexedDB: (await indexedDB.databases()).map((d) => d.name),
			caches: await caches.keys(),
			cookies: document.cookie,
			originPrivateFiles: files,
			serviceWorkers: (await navigator.serviceWorker.getRegistrations()).length
		};
	});
}

const EMPTY = {
	localStorage: [],
	sessionStorage: [],
	leaks: [],
	indexedDB: [],
	caches: [],
	cookies: '',
	originPrivateFiles: [],
	serviceWorkers: 0
};

/** The file of the built site a URL names (`/your-data` is `your-data.html`), or null. */
function builtFile(url: URL): string | null {
	const path = decodeURIComponent(url.pathname);
	for (const candidate of [path, `${path}.html`, join(path, 'index.html')]) {
		const file = join(BUILD_DIR, candidate);
		if (existsSync(file) && statSync(file).isFile()) return file;
	}
	return null;
}

type Seen = { method: string; url: string; body: boolean };

/** Records every request of the context (pages and workers) until `stop`: method, URL, body or not. */
function recordRequests(): { seen: Seen[]; stop: () => void } {
	const seen: Seen[] = [];
	const listener = (r: Request) =>
		seen.push({ method: r.method(), url: r.url(), body: r.postDataBuffer() !== null });
	context().on('request', listener);
	return { seen, stop: () => context().off('request', listener) };
}

const card = (page: Page, name: string) =>
	page.locator('article', { has: page.getByRole('heading', { name, exact: false }) });

async function loadDistricts(page: Page): Promise<void> {
	await page.getByLabel('Choose files to check and load').setInputFiles(DISTRICTS);
	const districts = card(page, 'districts-saipe.csv');
	await districts.and(page.locator('[data-phase="mapping"]')).waitFor();
	await districts.getByRole('button', { name: 'Check and load' }).click();
	await districts.and(page.locator('[data-phase="loaded"]')).waitFor();
}

/** Loads the district reference and a survey (as data-flow.spec.ts does), so the dashboard has both. */
async function loadDistrictsAndSurvey(page: Page): Promise<void> {
	await loadDistricts(page);
	await page.getByLabel('Choose files to check and load').setInputFiles(SURVEY);
	const survey = card(page, 'state-survey-excel-1252.csv');
	await survey.and(page.locator('[data-phase="mapping"]')).waitFor();
	await survey.getByLabel('One value for every row of survey_id').fill('nm-2024');
	await survey.getByLabel('One value for every row of survey_id').press('Tab');
	await survey.getByRole('button', { name: 'Check and load' }).click();
	await survey.and(page.locator('[data-phase="loaded"]')).waitFor();
}

describe('privacy: your data stays in this browser', () => {
	it('loading a file and using the dashboard requests nothing but the site’s own static files, and stores nothing', async () => {
		const { seen: requests, stop } = recordRequests();
		const base = inject('servers').cspHeader;
		const { page, record } = await openRecordedPage(context());
		await page.goto(new URL('your-data', base).href);
		await page.locator('main[data-status="ready"]').waitFor();
		await loadDistrictsAndSurvey(page);
		await page.getByRole('link', { name: 'See the dashboard with your data' }).click();
		await page.getByRole('region', { name: 'Whose data' }).waitFor();
		await page.locator('main[data-status="ready"]').waitFor();

		stop();
		const network = requests.filter((r) => !/^(blob|data):/.test(r.url));
		expect(network.length).toBeGreaterThan(0);
		const origin = new URL(base).origin;
		const notStatic = network.filter(
			(r) =>
				r.method !== 'GET' ||
				r.body ||
				new URL(r.url).origin !== origin ||
				!builtFile(new URL(r.url))
		);
		expect(notStatic).toEqual([]);
		// No request names anything from the file (its name or its values).
		expect(
			network.filter((r) => /districts-saipe|state-survey|Albuquerque|3500001/.test(r.url))
		).toEqual([]);
		expect(record.failedRequests).toEqual([]);
		expect(await storage(page)).toEqual(EMPTY);
		await page.close();
	});

	it('keeps only the files the user chose to keep, and "forget my data" clears every trace', async () => {
		const { page } = await openRecordedPage(context());
		await page.goto(new URL('your-data', inject('servers').cspHeader).href);
		await page.locator('main[data-status="ready"]').waitFor();
		await loadDistricts(page);
		expect(await storage(page)).toEqual(EMPTY);

		await page.getByLabel('Keep my files and mappings on this device').check();
		await page.getByText('Your files and mappings are kept in this browser.').waitFor();
		expect(await storage(page)).toEqual({ ...EMPTY, indexedDB: ['adoption-gap-workspace'] });
		const kept = await page.evaluate(
			() =>
				new Promise<{ name: string; table: string | undefined; size: number }[]>(
					(resolve, reject) => {
						const open = indexedDB.open('adoption-gap-workspace');
						open.onerror = () => reject(open.error);
						open.onsuccess = () => {
							const all = open.result.transaction('files').objectStore('files').getAll();
							all.onsuccess = () => {
								open.result.close();
								resolve(
									all.result.map((f) => ({
										name: f.name,
										table: f.mapping?.table,
										size: f.blob.size
									}))
								);
							};
						};
					}
				)
		);
		expect(kept).toEqual([
			{ name: 'districts-saipe.csv', table: 'districts', size: statSync(DISTRICTS).size }
		]);

		await page.getByRole('button', { name: 'Forget my data' }).click();
		await page.getByText('Your data was removed from this browser.').waitFor();
		expect(await storage(page)).toEqual(EMPTY);
		await page.reload();
		await page.locator('main[data-status="ready"]').waitFor();
		expect(await page.locator('article').count()).toBe(0);
		expect(await storage(page)).toEqual(EMPTY);
		await page.close();
	});

	it('never shows a student-level identifier, in any view, chart or table', async () => {
		// Every student key of the demo data, which the usage figures are computed from.
		const keys = new Set(
			['usage_roster', 'usage_student_week'].flatMap((t) =>
				readFileSync(join(BUILD_DIR, `data/${t}.csv`), 'utf8')
					.split('\n')
					.slice(1)
					.map((line) => line.split(',')[0])
					.filter((k): k is string => Boolean(k))
			)
		);
		expect(keys.size).toBeGreaterThan(1000);
		for (const path of ['', 'training', 'usage']) {
			const page = await context().newPage();
			await page.goto(new URL(path, inject('servers').cspHeader).href);
			await waitUntilLive(page);
			const toggles = page.getByRole('button', { name: 'Show as table' });
			for (let i = await toggles.count(); i > 0; i--) await toggles.first().click();
			const html = await page.content();
			const shown = (html.match(/[0-9a-f]{16}/g) ?? []).filter((token) => keys.has(token));
			expect(shown, `/${path}`).toEqual([]);
			await page.close();
		}
	});
});

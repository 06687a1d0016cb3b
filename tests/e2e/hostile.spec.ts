import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { CORPUS, isGenerated, type HostileCase } from '../fixtures/hostile/corpus.ts';
import { writeGenerated } from '../fixtures/hostile/generate.ts';
import { cspViolations, openRecordedPage } from './helpers/recorder.ts';
import { useBrowser } from './helpers/use-browser.ts';

const context = useBrowser();
const FOLDER = 'tests/fixtures/hostile';
let generatedFolder = '';
let generated: Record<string, string> = {};

beforeAll(() => {
	generatedFolder = mkdtempSync(join(tmpdir(), 'adoption-gap-hostile-'));
	generated = writeGenerated(generatedFolder);
});
afterAll(() => rmSync(generatedFolder, { recursive: true, force: true }));

const pathOf = (file: string) => (isGenerated(file) ? generated[file]! : `${FOLDER}/${file}`);

/**
 * The newest file card, located without text matching: the page grows to some fifty cards, and
 * role or text queries over all of them would dominate the test's time.
 */
const newest = (page: Page) => page.locator('main article.file-card').last();

/** Waits until the newest card is in one of `phases`, and returns the phase. */
async function phaseOf(page: Page, phases: readonly string[]): Promise<string> {
	const handle = await page.waitForFunction(
		(wanted) => {
			const cards = document.querySelectorAll<HTMLElement>('main article.file-card');
			const phase = cards[cards.length - 1]?.dataset.phase ?? '';
			return wanted.includes(phase) ? phase : false;
		},
		phases,
		{ timeout: 60_000 }
	);
	return (await handle.jsonValue()) as string;
}

/** Adds one file through the real file input and checks what its card says. */
async function check(page: Page, { file, outcome }: HostileCase): Promise<void> {
	await page.getByLabel('Choose files to check and load').setInputFiles(pathOf(file));
	const entry = newest(page);
	expect(await entry.locator('h2').innerText()).toContain(file);
	const phase = await phaseOf(page, ['unreadable', 'mapping']);
	if ('refused' in outcome) {
		expect(phase, file).toBe('unreadable');
		expect(await entry.locator('.read-issues').innerText(), file).toContain(outcome.refused.says);
		return;
	}
	expect(phase, file).toBe('mapping');
	const load = entry.locator('button.primary', { hasText: 'Check and load' });
	if ('blocked' in outcome) {
		expect(await load.isDisabled(), file).toBe(true);
		expect(await entry.locator('.blockers').innerText(), file).toContain(outcome.blocked.says);
		return;
	}
	await load.click();
	expect(await phaseOf(page, ['loaded']), file).toBe('loaded');
	const [read, loaded, rejected] = outcome.loaded;
	expect(await entry.getByTestId('rows-accounting').innerText(), file).toMatch(
		new RegExp(`^${read} rows read = ${loaded} loaded \\+ ${rejected} rejected`)
	);
	// The report's text, its issue table included (one page of up to 25 issues is enough here).
	const text = await entry.locator('section.report').innerText();
	for (const expected of outcome.issues) expect(text, file).toContain(expected.says);
}

/** Removes the newest card (a loaded file), waiting until it is gone. */
async function removeNewest(page: Page, file: string): Promise<void> {
	const cards = await page.locator('main article.file-card').count();
	await newest(page)
		.getByRole('button', { name: `Remove ${file}` })
		.click();
	await page.waitForFunction(
		(n) => document.querySelectorAll('main article.file-card').length === n,
		cards - 1
	);
}

/** Checks of a file's card made right after it loads (before it is removed). */
const AFTER: Readonly<Record<string, (page: Page) => Promise<void>>> = {
	// The markup in html-in-names.csv is shown as text (a column name) and never becomes elements.
	'html-in-names.csv': async (page) => {
		expect(await newest(page).innerText()).toContain(
			'<img src=x onerror="window.__hostile=1">Notes'
		);
	},
	// The product and vendor names of html-in-products.csv are shown as text (mapping samples).
	'html-in-products.csv': async (page) => {
		const samples = (await newest(page).locator('td.samples').allTextContents()).join('\n');
		expect(samples).toContain('<img src=x onerror="window.__hostile=5">Evil Lessons');
		expect(samples).toContain('<script>window.__hostile=6</script>');
		expect(samples).toContain('<b onmouseover="window.__hostile=7">Vendor</b>');
	}
};

describe('the hostile corpus through the browser', () => {
	it('every file gets its message, one page session, nothing runs, nothing breaks', async () => {
		const { page, record } = await openRecordedPage(context());
		const dialogs: string[] = [];
		page.on('dialog', (dialog) => {
			dialogs.push(dialog.message());
			void dialog.dismiss();
		});
		await page.goto(new URL('your-data', inject('servers').cspHeader).href);
		await page.locator('main[data-status="ready"]').waitFor();
		const started = Date.now();
		for (const hostile of CORPUS) {
			await check(page, hostile);
			await AFTER[hostile.file]?.(page);
			// Each file's counts hold for empty tables: a loaded file is removed before the next, or
			// the next file's rows with the same keys would be rejected as duplicates of it.
			if ('loaded' in hostile.outcome) await removeNewest(page, hostile.file);
		}
		console.log(`hostile corpus: ${CORPUS.length} files in ${Date.now() - started} ms`);
		expect(await page.locator('img[src="x"], b[onmouseover]').count()).toBe(0);
		expect(
			await page.evaluate(() => (window as { __hostile?: unknown }).__hostile)
		).toBeUndefined();
		expect(dialogs).toEqual([]);

		// The page still works: a good file loads after all of that.
		await page
			.getByLabel('Choose files to check and load')
			.setInputFiles('tests/fixtures/workspace/districts-saipe.csv');
		const good = newest(page);
		await phaseOf(page, ['mapping']);
		await good.locator('button.primary', { hasText: 'Check and load' }).click();
		await phaseOf(page, ['loaded']);
		expect(await good.getByTestId('rows-accounting').innerText()).toBe(
			'5 rows read = 4 loaded + 1 rejected'
		);
		expect(record.pageErrors).toEqual([]);
		expect(await cspViolations(page)).toEqual([]);
		await page.close();
	}, 400_000);
});

import { readFileSync } from 'node:fs';
import { AxeBuilder } from '@axe-core/playwright';
import type { Page } from 'playwright-core';
import { describe, expect, inject, it } from 'vitest';
import { main } from '../../src/cli/main.ts';
import { openRecordedPage, type PageRecord } from './helpers/recorder.ts';
import { useBrowser } from './helpers/use-browser.ts';

const context = useBrowser();
const SURVEY = 'tests/fixtures/ingest/state-survey-excel-1252.csv';
const DISTRICTS = 'tests/fixtures/workspace/districts-saipe.csv';

/** Opens "Your data" and waits for its ready signal. */
async function openDataPage(): Promise<{ page: Page; record: PageRecord; base: string }> {
	const base = inject('servers').cspHeader;
	const { page, record } = await openRecordedPage(context());
	await page.goto(new URL('your-data', base).href);
	await page.locator('main[data-status="ready"]').waitFor();
	return { page, record, base };
}

const card = (page: Page, name: string) =>
	page.locator('article', { has: page.getByRole('heading', { name, exact: false }) });

async function cliJson(args: string[]): Promise<{ code: number; report: unknown }> {
	const out: string[] = [];
	const code = await main(args, { stdout: (t) => out.push(t), stderr: () => undefined });
	return { code, report: JSON.parse(out.join('')) };
}

describe('Your data: load messy files and read their report', () => {
	it('uploads through the file input, maps, reports exact counts, downloads, matches the CLI, reaches the dashboard', async () => {
		const { page, record, base } = await openDataPage();
		await page.getByLabel('Choose files to check and load').setInputFiles([DISTRICTS, SURVEY]);
		const districts = card(page, 'districts-saipe.csv');
		const survey = card(page, 'state-survey-excel-1252.csv');
		await survey.and(page.locator('[data-phase="mapping"]')).waitFor();
		await districts.and(page.locator('[data-phase="mapping"]')).waitFor();
		await expect.poll(() => page.evaluate(() => document.activeElement?.tagName)).toBe('H2');

		await districts.getByRole('button', { name: 'Check and load' }).click();
		await districts.and(page.locator('[data-phase="loaded"]')).waitFor();
		await expect
			.poll(() => page.evaluate(() => document.activeElement?.textContent))
			.toBe('Validation report');

		// The survey has no survey_id column: loading waits until the user gives one value for every row.
		await expect(survey.getByRole('button', { name: 'Check and load' }).isDisabled()).resolves.toBe(
			true
		);
		await survey.getByLabel('One value for every row of survey_id').fill('nm-2024');
		await survey.getByLabel('One value for every row of survey_id').press('Tab');
		await survey.getByRole('button', { name: 'Check and load' }).click();
		await survey.and(page.locator('[data-phase="loaded"]')).waitFor();

		expect(await districts.getByTestId('rows-accounting').innerText()).toBe(
			'5 rows read = 4 loaded + 1 rejected'
		);
		expect(await survey.getByTestId('rows-accounting').innerText()).toBe(
			'6 rows read = 4 loaded + 2 rejected (1 blank line skipped)'
		);
		const longId = survey.getByRole('row', { name: /35000600/ });
		expect(await longId.innerText()).toContain('`35000600` has 8 digits; an NCES LEAID has 7.');
		expect(await longId.innerText()).toMatch(/^error\s+8\s+Agency ID - NCES Assigned/);
		expect(await page.getByTestId('coverage-survey_responses').innerText()).toContain(
			'3 of 4 districts matched the district reference'
		);

		const rejected = await download(
			page,
			survey.getByRole('button', { name: 'Download the 2 rejected rows (CSV)' })
		);
		expect(rejected.split('\r\n')[0]).toBe(
			'Agency ID - NCES Assigned,District Name,Wave,Respondent,Trained Teachers on AI,rejected_line,rejected_columns,rejected_reasons'
		);
		expect(rejected).toContain('35000600');
		expect(rejected.trim().split('\r\n')).toHaveLength(3);

		// The mapping file the page downloads drives the command line to the same report.
		await survey.getByText('Column mapping: survey_responses').click();
		const mappingPath = await downloadPath(
			page,
			survey.getByRole('button', { name: 'Download this mapping (JSON)' })
		);
		const browserReport = JSON.parse(
			await download(
				page,
				page.getByRole('button', { name: 'Download the validation report of all files (JSON)' })
			)
		);
		const cli = await cliJson([
			'validate',
			'--districts',
			DISTRICTS,
			'--survey',
			SURVEY,
			'--mapping',
			mappingPath,
			'--format',
			'json'
		]);
		expect(cli.code).toBe(1);
		expect(cli.report).toEqual(browserReport);

		const { violations } = await new AxeBuilder({ page }).analyze();
		expect(
			violations.map((v) => ({ id: v.id, targets: v.nodes.map((n) => n.target.join(' ')) }))
		).toEqual([]);

		await page.getByRole('link', { name: 'See the dashboard with your data' }).click();
		const banner = page.getByRole('region', { name: 'Whose data' });
		await banner.waitFor();
		expect(await banner.innerText()).toContain(
			'You are looking at your own data (districts-saipe.csv, state-survey-excel-1252.csv)'
		);
		// The overview, once its charts are drawn from the user's survey (the Your data page's
		// own main is ready too, so wait for what only the dashboard shows).
		await page
			.getByText(/Your survey \(loaded in this browser\)/)
			.first()
			.waitFor();
		await page.locator('main[data-status="ready"]').waitFor();
		expect(await page.getByText('Simulated demo data.').count()).toBe(0);
		expect(
			await page.getByText(/Simulated demo/).count(),
			'a chart labels your data as the demo'
		).toBe(0);
		expect(await page.getByText(/Your survey \(loaded in this browser\)/).count()).toBeGreaterThan(
			0
		);
		await banner.getByRole('button', { name: 'Back to demo data' }).click();
		await banner.waitFor({ state: 'detached' });
		await page.getByText('Simulated demo data.').waitFor();
		expect(await page.getByText('Simulated demo data.').count()).toBe(1);

		const origin = new URL(base).origin;
		expect(
			record.requests.filter(
				(r) => !r.startsWith(`${origin}/`) && !r.startsWith('blob:') && !r.startsWith('data:')
			)
		).toEqual([]);
		expect(record.pageErrors).toEqual([]);
		await page.close();
	});
});

async function downloadPath(page: Page, button: ReturnType<Page['getByRole']>): Promise<string> {
	const [file] = await Promise.all([page.waitForEvent('download'), button.click()]);
	const path = await file.path();
	if (!path) throw new Error(`download of ${file.suggestedFilename()} failed`);
	return path;
}

async function download(page: Page, button: ReturnType<Page['getByRole']>): Promise<string> {
	return readFileSync(await downloadPath(page, button), 'utf8');
}

import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { AxeBuilder } from '@axe-core/playwright';
import ExcelJS from 'exceljs';
import type { Locator, Page } from 'playwright-core';
import { describe, expect, inject, it } from 'vitest';
import { main } from '../../src/cli/main.ts';
import { SHARED_DATA, sharedDataAvailable } from '../helpers/shared-data.ts';
import { openRecordedPage, type PageRecord } from './helpers/recorder.ts';
import { useBrowser } from './helpers/use-browser.ts';

const context = useBrowser();
const SURVEY = 'tests/fixtures/ingest/state-survey-excel-1252.csv';
const SURVEY_MAPPING = 'tests/fixtures/workspace/state-survey.mapping.json';
const TITLE_ROW = 'tests/fixtures/workspace/survey-title-row.csv';
const LP = join(SHARED_DATA, 'learnplatform_2020');
/** A file read again (another header line or sheet) in a fresh worker: longer than poll's 1 s. */
const REREAD = { timeout: 30_000 };

async function openDataPage(): Promise<{ page: Page; record: PageRecord }> {
	const { page, record } = await openRecordedPage(context());
	await page.goto(new URL('your-data', inject('servers').cspHeader).href);
	await page.locator('main[data-status="ready"]').waitFor();
	return { page, record };
}

const card = (page: Page, name: string) =>
	page.locator('article', { has: page.getByRole('heading', { name, exact: false }) });

/** The mapping table's row of `field` (its sample values are in the third cell). */
const fieldRow = (scope: Locator, field: string) =>
	scope.locator('tr', {
		has: scope.page().locator('th code', { hasText: new RegExp(`^${field}$`) })
	});

const tempFile = (name: string, content: string | Uint8Array) => {
	const path = join(mkdtempSync(join(tmpdir(), 'adoption-gap-mapping-')), name);
	writeFileSync(path, content);
	return path;
};

async function downloadText(page: Page, button: Locator): Promise<string> {
	const [file] = await Promise.all([page.waitForEvent('download'), button.click()]);
	const path = await file.path();
	if (!path) throw new Error(`download of ${file.suggestedFilename()} failed`);
	return readFileSync(path, 'utf8');
}

async function cliJson(args: string[]): Promise<{ code: number; report: unknown }> {
	const out: string[] = [];
	const code = await main(args, { stdout: (t) => out.push(t), stderr: () => undefined });
	return { code, report: JSON.parse(out.join('')) };
}

/** Loads the card's file and waits for its report. */
async function checkAndLoad(page: Page, file: Locator): Promise<void> {
	await file.getByRole('button', { name: /^Check and load/ }).click();
	await file.and(page.locator('[data-phase="loaded"]')).waitFor({ timeout: 60_000 });
}

describe('Your data: the mapping screen', () => {
	it('takes a dropped file; a changed column, and saved mappings uploaded (valid and not), change the report', async () => {
		const { page, record } = await openDataPage();
		// Dropping a file: a real DataTransfer holding a File with the fixture's bytes.
		const bytes = [...readFileSync(SURVEY)];
		const dataTransfer = await page.evaluateHandle(
			({ bytes, name }) => {
				const transfer = new DataTransfer();
				transfer.items.add(new File([new Uint8Array(bytes)], name, { type: 'text/csv' }));
				return transfer;
			},
			{ bytes, name: 'state-survey-excel-1252.csv' }
		);
		await page.getByRole('region', { name: 'Add files' }).dispatchEvent('drop', { dataTransfer });
		const survey = card(page, 'state-survey-excel-1252.csv');
		await survey.and(page.locator('[data-phase="mapping"]')).waitFor();

		// The suggested mapping, with the one survey_id the file lacks: the fixture README's outcome.
		await survey.getByLabel('One value for every row of survey_id').fill('nm-2024');
		await survey.getByLabel('One value for every row of survey_id').press('Tab');
		expect(await fieldRow(survey, 'leaid').locator('td.samples').innerText()).toContain('3500001');
		await checkAndLoad(page, survey);
		const accounting = survey.getByTestId('rows-accounting');
		expect(await accounting.innerText()).toBe(
			'6 rows read = 4 loaded + 2 rejected (1 blank line skipped)'
		);

		// leaid read from no column: the 8-digit ID of line 8 is no longer read, so only the
		// duplicate of line 9 is rejected (README: rows 5–10, one blank line).
		await survey.getByText('Column mapping: survey_responses').click();
		await survey.getByLabel('Column for leaid').selectOption({ label: '— not in this file —' });
		await expect
			.poll(() => fieldRow(survey, 'leaid').locator('td.samples').innerText())
			.not.toContain('3500001');
		await checkAndLoad(page, survey);
		expect(await accounting.innerText()).toBe(
			'6 rows read = 5 loaded + 1 rejected (1 blank line skipped)'
		);

		// A mapping that is not one: the errors name the file; nothing changes.
		await survey.getByText('Column mapping: survey_responses').click();
		const upload = survey.getByLabel('Use a saved mapping (JSON)');
		await upload.setInputFiles(
			tempFile('bad.mapping.json', JSON.stringify({ version: 1, table: 'nope', columns: {} }))
		);
		const alert = survey.getByRole('alert');
		expect(await alert.innerText()).toBe('bad.mapping.json: table: unknown table "nope"');
		expect(await survey.getByLabel('Column for leaid').inputValue()).toBe('');

		// The saved mapping of this file: applied (leaid read again), the error gone.
		await upload.setInputFiles(SURVEY_MAPPING);
		await alert.waitFor({ state: 'detached' });
		expect(await survey.getByLabel('Column for leaid').inputValue()).toBe(
			'Agency ID - NCES Assigned'
		);
		await checkAndLoad(page, survey);
		expect(await accounting.innerText()).toBe(
			'6 rows read = 4 loaded + 2 rejected (1 blank line skipped)'
		);
		expect(record.pageErrors).toEqual([]);
		await page.close();
	});

	it('a header found on the wrong line is corrected; the mapping file carries the line to the CLI', async () => {
		const { page, record } = await openDataPage();
		await page.getByLabel('Choose files to check and load').setInputFiles(TITLE_ROW);
		const survey = card(page, 'survey-title-row.csv');
		await survey.and(page.locator('[data-phase="mapping"]')).waitFor();
		// Line 1 of the fixture is as wide as its data and all text: the search takes it (header.ts).
		const headerLine = survey.getByLabel('The column names are on line');
		expect(await headerLine.inputValue()).toBe('1');
		expect(await survey.getByLabel('Column for leaid').locator('option').allInnerTexts()).toContain(
			'Survey export'
		);

		await headerLine.fill('2');
		await headerLine.press('Tab');
		await expect
			.poll(() => survey.getByLabel('Column for leaid').inputValue(), REREAD)
			.toBe('Agency ID - NCES Assigned');
		expect(await fieldRow(survey, 'respondent_id').locator('td.samples').innerText()).toContain(
			'r1'
		);
		await survey.getByLabel('One value for every row of survey_id').fill('nm-2024');
		await survey.getByLabel('One value for every row of survey_id').press('Tab');
		await checkAndLoad(page, survey);
		// Lines 3–5: three valid rows.
		expect(await survey.getByTestId('rows-accounting').innerText()).toBe(
			'3 rows read = 3 loaded + 0 rejected'
		);

		await survey.getByText('Column mapping: survey_responses').click();
		const mapping = await downloadText(
			page,
			survey.getByRole('button', { name: 'Download this mapping (JSON)' })
		);
		expect(JSON.parse(mapping).options).toEqual({
			header_line: 2,
			constants: { survey_id: 'nm-2024' }
		});
		const browser = JSON.parse(
			await downloadText(
				page,
				page.getByRole('button', { name: 'Download the validation report of all files (JSON)' })
			)
		);
		const mappingPath = tempFile('survey-title-row.mapping.json', mapping);
		const cli = await cliJson([
			'validate',
			'--survey',
			TITLE_ROW,
			'--mapping',
			mappingPath,
			'--format',
			'json'
		]);
		expect(cli).toEqual({ code: 0, report: browser });
		expect(record.pageErrors).toEqual([]);
		await page.close();
	});

	it('loads a valid two-sheet workbook in the worker, from the sheet the user picks', async () => {
		const book = new ExcelJS.Workbook();
		book.addWorksheet('Notes').addRow(['Read me first', 'Exported 2024-11-01']);
		const sheet = book.addWorksheet('Responses');
		sheet.addRow(['Agency ID - NCES Assigned', 'Wave', 'Respondent', 'Trained Teachers on AI']);
		sheet.addRow(['3500001', 'fall 2024', 'r1', 'Yes']);
		sheet.addRow(['3500060', 'fall 2024', 'r2', 'No']);
		const path = tempFile(
			'survey.xlsx',
			new Uint8Array((await book.xlsx.writeBuffer()) as ArrayBuffer)
		);

		const { page, record } = await openDataPage();
		await page.getByLabel('Choose files to check and load').setInputFiles(path);
		const survey = card(page, 'survey.xlsx');
		await survey.and(page.locator('[data-phase="mapping"]')).waitFor();
		const sheets = survey.getByLabel('Read the worksheet');
		expect(await sheets.inputValue()).toBe('Notes');
		// The mapping screen with every reading option shown (worksheet, header line, preset).
		const { violations } = await new AxeBuilder({ page }).analyze();
		expect(violations.map((v) => v.id)).toEqual([]);
		await sheets.selectOption('Responses');
		await expect
			.poll(() => survey.getByLabel('Column for leaid').inputValue(), REREAD)
			.toBe('Agency ID - NCES Assigned');
		await survey.getByLabel('One value for every row of survey_id').fill('nm-2024');
		await survey.getByLabel('One value for every row of survey_id').press('Tab');
		await checkAndLoad(page, survey);
		// The sheet's two data rows (worksheet rows 2 and 3).
		expect(await survey.getByTestId('rows-accounting').innerText()).toBe(
			'2 rows read = 2 loaded + 0 rejected'
		);
		expect(await survey.textContent()).toContain(
			'Read sheet "Responses" (2 of 2: Notes, Responses)'
		);
		expect(record.pageErrors).toEqual([]);
		await page.close();
	});

	it.skipIf(!sharedDataAvailable())(
		'a preset is picked on the page; LearnPlatform files give the report validate gives',
		async () => {
			const { page, record } = await openDataPage();
			const engagement = join(LP, 'engagement_data', '2872.csv.gz');
			const districts = join(LP, 'districts_info.csv');
			// Added in the command line's load order (daily_touch before daily_touch_districts),
			// the order the page's report lists them.
			await page
				.getByLabel('Choose files to check and load')
				.setInputFiles([engagement, districts]);
			const touch = card(page, '2872.csv.gz');
			const info = card(page, 'districts_info.csv');
			await touch.and(page.locator('[data-phase="mapping"]')).waitFor();
			await info.and(page.locator('[data-phase="mapping"]')).waitFor();
			const table = info.getByLabel('This file fills the table');
			expect(await table.inputValue()).toBe('daily_touch_districts');

			await info
				.getByLabel('Use a preset')
				.selectOption({ label: 'LearnPlatform districts_info → lp_districts (every field)' });
			await expect.poll(() => table.inputValue(), REREAD).toBe('lp_districts');
			expect(await info.getByLabel('Column for pct_black_hispanic').inputValue()).toBe(
				'pct_black/hispanic'
			);
			await info
				.getByLabel('Use a preset')
				.selectOption({ label: 'LearnPlatform districts_info → daily_touch_districts' });
			await expect.poll(() => table.inputValue(), REREAD).toBe('daily_touch_districts');

			await checkAndLoad(page, touch);
			await checkAndLoad(page, info);
			const browser = JSON.parse(
				await downloadText(
					page,
					page.getByRole('button', { name: 'Download the validation report of all files (JSON)' })
				)
			);
			const cli = await cliJson([
				'validate',
				'--lp-districts',
				districts,
				'--engagement',
				engagement,
				'--format',
				'json'
			]);
			expect(cli.report).toEqual(browser);
			expect(record.pageErrors).toEqual([]);
			await page.close();
		},
		180_000
	);
});

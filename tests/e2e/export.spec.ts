import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { tableFromIPC } from 'apache-arrow';
import { strFromU8, unzipSync } from 'fflate';
import Papa from 'papaparse';
import type { Download, Page } from 'playwright-core';
import { beforeAll, describe, expect, inject, it } from 'vitest';
import { loadParquetNode } from '#lib/export/parquet-node.ts';
import { waitUntilLive } from './helpers/dashboard.ts';
import { expectBuiltDistrictsHash } from './helpers/download.ts';
import { cspViolations, openRecordedPage, type PageRecord } from './helpers/recorder.ts';
import { BUILD_DIR } from './helpers/site.ts';
import { useBrowser } from './helpers/use-browser.ts';

const context = useBrowser();

/** The manifest the build wrote: the data version and each file's hash, read from disk. */
const manifest = () => JSON.parse(readFileSync(join(BUILD_DIR, 'data', 'manifest.json'), 'utf8'));

async function downloadFrom(
	page: Page,
	format: string
): Promise<{ download: Download; files: Record<string, Uint8Array> }> {
	const frame = page.locator('figure.chart-frame').first();
	const menu = frame.locator('details.export-menu');
	if (!(await menu.evaluate((d: HTMLDetailsElement) => d.open)))
		await menu.locator('summary').click();
	const [download] = await Promise.all([
		page.waitForEvent('download', { timeout: 60_000 }),
		menu.locator(`button[data-format="${format}"]`).click()
	]);
	const path = await download.path();
	return { download, files: unzipSync(readFileSync(path)) };
}

describe('downloading a chart’s data (usage view, rural districts, CSP header)', () => {
	let page: Page;
	let record: PageRecord;
	beforeAll(async () => {
		({ page, record } = await openRecordedPage(context()));
		await page.goto(new URL('usage?locale=rural', inject('servers').cspHeader).href);
		await waitUntilLive(page);
	});

	it('the CSV button downloads a zip named after the view, whose sidecar lists the filters and data hashes', async () => {
		const { download, files } = await downloadFrom(page, 'csv');
		expect(download.suggestedFilename()).toMatch(
			/^adoption-gap_.*_locale-rural_.*\d{4}-\d{2}-\d{2}\.zip$/
		);
		expect(Object.keys(files)).toEqual(expect.arrayContaining(['figures.csv', 'datapackage.json']));
		const pkg = JSON.parse(strFromU8(files['datapackage.json']!));
		const built = manifest();
		expect(pkg.adoption_gap.filters.locale).toEqual(['rural']);
		expect(pkg.adoption_gap.data_version).toBe(built.data_version);
		expectBuiltDistrictsHash(pkg);
		expect(pkg.adoption_gap.mode).toBe('public');
		expect(pkg.adoption_gap.cite.text).toContain(built.data_version);
		const rows = Papa.parse<Record<string, string>>(strFromU8(files['figures.csv']!), {
			header: true,
			skipEmptyLines: true
		}).data;
		expect(rows.some((r) => r.dataset === 'usage')).toBe(true);
		// The usage chart exports the usage figures of the view, not the survey's.
		expect(rows.every((r) => r.dataset === 'usage')).toBe(true);
		expect(pkg.resources[0].schema.fields.map((f: { name: string }) => f.name)).toEqual(
			Object.keys(rows[0]!)
		);
	});

	it('Parquet and Arrow load their code on demand and hold the same rows as the CSV', async () => {
		const csv = (await downloadFrom(page, 'csv')).files['figures.csv']!;
		const count = Papa.parse(strFromU8(csv), { header: true, skipEmptyLines: true }).data.length;
		const parquet = (await downloadFrom(page, 'parquet')).files['figures.parquet']!;
		const parquetRows = tableFromIPC(
			(await loadParquetNode()).readParquet(parquet).intoIPCStream()
		);
		expect(parquetRows.numRows).toBe(count);
		const arrow = (await downloadFrom(page, 'arrow')).files['figures.arrow']!;
		expect(tableFromIPC(arrow).numRows).toBe(count);
		const xlsx = (await downloadFrom(page, 'xlsx')).files['figures.xlsx']!;
		expect(xlsx.length).toBeGreaterThan(0);
	});

	it('a filtered view’s zip holds the canonical CSVs and a script with the filter written in', async () => {
		const { files } = await downloadFrom(page, 'json');
		expect(Object.keys(files)).toEqual(
			expect.arrayContaining(['districts.csv', 'usage_aggregate.csv', 'reproduce.sql'])
		);
		expect(strFromU8(files['reproduce.sql']!)).toContain("locale IN ('rural')");
	});

	it('from student-week logs, the zip holds the units the app derived instead of the logs', async () => {
		await page.goto(new URL('usage?locale=rural&source=logs', inject('servers').cspHeader).href);
		await waitUntilLive(page);
		await page.locator('main[data-status="ready"]').waitFor({ timeout: 60_000 });
		const { files } = await downloadFrom(page, 'json');
		expect(Object.keys(files)).toContain('usage_units.csv');
		expect(Object.keys(files).some((f) => /student_week|roster/.test(f))).toBe(false);
		const script = strFromU8(files['reproduce.sql']!);
		expect(script).toContain('usage_units.csv holds');
		expect(script).toContain("read_csv('usage_units.csv'");
	});

	it('no error and no CSP violation happened', async () => {
		expect(record.pageErrors).toEqual([]);
		expect(record.consoleErrors).toEqual([]);
		expect(await cspViolations(page)).toEqual([]);
	});
});

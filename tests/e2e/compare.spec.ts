import { AxeBuilder } from '@axe-core/playwright';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { strFromU8 } from 'fflate';
import Papa from 'papaparse';
import { expect, inject, it } from 'vitest';
import { textOf, waitForNewText, waitUntilLive } from './helpers/dashboard.ts';
import { downloadZip, expectBuiltDistrictsHash } from './helpers/download.ts';
import { BUILD_DIR } from './helpers/site.ts';
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

it('changes the peer weights and constraints in the page and the URL, and shows the peer group’s pooled rates', async () => {
	const { page, record } = await openRecordedPage(context());
	const base = inject('servers').cspHeader;
	await page.goto(new URL(`compare?district=${PICKED[0]}`, base).href);
	await waitUntilLive(page);
	const criteria = `[data-peer-list="${PICKED[0]}"] .note`;
	const before = await textOf(page, criteria);
	expect(before).toMatch(/same locale group; same Census region/);
	expect(before).toMatch(/\(weight 1\) and .* \(weight 1\)/);

	await page.getByRole('radio', { name: 'Any locale group and region' }).check();
	const national = await waitForNewText(page, criteria, before);
	expect(national).toMatch(/any locale group and Census region/);
	await page.getByLabel('Weight of poverty').selectOption('2');
	const weighted = await waitForNewText(page, criteria, national);
	expect(weighted).toMatch(/\(weight 1\) and .* \(weight 2\)/);
	const params = new URL(page.url()).searchParams;
	expect([params.get('peer-poverty'), params.get('peer-scope'), params.has('peer-size')]).toEqual([
		'2',
		'national',
		false
	]);

	// The peer group as a whole: pooled dosage rate with its interval, the district's place,
	// and the survey-weighted share of peers that trained (or why there is none).
	const table = page.getByRole('table', { name: /peer group: pooled rates/ });
	const cells = await table.locator('tbody td').allTextContents();
	expect(cells).toHaveLength(4);
	expect(cells[1]).toMatch(/\(95% CI [\d.]+–[\d.]+%\) over [\d,]+ peers, [\d,]+ schools/);
	expect(cells[2]).toMatch(/percentile|Not placed/);
	expect(cells[3]).toMatch(/answering|None of its peers/);

	// A reload (or a shared link) reproduces the settings.
	await page.reload();
	await waitUntilLive(page);
	expect(await page.getByRole('radio', { name: 'Any locale group and region' }).isChecked()).toBe(
		true
	);
	expect(await page.getByLabel('Weight of poverty').inputValue()).toBe('2');
	expect(await textOf(page, criteria)).toBe(weighted);

	// Axe once the results have faded back in (a stale result is dimmed, with a 150 ms fade).
	await page.waitForFunction(() =>
		[...document.querySelectorAll('.stale-wrap .content')].every(
			(e) => getComputedStyle(e).opacity === '1'
		)
	);
	const { violations } = await new AxeBuilder({ page }).analyze();
	expect(violations.map((v) => ({ id: v.id, targets: v.nodes.map((n) => n.target) }))).toEqual([]);
	expect(record.pageErrors).toEqual([]);
	expect(record.consoleErrors).toEqual([]);
	await page.close();
});

it('downloads each compare chart’s table with a sidecar naming the districts, filters and data hash', async () => {
	const { page, record } = await openRecordedPage(context());
	await page.goto(
		new URL(`compare?district=${PICKED.join(',')}&locale=rural`, inject('servers').cspHeader).href
	);
	await waitUntilLive(page);
	const usage = page.getByRole('figure', { name: /use it as intended/ });
	const menu = usage.locator('details.export-menu');
	const { name, files } = await downloadZip(menu, 'csv');
	expect(name).toMatch(
		new RegExp(
			`^adoption-gap_compare-peer-dosage_district-${PICKED.join('-')}_peers-20_locale-rural_.*\\d{4}-\\d{2}-\\d{2}\\.zip$`
		)
	);
	expect(Object.keys(files).sort()).toEqual([
		'datapackage.json',
		'districts.csv',
		'peer-dosage.csv',
		'reproduce.sql',
		'survey_responses.csv',
		'usage_aggregate.csv'
	]);
	const rows = Papa.parse<Record<string, string>>(strFromU8(files['peer-dosage.csv']!), {
		header: true,
		skipEmptyLines: true
	}).data;
	expect(rows.map((r) => r.leaid)).toEqual(PICKED);
	const pkg = JSON.parse(strFromU8(files['datapackage.json']!));
	const manifest = JSON.parse(readFileSync(join(BUILD_DIR, 'data', 'manifest.json'), 'utf8'));
	expect(pkg.adoption_gap).toMatchObject({
		filters: { district: PICKED, peers: ['20'], locale: ['rural'] },
		data_version: manifest.data_version,
		mode: 'public'
	});
	expectBuiltDistrictsHash(pkg);
	// The SQL the page ran to find the peers is recorded, and a script rebuilds the figures from
	// the bundled CSVs with the picked districts and peers used written in.
	expect(pkg.adoption_gap.sql.length).toBeGreaterThan(0);
	expect(strFromU8(files['reproduce.sql']!)).toContain(`('${PICKED[0]}', [`);
	expect(await menu.locator('[data-action="copy-sql"]').count()).toBe(1);

	const scatter = page.getByRole('figure', { name: /poverty level predicts/ });
	const outcome = await downloadZip(scatter.locator('details.export-menu'), 'parquet');
	expect(Object.keys(outcome.files)).toEqual(
		expect.arrayContaining([
			'outcome-picked.parquet',
			'outcome-points.parquet',
			'outcome-line.parquet',
			'reproduce.sql'
		])
	);

	const { violations } = await new AxeBuilder({ page }).analyze();
	expect(violations.map((v) => ({ id: v.id, targets: v.nodes.map((n) => n.target) }))).toEqual([]);
	expect(record.pageErrors).toEqual([]);
	expect(record.consoleErrors).toEqual([]);
	await page.close();
});

import { AxeBuilder } from '@axe-core/playwright';
import jsQR from 'jsqr';
import { readFile } from 'node:fs/promises';
import { strFromU8 } from 'fflate';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { PNG } from 'pngjs';
import { extractText } from 'unpdf';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { BriefModel } from '#lib/brief/brief-model.ts';
import { computeBrief } from '#lib/brief/compute-brief.ts';
import { createNodeDatabase } from '#lib/db/node.ts';
import { loadCanonicalFiles } from '#lib/ingest/canonical.ts';
import { DEMO_VIEW, HEADLINE_TABLES, readDemoFiles } from '#lib/ingest/demo.ts';
import { loadCatalog } from '#lib/view/catalog.ts';
import { decodeViewState } from '#lib/view/url-codec.ts';
import { DEFAULT_VIEW_STATE } from '#lib/view/view-state.ts';
import { buildViewUnits } from '#lib/view/view-units.ts';
import { textOf, waitForNewText, waitUntilLive } from './helpers/dashboard.ts';
import { downloadZip, expectBuiltDistrictsHash } from './helpers/download.ts';
import { openRecordedPage, type PageRecord } from './helpers/recorder.ts';
import { BUILD_DIR } from './helpers/site.ts';
import { useBrowser } from './helpers/use-browser.ts';

const context = useBrowser();

/**
 * The demo's largest district: all three products, enough schools for clustered intervals and a
 * long name, with every product priced, so the brief is as long as a demo brief gets.
 */
const DISTRICT = '2895018';
const PRICES = { 'demo-adaptive-lessons': 8, 'demo-ai-tutor': 20, 'demo-math-practice': 12.5 };
const QUERY = [
	`district=${DISTRICT}`,
	...Object.entries(PRICES).map(([id, price]) => `price.${id}=${price}`)
].join('&');

/** The same brief computed in Node from the files the built site serves (same engine and code). */
async function expectedBrief(): Promise<{ model: BriefModel; dataVersion: string }> {
	const db = await createNodeDatabase();
	try {
		const demo = await readDemoFiles(
			(name) => readFile(join(BUILD_DIR, 'data', name)),
			HEADLINE_TABLES
		);
		await loadCanonicalFiles(db, demo.files);
		const catalog = await loadCatalog(db, {
			dataVersion: demo.manifest.data_version,
			origin: 'demo',
			hasLogs: false,
			surveyId: DEMO_VIEW.surveyId
		});
		const units = await buildViewUnits(db, {
			schoolYear: catalog.years.at(-1)!,
			source: 'aggregate',
			rules: {}
		});
		const state = { ...DEFAULT_VIEW_STATE, districts: [DISTRICT], prices: PRICES };
		const brief = await computeBrief(db, units, catalog, state);
		if (brief.kind !== 'district') throw new Error(`no brief for ${DISTRICT}: ${brief.kind}`);
		return { model: brief.model, dataVersion: catalog.dataVersion };
	} finally {
		await db.close();
	}
}

const squash = (s: string) => s.replace(/\s+/g, ' ').trim();

describe('the board brief of a demo district', () => {
	let page: Page;
	let record: PageRecord;
	let expected: { model: BriefModel; dataVersion: string };
	const base = () => inject('servers').cspHeader;

	beforeAll(async () => {
		expected = await expectedBrief();
		({ page, record } = await openRecordedPage(context()));
		await page.goto(new URL(`brief?${QUERY}`, base()).href);
		await waitUntilLive(page);
	});
	afterAll(() => page.close());

	it('shows the sentences computed from the same data, without errors', async () => {
		const { sentences, name } = expected.model;
		expect(await textOf(page, 'h1')).toBe(name);
		expect(sentences.headline).toMatch(/ of student–product pairs given access \(95% CI \d/);
		expect(await textOf(page, '[data-figure="brief-headline"]')).toBe(sentences.headline);
		expect(await textOf(page, '[data-figure="brief-peers"]')).toBe(sentences.peers);
		// Several products priced: one sentence for them together (the table has each product's).
		expect(sentences.costs).toEqual([
			expect.stringMatching(/^All priced products together: \$[\d,.]+ per student who met/)
		]);
		const costs = await page.locator('[data-figure="brief-cost"]').allTextContents();
		expect(costs.map(squash)).toEqual(sentences.costs);
		expect(record.pageErrors).toEqual([]);
		expect(record.consoleErrors).toEqual([]);
	});

	it('has no axe violations', async () => {
		const { violations } = await new AxeBuilder({ page }).analyze();
		expect(
			violations.map(({ id, nodes }) => ({ id, targets: nodes.map((n) => n.target) }))
		).toEqual([]);
	});

	it('has a QR code that decodes to the link of this exact view', async () => {
		const png = PNG.sync.read(await page.locator('svg[data-qr]').screenshot());
		const code = jsQR(new Uint8ClampedArray(png.data), png.width, png.height);
		const href = await page.locator('[data-brief-link]').getAttribute('href');
		expect(code?.data).toBe(href);
		const url = new URL(code!.data);
		expect(url.origin + url.pathname).toBe(new URL('brief', base()).href);
		const view = decodeViewState(url.search);
		expect(view.state.districts).toEqual([DISTRICT]);
		expect(view.state.prices).toEqual(PRICES);
		expect(view.dataVersion).toBe(expected.dataVersion);
	});

	it.each(['Letter', 'A4'] as const)(
		'prints on exactly one %s page containing the brief’s sentences',
		async (format) => {
			const pdf = await page.pdf({ format, printBackground: true });
			const { totalPages, text } = await extractText(new Uint8Array(pdf), { mergePages: true });
			expect(totalPages).toBe(1);
			const printed = squash(text);
			const { sentences, name } = expected.model;
			for (const sentence of [
				name,
				sentences.headline,
				sentences.funnel,
				sentences.peers,
				...sentences.costs
			]) {
				expect(printed).toContain(squash(sentence));
			}
			expect(printed).toContain(expected.dataVersion);
		}
	);

	it('downloads the brief’s tables in one zip whose sidecar names the district, prices and data hash', async () => {
		const menu = page.locator('details.export-menu');
		const { name, files } = await downloadZip(menu, 'json');
		expect(name).toMatch(new RegExp(`^adoption-gap_board-brief_district-${DISTRICT}_year-\\d{4}_`));
		expect(Object.keys(files).sort()).toEqual([
			'brief-costs.json',
			'brief-funnel.json',
			'brief-products.json',
			'datapackage.json',
			'districts.csv',
			'reproduce.sql',
			'survey_responses.csv',
			'usage_aggregate.csv'
		]);
		expect(strFromU8(files['reproduce.sql']!)).toContain(`WHERE leaid IN ('${DISTRICT}')`);
		expect(await menu.locator('[data-action="copy-sql"]').count()).toBe(1);
		const funnel = JSON.parse(strFromU8(files['brief-funnel.json']!));
		const dosage = expected.model.funnel.cells.find(
			(c) => c.stage === 'dosage_rate_access' && c.group === 'all'
		)!;
		// The same figure as the brief computed in Node from the files the site serves.
		expect(funnel.find((r: { stage: string }) => r.stage === 'dosage_rate_access')).toMatchObject({
			share: dosage.value.status === 'shown' ? dosage.value.value : null,
			lo: dosage.lo,
			hi: dosage.hi
		});
		const pkg = JSON.parse(strFromU8(files['datapackage.json']!));
		expect(pkg.adoption_gap).toMatchObject({
			filters: { district: [DISTRICT], prices: PRICES },
			data_version: expected.dataVersion,
			mode: 'public'
		});
		expectBuiltDistrictsHash(pkg);
		expect(pkg.adoption_gap.sql.length).toBeGreaterThan(0);
		const { violations } = await new AxeBuilder({ page }).analyze();
		expect(violations.map(({ id }) => id)).toEqual([]);
		await menu.locator('summary').click();
	});

	it('puts a district picked by LEAID first in the view, and shows its brief', async () => {
		const before = await textOf(page, '[data-figure="brief-headline"]');
		await page.getByLabel('District (name or LEAID)').fill('0195012');
		await page.getByRole('button', { name: 'Show brief' }).click();
		const after = await waitForNewText(page, '[data-figure="brief-headline"]', before);
		expect(after).toMatch(/^In Heronmark East Local Schools \(simulated\), /);
		expect(decodeViewState(new URL(page.url()).search).state.districts).toEqual([
			'0195012',
			DISTRICT
		]);
	});
});

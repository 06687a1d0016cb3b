import { readFile } from 'node:fs/promises';
import type { Download, Page } from 'playwright-core';
import { PNG } from 'pngjs';
import { describe, expect, inject, it } from 'vitest';
import { waitUntilLive } from './helpers/dashboard.ts';
import { cspViolations, openRecordedPage } from './helpers/recorder.ts';
import { useBrowser } from './helpers/use-browser.ts';

const context = useBrowser();

async function saved(page: Page, button: string): Promise<{ name: string; bytes: Buffer }> {
	const figure = page.locator('figure.chart-frame').first();
	const [download] = (await Promise.all([
		page.waitForEvent('download'),
		figure.getByRole('button', { name: button }).click()
	])) as [Download, unknown];
	return { name: download.suggestedFilename(), bytes: await readFile((await download.path())!) };
}

describe('chart images and citations', () => {
	it('save a chart as SVG and PNG with its title, source and data version, within the CSP', async () => {
		const { page, record } = await openRecordedPage(context());
		await page.goto(inject('servers').cspHeader);
		await waitUntilLive(page);
		const figure = page.locator('figure.chart-frame').first();
		const title = (await figure.locator('.title').innerText()).trim();
		const version = (await figure.locator('.source code').first().innerText()).trim();

		const svg = await saved(page, 'Save SVG');
		expect(svg.name).toMatch(
			new RegExp(`^adoption-gap_[a-z0-9-]+_${version}_\\d{4}-\\d{2}-\\d{2}\\.svg$`)
		);
		const markup = svg.bytes.toString('utf8');
		expect(markup).toContain(`<title>${title}</title>`);
		expect(markup).toContain(`Data version ${version}.`);
		expect(markup).toContain('@font-face{font-family:');
		expect(markup.match(/<rect\b/g)?.length ?? 0).toBeGreaterThan(3);
		// The legend's words are drawn into the image, as on the page.
		for (const item of await figure.locator('.legend li').allInnerTexts()) {
			expect(markup).toContain(
				`>${item.trim().replaceAll('&', '&amp;').replaceAll("'", '&apos;')}</text>`
			);
		}
		expect(await figure.locator('.legend li').count()).toBeGreaterThan(0);

		const png = await saved(page, 'Save PNG');
		expect(png.name).toMatch(/\.png$/);
		const image = PNG.sync.read(png.bytes);
		expect(image.width).toBeGreaterThan(600);
		// A blank or unrendered image is all white: count the pixels that carry ink.
		let inked = 0;
		for (let i = 0; i < image.data.length; i += 4) if (image.data[i]! < 200) inked += 1;
		expect(inked / (image.width * image.height)).toBeGreaterThan(0.01);
		if (process.env.KEEP_CHART_IMAGES)
			await import('node:fs').then((fs) =>
				fs.writeFileSync(process.env.KEEP_CHART_IMAGES!, png.bytes)
			);

		expect(await cspViolations(page)).toEqual([]);
		expect(record.pageErrors).toEqual([]);
		await page.close();
	});

	it('cite the view with its URL, filters and data version', async () => {
		const page = await context().newPage();
		await page.goto(new URL('usage?locale=rural', inject('servers').cspHeader).href);
		await waitUntilLive(page);
		await page.getByText('Cite this view').click();
		const text = await page.locator('details.cite .text').innerText();
		expect(text).toMatch(
			/^Adoption Gap \d+\.\d+\.\d+\. “Usage and access”, data version [0-9a-f]+\. /
		);
		expect(text).toMatch(/\/usage\?[^ ]*locale=rural/);
		expect(await page.locator('details.cite pre').innerText()).toMatch(
			/^@misc\{adoptiongap-[0-9a-f]+-\d{4}-\d{2}-\d{2},/
		);
		await page.close();
	});
});

import { readFileSync } from 'node:fs';
import { unzipSync } from 'fflate';
import type { Locator } from 'playwright-core';

/**
 * Opens a "Download data" menu (`details.export-menu`), clicks one format's button and returns
 * the zip's suggested name and files.
 */
export async function downloadZip(
	menu: Locator,
	format: string
): Promise<{ name: string; files: Record<string, Uint8Array> }> {
	if (!(await menu.evaluate((d: HTMLDetailsElement) => d.open))) {
		await menu.locator('summary').click();
	}
	const [download] = await Promise.all([
		menu.page().waitForEvent('download', { timeout: 60_000 }),
		menu.locator(`button[data-format="${format}"]`).click()
	]);
	return {
		name: download.suggestedFilename(),
		files: unzipSync(readFileSync(await download.path()))
	};
}

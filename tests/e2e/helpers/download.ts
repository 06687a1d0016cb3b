import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { unzipSync } from 'fflate';
import type { Locator } from 'playwright-core';
import { expect } from 'vitest';
import { BUILD_DIR } from './site.ts';

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

/** The sidecar lists the built site's `districts.csv` with the SHA-256 of its bytes. */
export function expectBuiltDistrictsHash(pkg: { adoption_gap: { inputs: unknown[] } }): void {
	const districts = readFileSync(join(BUILD_DIR, 'data', 'districts.csv'));
	expect(pkg.adoption_gap.inputs).toContainEqual(
		expect.objectContaining({
			name: 'districts.csv',
			sha256: createHash('sha256').update(districts).digest('hex')
		})
	);
}

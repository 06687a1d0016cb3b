import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { cspHeader } from '#lib/security/csp.ts';
import { inspectHtml, policyWithoutHashes, type HtmlSummary } from './helpers/html.ts';
import { assertBuilt, BUILD_DIR } from './helpers/site.ts';
import { useBrowser } from './helpers/use-browser.ts';

assertBuilt();
const context = useBrowser();
const pages = readdirSync(BUILD_DIR, { recursive: true, encoding: 'utf8' }).filter((file) =>
	file.endsWith('.html')
);
/** Any origin stands in for the site's: only whether a URL leaves it matters. */
const SITE = 'https://site.invalid/';

let parser: Page;
beforeAll(async () => {
	parser = await context().newPage();
});

function inspect(file: string): Promise<HtmlSummary> {
	return inspectHtml(parser, readFileSync(join(BUILD_DIR, file), 'utf8'));
}

it('build/index.html holds the headline figures, each with text', async () => {
	const { figures, main } = await inspect('index.html');
	expect(main).toEqual({ status: 'loading', source: 'build' });
	for (const id of ['training-low', 'training-high', 'training-gap', 'dosage-share']) {
		expect(figures[id], `figure ${id}`).toMatch(/\S/);
	}
	for (const [id, text] of Object.entries(figures)) expect(text, `figure ${id}`).not.toBe('');
});

describe.each(pages)('build/%s', (file) => {
	it('carries the site CSP in a meta tag', async () => {
		const { cspMeta } = await inspect(file);
		expect(cspMeta).not.toBeNull();
		expect(policyWithoutHashes(cspMeta ?? '')).toEqual(policyWithoutHashes(cspHeader()));
	});

	it('loads no script, stylesheet, icon or image from another origin', async () => {
		const { resourceUrls } = await inspect(file);
		const pageUrl = new URL(file.split('\\').join('/'), SITE);
		const offOrigin = resourceUrls.filter((url) => {
			const resolved = new URL(url, pageUrl);
			return resolved.protocol !== 'data:' && resolved.origin !== pageUrl.origin;
		});
		expect(resourceUrls).not.toHaveLength(0);
		expect(offOrigin).toEqual([]);
	});
});

import type { TestProject } from 'vitest/node';
import { startServer } from '../../scripts/serve.ts';
import { resolveChromium } from './helpers/browser.ts';
import { assertBuilt, BUILD_DIR, type ServerKey } from './helpers/site.ts';

declare module 'vitest' {
	export interface ProvidedContext {
		/** Base URL (ending in `/`) of each server variant. */
		servers: Record<ServerKey, string>;
		/** The Chromium executable the tests launch. */
		chromiumPath: string;
	}
}

/**
 * Starts the static server twice on free ports, with the CSP header and without it, and resolves
 * Chromium once (unpacking it on the first run), for every e2e test file.
 */
export default async function setup(project: TestProject): Promise<() => Promise<void>> {
	assertBuilt();
	const chromiumPath = await resolveChromium();
	const withHeader = await startServer({ root: BUILD_DIR, port: 0, cspHeader: true });
	const metaOnly = await startServer({ root: BUILD_DIR, port: 0, cspHeader: false });
	project.provide('servers', { cspHeader: withHeader.url, metaOnly: metaOnly.url });
	project.provide('chromiumPath', chromiumPath);
	return async () => {
		await Promise.all([withHeader.close(), metaOnly.close()]);
	};
}

import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

/** The built site the e2e tests check. */
export const BUILD_DIR = fileURLToPath(new URL('../../../build', import.meta.url));

/** The two ways the site is served: CSP as an HTTP header (plus meta tags), or meta tags only. */
export const SERVER_VARIANTS = [
	{ name: 'CSP header', key: 'cspHeader' },
	{ name: 'CSP meta tag only', key: 'metaOnly' }
] as const;

/** Which server a test talks to. */
export type ServerKey = (typeof SERVER_VARIANTS)[number]['key'];

/** Throws a clear message when the site has not been built. */
export function assertBuilt(): void {
	if (!existsSync(`${BUILD_DIR}/index.html`)) {
		throw new Error(`No built site at ${BUILD_DIR}: run npm run build first.`);
	}
}

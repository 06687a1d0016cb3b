/**
 * The absolute address of a page of the site: its path (already under the base path, from
 * Kit's `resolve`) and query on the site's public origin. `siteUrl` is the build setting
 * `PUBLIC_SITE_URL` (e.g. `https://adoption-gap.example.org`; only its origin is used, the base
 * path comes from Kit's config); empty means the page's own origin at run time.
 */
export function siteLink(siteUrl: string, pageOrigin: string, path: string, query: string): string {
	const origin = siteUrl.trim() ? new URL(siteUrl.trim()).origin : pageOrigin;
	return new URL(`${path}${query ? `?${query}` : ''}`, origin).href;
}

declare const __PUBLIC_SITE_URL__: string | undefined;

/** `PUBLIC_SITE_URL` at build time (see `vite.config.ts`); '' when unset or outside Vite. */
export const SITE_URL: string = typeof __PUBLIC_SITE_URL__ === 'string' ? __PUBLIC_SITE_URL__ : '';

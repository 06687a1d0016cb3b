/**
 * The Content Security Policy of the site: its own origin only, plus `'wasm-unsafe-eval'` so
 * DuckDB-WASM can compile. SvelteKit writes it into every prerendered page as a meta tag (with
 * hashes for its inline scripts); hosts should also send it as an HTTP header, because a meta-tag
 * policy does not govern the DuckDB worker (see README, "Hosting").
 */
export const CSP_DIRECTIVES = {
	'default-src': ['self'],
	'script-src': ['self', 'wasm-unsafe-eval'],
	'connect-src': ['self'],
	'style-src': ['self'],
	'style-src-attr': ['unsafe-inline'],
	'img-src': ['self', 'data:'],
	'font-src': ['self'],
	'object-src': ['none'],
	'base-uri': ['self'],
	'form-action': ['self']
} as const;

const KEYWORDS = new Set(['self', 'none', 'wasm-unsafe-eval', 'unsafe-inline']);

/** The policy as an HTTP header value (keywords quoted, as the header syntax requires). */
export function cspHeader(): string {
	return Object.entries(CSP_DIRECTIVES)
		.map(([name, values]) =>
			[name, ...values.map((v) => (KEYWORDS.has(v) ? `'${v}'` : v))].join(' ')
		)
		.join('; ');
}

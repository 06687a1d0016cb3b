import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { cspHeader, CSP_DIRECTIVES } from '#lib/security/csp.ts';

describe('content security policy', () => {
	it('allows only the site itself, plus wasm compilation for DuckDB', () => {
		const sources = Object.values(CSP_DIRECTIVES).flat();
		expect(sources.filter((s) => /[:.]/.test(s) && s !== 'data:')).toEqual([]);
		expect(CSP_DIRECTIVES['script-src']).toEqual(['self', 'wasm-unsafe-eval']);
	});

	it('is documented for hosts in the README exactly as the server sends it', () => {
		expect(readFileSync('README.md', 'utf8')).toContain(`Content-Security-Policy: ${cspHeader()}`);
	});
});

import { readdirSync } from 'node:fs';
import { describe, expect, inject, it } from 'vitest';
import { cspHeader } from '#lib/security/csp.ts';
import { startServer } from '../../scripts/serve.ts';
import { policyWithoutHashes } from './helpers/html.ts';
import { BUILD_DIR, SERVER_VARIANTS } from './helpers/site.ts';

const servers = inject('servers');
const immutableFiles = readdirSync(`${BUILD_DIR}/_app/immutable`, {
	recursive: true,
	encoding: 'utf8'
}).map((file) => `_app/immutable/${file.split('\\').join('/')}`);

function head(path: string, acceptEncoding = 'br, gzip'): Promise<Response> {
	return fetch(new URL(path, servers.cspHeader), {
		method: 'HEAD',
		headers: { 'accept-encoding': acceptEncoding }
	});
}

describe.each(SERVER_VARIANTS)('the static server with $name', ({ key }) => {
	it('sends the security headers with every response, including 404s', async () => {
		for (const path of ['', 'no-such-page']) {
			const { headers } = await fetch(new URL(path, servers[key]));
			expect(headers.get('x-content-type-options')).toBe('nosniff');
			expect(headers.get('referrer-policy')).toBe('no-referrer');
			expect(headers.get('cross-origin-opener-policy')).toBe('same-origin');
			expect(headers.get('permissions-policy')).toContain('camera=()');
		}
	});

	it(`sends the CSP as an HTTP header only when asked to`, async () => {
		const policy = (await fetch(servers[key])).headers.get('content-security-policy');
		if (key === 'metaOnly') expect(policy).toBeNull();
		else expect(policyWithoutHashes(policy ?? '')).toEqual(policyWithoutHashes(cspHeader()));
	});
});

describe('the static server', () => {
	it("adds the page's inline-script hashes from its meta tag to the CSP header", async () => {
		const response = await fetch(servers.cspHeader);
		const meta = /http-equiv="content-security-policy" content="([^"]*)"/.exec(
			await response.text()
		)?.[1];
		const metaHashes = meta?.match(/'sha256-[^']+'/g) ?? [];
		const header = response.headers.get('content-security-policy') ?? '';
		expect(metaHashes).not.toHaveLength(0);
		for (const hash of metaHashes) expect(header).toContain(hash);
	});

	it('serves the DuckDB wasm precompressed as application/wasm', async () => {
		const wasm = immutableFiles.filter((file) => file.endsWith('.wasm'));
		expect(wasm).not.toHaveLength(0);
		for (const [acceptEncoding, encoding] of [
			['br, gzip', 'br'],
			['gzip', 'gzip']
		] as const) {
			const { headers } = await head(wasm[0] ?? '', acceptEncoding);
			expect(headers.get('content-type')).toBe('application/wasm');
			expect(headers.get('content-encoding')).toBe(encoding);
		}
	});

	it('ships one DuckDB bundle, the eh build: one wasm and one worker, no mvp or coi', () => {
		const duckdb = immutableFiles.filter((file) => /\/duckdb-/.test(file));
		const wasm = duckdb.filter((file) => /\.wasm$/.test(file));
		const workers = duckdb.filter((file) => /worker.*\.js$/.test(file));
		expect(wasm).toHaveLength(1);
		expect(wasm[0]).toMatch(/\/duckdb-eh\.[\w-]+\.wasm$/);
		expect(workers).toHaveLength(1);
		expect(workers[0]).toMatch(/\/duckdb-browser-eh\.worker\.[\w-]+\.js$/);
		// Every DuckDB file (with its .br and .gz copies) belongs to the eh build.
		expect(duckdb.filter((file) => !/\/duckdb-(browser-)?eh\./.test(file))).toEqual([]);
	});

	it('caches hashed assets forever and revalidates pages', async () => {
		const asset = immutableFiles.find((file) => file.endsWith('.js')) ?? '';
		expect((await head(asset)).headers.get('cache-control')).toBe(
			'public, max-age=31536000, immutable'
		);
		const page = await head('');
		expect(page.headers.get('cache-control')).toBe('no-cache');
		expect(page.headers.get('etag')).toBeTruthy();
	});

	it('refuses to start without a build, saying what to do', async () => {
		await expect(
			startServer({ root: `${BUILD_DIR}/no-such-dir`, port: 0, cspHeader: true })
		).rejects.toThrow('run npm run build first');
	});
});

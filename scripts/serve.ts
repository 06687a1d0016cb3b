import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { createServer, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import sirv from 'sirv';
import { cspHeader } from '#lib/security/csp.ts';

/** Options of {@link startServer}. */
export type ServerOptions = {
	/** The built site (adapter-static output). */
	root: string;
	/** 0 picks a free port. */
	port: number;
	/** Send the Content-Security-Policy as an HTTP header (else only the pages' meta tags apply). */
	cspHeader: boolean;
};

/** A running server: its base URL (ending in `/`) and a way to stop it. */
export type RunningServer = { url: string; close: () => Promise<void> };

const SECURITY_HEADERS = {
	'X-Content-Type-Options': 'nosniff',
	'Referrer-Policy': 'no-referrer',
	'Cross-Origin-Opener-Policy': 'same-origin',
	'Permissions-Policy':
		'accelerometer=(), browsing-topics=(), camera=(), geolocation=(), gyroscope=(), ' +
		'magnetometer=(), microphone=(), payment=(), usb=()'
};

const IMMUTABLE_CACHE = 'public, max-age=31536000, immutable';

/**
 * Serves a built site on 127.0.0.1 the way a careful static host would: precompressed files
 * (brotli, gzip), `.wasm` as `application/wasm`, immutable caching for hashed assets, security
 * headers on every response and, when asked, the Content-Security-Policy as an HTTP header.
 */
export function startServer(options: ServerOptions): Promise<RunningServer> {
	const root = resolve(options.root);
	if (!existsSync(join(root, 'index.html'))) {
		return Promise.reject(new Error(`No built site at ${root}: run npm run build first.`));
	}
	const pagePolicies = options.cspHeader ? collectPagePolicies(root) : new Map<string, string>();
	const serveFile = sirv(root, {
		etag: true,
		gzip: true,
		brotli: true,
		setHeaders(res, pathname) {
			res.setHeader(
				'Cache-Control',
				pathname.startsWith('/_app/immutable/') ? IMMUTABLE_CACHE : 'no-cache'
			);
		},
		onNoMatch(_req, res) {
			sendText(res, 404, 'Not found');
		}
	});
	const server = createServer((req, res) => {
		for (const [name, value] of Object.entries(SECURITY_HEADERS)) res.setHeader(name, value);
		if (options.cspHeader) {
			const pathname = new URL(req.url ?? '/', 'http://localhost').pathname;
			res.setHeader('Content-Security-Policy', pagePolicies.get(pathname) ?? cspHeader());
		}
		if (req.method !== 'GET' && req.method !== 'HEAD') {
			res.setHeader('Allow', 'GET, HEAD');
			sendText(res, 405, 'Method not allowed');
			return;
		}
		serveFile(req, res);
	});
	return new Promise((resolveStart, rejectStart) => {
		server.once('error', rejectStart);
		server.listen(options.port, '127.0.0.1', () => {
			const { port } = server.address() as AddressInfo;
			resolveStart({
				url: `http://127.0.0.1:${port}/`,
				close: () =>
					new Promise((resolveClose, rejectClose) => {
						server.closeAllConnections();
						server.close((error) => (error ? rejectClose(error) : resolveClose()));
					})
			});
		});
	});
}

/**
 * The header policy of each prerendered page, by every pathname that serves it: `cspHeader()` plus
 * the hashes SvelteKit put in the page's meta tag (for its inline start-up script). Without them
 * the header would block that script: a page must satisfy both its header and its meta policy.
 */
function collectPagePolicies(root: string): Map<string, string> {
	const policies = new Map<string, string>();
	for (const file of readdirSync(root, { recursive: true, encoding: 'utf8' })) {
		if (!file.endsWith('.html')) continue;
		const meta = META_CSP.exec(readFileSync(join(root, file), 'utf8'))?.[1] ?? '';
		const policy = withHashesOf(meta, cspHeader());
		for (const pathname of pagePathnames(file)) policies.set(pathname, policy);
	}
	return policies;
}

const META_CSP = /<meta http-equiv="content-security-policy" content="([^"]*)"/i;
const HASH_SOURCE = /^'sha(256|384|512)-[A-Za-z0-9+/=]+'$/;

/** Adds each hash source of `metaPolicy` to the same directive of `policy`. */
function withHashesOf(metaPolicy: string, policy: string): string {
	const hashes = new Map<string, string[]>();
	for (const directive of metaPolicy.split(';')) {
		const [name, ...sources] = directive.trim().split(/\s+/);
		if (name)
			hashes.set(
				name,
				sources.filter((source) => HASH_SOURCE.test(source))
			);
	}
	return policy
		.split('; ')
		.map((directive) => {
			const extra = hashes.get(directive.split(' ')[0] ?? '') ?? [];
			return [directive, ...extra].join(' ');
		})
		.join('; ');
}

/** `about/index.html` → `/about/index.html`, `/about/index`, `/about/`, `/about`. */
function pagePathnames(file: string): string[] {
	const path = '/' + file.split(sep).join('/');
	const withoutExtension = path.slice(0, -'.html'.length);
	const paths = [path, withoutExtension];
	if (withoutExtension.endsWith('/index')) {
		const folder = withoutExtension.slice(0, -'index'.length);
		paths.push(folder, folder.length > 1 ? folder.slice(0, -1) : folder);
	}
	return paths;
}

function sendText(res: ServerResponse, status: number, text: string): void {
	res.writeHead(status, { 'Content-Type': 'text/plain; charset=utf-8' });
	res.end(text);
}

async function main(): Promise<void> {
	const root = fileURLToPath(new URL('../build', import.meta.url));
	const port = Number(process.env.PORT ?? 4173);
	const withHeader = process.env.CSP_HEADER !== 'off';
	try {
		const { url } = await startServer({ root, port, cspHeader: withHeader });
		const policy = withHeader ? 'CSP sent as an HTTP header' : 'CSP in meta tags only';
		console.log(`Adoption Gap: serving build/ at ${url} (${policy})`);
	} catch (error) {
		console.error(error instanceof Error ? error.message : error);
		process.exitCode = 1;
	}
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
	await main();
}

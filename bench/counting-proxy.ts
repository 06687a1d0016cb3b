import { createServer, request } from 'node:http';
import type { AddressInfo } from 'node:net';

/** A request seen by the proxy: its path and when it arrived (`performance.now()` here). */
export interface SeenRequest {
	readonly path: string;
	readonly at: number;
}

/**
 * A pass-through HTTP proxy in front of the site that records every request reaching the server,
 * including those of web workers, which the page's own resource timing does not list: what is
 * fetched when, and what a reload takes from the browser's cache (it never reaches the server).
 */
export function countingProxy(
	target: string
): Promise<{ url: string; seen: SeenRequest[]; close(): Promise<void> }> {
	const seen: SeenRequest[] = [];
	const server = createServer((req, res) => {
		seen.push({ path: req.url ?? '', at: performance.now() });
		const upstream = request(
			new URL(req.url ?? '/', target),
			{ method: req.method, headers: req.headers },
			(reply) => {
				res.writeHead(reply.statusCode ?? 502, reply.headers);
				reply.pipe(res);
			}
		);
		upstream.on('error', () => res.destroy());
		req.pipe(upstream);
	});
	return new Promise((resolve) => {
		server.listen(0, '127.0.0.1', () => {
			const { port } = server.address() as AddressInfo;
			resolve({
				url: `http://127.0.0.1:${port}/`,
				seen,
				close: () => new Promise((done) => server.close(() => done()))
			});
		});
	});
}

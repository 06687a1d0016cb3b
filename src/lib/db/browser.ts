import wasmUrl from '@duckdb/duckdb-wasm/dist/duckdb-eh.wasm?url';
import workerUrl from '@duckdb/duckdb-wasm/dist/duckdb-browser-eh.worker.js?url';
import { openDatabase, QUERY_CONFIG, withTimeout, type Database } from './database.ts';
import { EngineStartError } from './errors.ts';
import { StatementCache } from './statement-cache.ts';

/** How long the engine may take to start before the user is told why it did not. */
export const START_TIMEOUT_MS = 30_000;

let started: Promise<Database> | undefined;

/**
 * Starts DuckDB-WASM in a Web Worker from files bundled with the site (never a CDN). Single
 * flight: every caller shares one start-up. Must be imported dynamically, on the client only:
 * DuckDB's Node polyfill crashes SvelteKit's prerendering.
 */
export function startBrowserDatabase(): Promise<Database> {
	started ??= withTimeout(start(), START_TIMEOUT_MS, () => {
		return new EngineStartError(
			`The analysis engine did not start within ${START_TIMEOUT_MS / 1000} s. ` +
				'If you host this site, check that .wasm files are served as application/wasm ' +
				'and that the Content-Security-Policy allows wasm-unsafe-eval.'
		);
	}).catch((error: unknown) => {
		started = undefined;
		throw error;
	});
	return started;
}

async function start(): Promise<Database> {
	const duckdb = await import('@duckdb/duckdb-wasm');
	const worker = new Worker(new URL(workerUrl, location.href));
	const bindings = new duckdb.AsyncDuckDB(new duckdb.VoidLogger(), worker);
	await bindings.instantiate(new URL(wasmUrl, location.href).href);
	await bindings.open({ query: QUERY_CONFIG });
	const connection = await bindings.connect();
	const statements = new StatementCache((text) => connection.prepare(text));
	return openDatabase({
		run(text, params) {
			return params.length === 0 ? connection.query(text) : statements.run(text, params);
		},
		async registerFile(path, data) {
			await bindings.registerFileBuffer(path, data);
		},
		async dropFile(path) {
			await bindings.dropFile(path);
		},
		async close() {
			await statements.clear();
			await connection.close();
			await bindings.terminate();
		}
	});
}

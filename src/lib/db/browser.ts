import wasmUrl from '@duckdb/duckdb-wasm/dist/duckdb-eh.wasm?url';
import workerUrl from '@duckdb/duckdb-wasm/dist/duckdb-browser-eh.worker.js?url';
import { openDatabase, QUERY_CONFIG, singleFlight, type Database } from './database.ts';
import { engineStartTimeout } from './errors.ts';
import { StatementCache } from './statement-cache.ts';

/** How long the engine may take to start before the user is told why it did not. */
export const START_TIMEOUT_MS = 30_000;

/**
 * Starts DuckDB-WASM in a Web Worker from files bundled with the site (never a CDN). Single
 * flight: every caller shares one start-up, which fails after `START_TIMEOUT_MS` with
 * {@link engineStartTimeout} (a `.wasm` served with the wrong MIME type otherwise hangs forever)
 * and may then be retried. Must be imported dynamically, on the client only: DuckDB's Node
 * polyfill crashes SvelteKit's prerendering.
 */
export const startBrowserDatabase = singleFlight(start, START_TIMEOUT_MS, () =>
	engineStartTimeout(START_TIMEOUT_MS)
);

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

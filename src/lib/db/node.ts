import { createRequire } from 'node:module';
import * as duckdb from '@duckdb/duckdb-wasm/blocking';
import { openDatabase, QUERY_CONFIG, type Database } from './database.ts';
import { StatementCache } from './statement-cache.ts';

const require = createRequire(import.meta.url);

/**
 * Opens DuckDB-WASM in Node with the blocking build: the same engine and version as the browser,
 * for tests, build-time figures and the command line. Takes about 2 s.
 */
export async function createNodeDatabase(): Promise<Database> {
	const eh = require.resolve('@duckdb/duckdb-wasm/dist/duckdb-eh.wasm');
	const mvp = require.resolve('@duckdb/duckdb-wasm/dist/duckdb-mvp.wasm');
	const bindings = await duckdb.createDuckDB(
		{ mvp: { mainModule: mvp, mainWorker: '' }, eh: { mainModule: eh, mainWorker: '' } },
		new duckdb.VoidLogger(),
		duckdb.NODE_RUNTIME
	);
	await bindings.instantiate();
	bindings.open({ query: QUERY_CONFIG });
	const connection = bindings.connect();
	// The browser's cache of prepared statements, so every test runs queries the way it does.
	const statements = new StatementCache(async (text) => {
		const statement = connection.prepare(text);
		return {
			query: async (...params) => statement.query(...params),
			close: async () => statement.close()
		};
	});
	return openDatabase({
		async run(text, params) {
			return params.length === 0 ? connection.query(text) : statements.run(text, params);
		},
		async registerFile(path, data) {
			bindings.registerFileBuffer(path, data);
		},
		async dropFile(path) {
			bindings.dropFile(path);
		},
		async close() {
			await statements.clear();
			connection.close();
			bindings.reset();
		}
	});
}

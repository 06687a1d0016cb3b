import { mkdtempSync, rmSync, unlinkSync, writeFileSync, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { FILE_ROOT, openDatabase, type Database } from '#lib/db/database.ts';

/**
 * The part of `@duckdb/node-api` the benchmark uses. The package is installed by `npm run bench`
 * itself, not from the lockfile: its platform binaries are missing from some registries (this
 * machine's among them), which would break `npm ci` for everyone.
 */
interface NativeDuckDB {
	DuckDBInstance: {
		create(
			path: string,
			options: Record<string, string>
		): Promise<{ connect(): Promise<NativeConnection>; closeSync(): void }>;
	};
}
interface NativeConnection {
	runAndReadAll(
		sql: string,
		params?: readonly unknown[]
	): Promise<{ getRowObjectsJS(): Record<string, unknown>[] }>;
	closeSync(): void;
}

const NATIVE_PACKAGE = '@duckdb/node-api';

async function loadNative(): Promise<NativeDuckDB> {
	try {
		return (await import(NATIVE_PACKAGE)) as NativeDuckDB;
	} catch (error) {
		throw new Error(
			`Native DuckDB (${NATIVE_PACKAGE}) is not installed; \`npm run bench\` installs it.`,
			{ cause: error }
		);
	}
}

/** Whether native DuckDB is installed: `npm run bench` installs it, `npm ci` does not. */
export function nativeInstalled(): Promise<boolean> {
	return loadNative().then(
		() => true,
		() => false
	);
}

/** A value as DuckDB-WASM hands it to the app (`QUERY_CONFIG`: BIGINT and DECIMAL as numbers). */
function asWasmValue(value: unknown): unknown {
	if (typeof value === 'bigint') return Number(value);
	if (value instanceof Date) return value.getTime();
	return value;
}

/**
 * The app's `Database` over native DuckDB (`@duckdb/node-api`, the same DuckDB version as the
 * wasm build), so the benchmark's ceiling runs exactly the app's SQL. Native DuckDB cannot read
 * in-memory buffers: a registered file is written into a private temporary folder that stands in
 * for `FILE_ROOT` (the SQL text's `FILE_ROOT` prefix is rewritten to it, lock-down included).
 * `threads` 1 is the single-thread ceiling; omitted, DuckDB uses every core.
 */
export async function createNativeDatabase(threads?: number): Promise<Database> {
	const root = mkdtempSync(join(tmpdir(), 'adoption-gap-bench-')) + '/';
	const { DuckDBInstance } = await loadNative();
	const instance = await DuckDBInstance.create(
		':memory:',
		threads ? { threads: String(threads) } : {}
	);
	const connection = await instance.connect();
	const local = (text: string) => text.replaceAll(FILE_ROOT, root);
	return openDatabase({
		async run(text, params) {
			const reader = await connection.runAndReadAll(local(text), params);
			const rows = reader.getRowObjectsJS();
			return {
				toArray: () =>
					rows.map((row) => ({
						toJSON: () =>
							Object.fromEntries(Object.entries(row).map(([k, v]) => [k, asWasmValue(v)]))
					}))
			};
		},
		async registerFile(path, data) {
			const file = local(path);
			mkdirSync(dirname(file), { recursive: true });
			writeFileSync(file, data);
		},
		async dropFile(path) {
			unlinkSync(local(path));
		},
		async close() {
			connection.closeSync();
			instance.closeSync();
			rmSync(root, { recursive: true, force: true });
		}
	});
}

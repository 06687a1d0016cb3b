import { explainEngineMessage, QueryError } from './errors.ts';
import type { SqlQuery, SqlValue } from './sql.ts';

/** The virtual folder every registered file lives in; the engine may read nothing else. */
export const FILE_ROOT = '/adoption-gap/';

/**
 * Run once on the first connection (the settings are global). Offline, DuckDB-WASM has only its
 * core functions; with these settings a query that needs an extension or a file outside
 * `FILE_ROOT` fails at once with a clear error instead of hanging. `enable_external_access` is
 * one-way, so it comes last.
 */
export const LOCKDOWN_STATEMENTS = [
	'SET autoload_known_extensions = false',
	'SET autoinstall_known_extensions = false',
	`SET allowed_directories = ['${FILE_ROOT}']`,
	'SET enable_external_access = false'
] as const;

/** Query options for both builds: numbers, never BigInt or Decimal objects, reach the app. */
export const QUERY_CONFIG = { castBigIntToDouble: true, castDecimalToDouble: true };

/** The minimal surface of an Arrow result that both DuckDB-WASM builds return. */
export interface ArrowResult {
	toArray(): { toJSON(): Record<string, unknown> }[];
}

/** One DuckDB-WASM instance behind a uniform async API (the blocking Node build or the browser worker). */
export interface Engine {
	run(text: string, params: readonly SqlValue[]): Promise<ArrowResult>;
	registerFile(path: string, data: Uint8Array): Promise<void>;
	dropFile(path: string): Promise<void>;
	close(): Promise<void>;
}

function toQuery(q: SqlQuery | string): SqlQuery {
	return typeof q === 'string' ? { text: q, params: [] } : q;
}

/**
 * The app's handle on DuckDB: typed queries with bound parameters, errors that carry their SQL,
 * and files registered under `FILE_ROOT`. It knows nothing about the app's tables.
 */
export class Database {
	#engine: Engine;

	constructor(engine: Engine) {
		this.#engine = engine;
	}

	/** Runs a query and returns its rows as plain objects (BIGINT and DECIMAL arrive as numbers). */
	async query<T>(q: SqlQuery | string): Promise<T[]> {
		const { text, params } = toQuery(q);
		try {
			const result = await this.#engine.run(text, params);
			return result.toArray().map((row) => row.toJSON() as T);
		} catch (error) {
			const message = error instanceof Error ? error.message : String(error);
			throw new QueryError(explainEngineMessage(message), text, { cause: error });
		}
	}

	/** Runs statements whose result is not needed (DDL, INSERT, SET). */
	async exec(q: SqlQuery | string): Promise<void> {
		await this.query(q);
	}

	/** Makes bytes readable by SQL as `FILE_ROOT + name`; returns that path. */
	async registerFile(name: string, data: Uint8Array | string): Promise<string> {
		if (!/^[\w.-]+(\/[\w.-]+)*$/.test(name) || name.includes('..')) {
			throw new Error(`invalid file name: ${name}`);
		}
		const path = FILE_ROOT + name;
		const bytes = typeof data === 'string' ? new TextEncoder().encode(data) : data;
		await this.#engine.registerFile(path, bytes);
		return path;
	}

	async dropFile(path: string): Promise<void> {
		await this.#engine.dropFile(path);
	}

	close(): Promise<void> {
		return this.#engine.close();
	}
}

/** Applies the lock-down on a fresh engine and wraps it. */
export async function openDatabase(engine: Engine): Promise<Database> {
	const db = new Database(engine);
	for (const statement of LOCKDOWN_STATEMENTS) await db.exec(statement);
	return db;
}

/** Rejects with `onTimeout()` when `promise` has not settled within `ms`. */
export function withTimeout<T>(
	promise: Promise<T>,
	ms: number,
	onTimeout: () => Error
): Promise<T> {
	let timer: ReturnType<typeof setTimeout> | undefined;
	const timeout = new Promise<never>((_, reject) => {
		timer = setTimeout(() => reject(onTimeout()), ms);
	});
	return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}

/**
 * Wraps a start-up so that every caller shares one attempt (single flight), the attempt rejects
 * with `onTimeout()` when it has not settled within `ms`, and a failed or timed-out attempt is
 * forgotten so that the next call starts afresh.
 */
export function singleFlight<T>(
	start: () => Promise<T>,
	ms: number,
	onTimeout: () => Error
): () => Promise<T> {
	let pending: Promise<T> | undefined;
	return () => {
		pending ??= withTimeout(start(), ms, onTimeout).catch((error: unknown) => {
			pending = undefined;
			throw error;
		});
		return pending;
	};
}

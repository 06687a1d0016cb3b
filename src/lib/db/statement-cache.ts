import type { SqlValue } from './sql.ts';

/** A prepared statement as the engine gives it. */
export interface PreparedStatement<R> {
	query(...params: SqlValue[]): Promise<R>;
	close(): Promise<void>;
}

/**
 * Prepared statements kept by their SQL text, the least recently used closed beyond `capacity`:
 * a query run again (a filter change) costs one message to the DuckDB worker instead of three
 * (prepare, run, close). DuckDB rebinds a kept statement whose tables were replaced; should
 * running a kept statement still fail, it is closed and prepared afresh once, so a stale
 * statement never surfaces as an error (statements run in autocommit: a failed one changed
 * nothing).
 */
export class StatementCache<R> {
	readonly #kept = new Map<string, Promise<PreparedStatement<R>>>();
	readonly #prepare: (text: string) => Promise<PreparedStatement<R>>;
	readonly #capacity: number;

	constructor(prepare: (text: string) => Promise<PreparedStatement<R>>, capacity = 32) {
		this.#prepare = prepare;
		this.#capacity = capacity;
	}

	async run(text: string, params: readonly SqlValue[]): Promise<R> {
		const kept = this.#kept.get(text);
		if (kept) {
			this.#kept.delete(text);
			this.#kept.set(text, kept);
			try {
				return await (await kept).query(...params);
			} catch {
				this.#forget(text, kept);
			}
		}
		const fresh = this.#prepare(text);
		this.#kept.set(text, fresh);
		this.#evict();
		try {
			return await (await fresh).query(...params);
		} catch (error) {
			this.#forget(text, fresh);
			throw error;
		}
	}

	/** Closes every kept statement (before the connection closes). */
	async clear(): Promise<void> {
		const kept = [...this.#kept.values()];
		this.#kept.clear();
		await Promise.all(kept.map((s) => s.then((p) => p.close()).catch(() => undefined)));
	}

	#forget(text: string, statement: Promise<PreparedStatement<R>>): void {
		if (this.#kept.get(text) === statement) this.#kept.delete(text);
		statement.then((p) => p.close()).catch(() => undefined);
	}

	#evict(): void {
		for (const [text, statement] of this.#kept) {
			if (this.#kept.size <= this.#capacity) return;
			this.#forget(text, statement);
		}
	}
}

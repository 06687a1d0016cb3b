import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createNodeDatabase } from '#lib/db/node.ts';
import type { Database } from '#lib/db/database.ts';
import { sql } from '#lib/db/sql.ts';
import { StatementCache, type PreparedStatement } from '#lib/db/statement-cache.ts';

/** A fake engine that records prepares and closes; `fails` makes a text's statement throw. */
function fakeEngine(fails = new Set<string>()) {
	const log: string[] = [];
	const prepare = async (text: string): Promise<PreparedStatement<string>> => {
		log.push(`prepare ${text}`);
		return {
			query: async (...params) => {
				if (fails.has(text)) throw new Error(`stale ${text}`);
				return `${text}(${params.join(',')})`;
			},
			close: async () => void log.push(`close ${text}`)
		};
	};
	return { log, prepare };
}

describe('StatementCache', () => {
	it('prepares a text once and runs it with each call’s parameters', async () => {
		const engine = fakeEngine();
		const cache = new StatementCache(engine.prepare);
		expect(await cache.run('a', [1])).toBe('a(1)');
		expect(await cache.run('a', [2])).toBe('a(2)');
		expect(engine.log).toEqual(['prepare a']);
	});

	it('closes the least recently used statement beyond its capacity', async () => {
		const engine = fakeEngine();
		const cache = new StatementCache(engine.prepare, 2);
		await cache.run('a', []);
		await cache.run('b', []);
		await cache.run('a', []);
		await cache.run('c', []);
		await Promise.resolve();
		expect(engine.log).toEqual(['prepare a', 'prepare b', 'prepare c', 'close b']);
		await cache.run('a', []);
		expect(engine.log.filter((l) => l === 'prepare a')).toHaveLength(1);
	});

	it('prepares a failing kept statement afresh once, and a fresh failure is thrown and not kept', async () => {
		const fails = new Set<string>();
		const engine = fakeEngine(fails);
		const cache = new StatementCache(engine.prepare);
		await cache.run('a', []);
		fails.add('a');
		await expect(cache.run('a', [])).rejects.toThrow('stale a');
		// Kept failed → closed, prepared again → failed again → thrown and forgotten.
		expect(engine.log.filter((l) => l === 'prepare a')).toHaveLength(2);
		fails.clear();
		expect(await cache.run('a', [3])).toBe('a(3)');
		expect(engine.log.filter((l) => l === 'prepare a')).toHaveLength(3);
	});
});

// The real engine (DuckDB-WASM in Node runs every bound query through the cache): a statement
// kept across a table replaced with other columns and types still gives the new table's rows.
describe('kept statements on DuckDB-WASM', () => {
	let db: Database;
	beforeAll(async () => {
		db = await createNodeDatabase();
	});
	afterAll(() => db?.close());

	it('see a table replaced between runs', async () => {
		await db.exec('CREATE OR REPLACE TEMP TABLE t AS SELECT 1 AS x, 2 AS y');
		const query = () => db.query<Record<string, unknown>>(sql`SELECT * FROM t WHERE ${1} = 1`);
		expect(await query()).toEqual([{ x: 1, y: 2 }]);
		await db.exec("CREATE OR REPLACE TEMP TABLE t AS SELECT 'a' AS x");
		expect(await query()).toEqual([{ x: 'a' }]);
		await db.exec('DROP TABLE t');
		await expect(query()).rejects.toThrow(/t/);
	});
});

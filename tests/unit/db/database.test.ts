import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '#lib/db/database.ts';
import { isQueryError } from '#lib/db/errors.ts';
import { engineVersion, LOCKDOWN_PROBES, runLockdownProbes } from '#lib/db/lockdown-probes.ts';
import { createNodeDatabase } from '#lib/db/node.ts';
import { identifier, sql, valueList } from '#lib/db/sql.ts';

let db: Database;
beforeAll(async () => {
	db = await createNodeDatabase();
});
afterAll(() => db.close());

function failure(q: string): Promise<unknown> {
	return db.query(q).then(
		() => undefined,
		(e: unknown) => e
	);
}

describe('Database.query', () => {
	it('binds parameters, so a quote in a value is data, not SQL', async () => {
		const name = "O'Brien'); DROP TABLE x; --";
		const rows = await db.query<{ v: number; s: string }>(sql`SELECT ${41} + 1 AS v, ${name} AS s`);
		expect(rows).toEqual([{ v: 42, s: name }]);
	});

	it('returns BIGINT and DECIMAL as numbers', async () => {
		const rows = await db.query<{ n: unknown; d: unknown }>(
			'SELECT count(*) AS n, sum(x) AS d FROM (VALUES (10.10::DECIMAL(12,2)), (9.95), (9.95)) t(x)'
		);
		expect(rows).toEqual([{ n: 3, d: 30 }]);
	});

	it('quotes identifiers from user headers', async () => {
		const header = 'Weird "col"; name';
		const rows = await db.query<Record<string, number>>(sql`SELECT 1 AS ${identifier(header)}`);
		expect(Object.keys(rows[0] ?? {})).toEqual([header]);
	});

	it('throws a QueryError that carries the SQL', async () => {
		const error = await failure('SELECT * FROM no_such_table');
		expect(isQueryError(error)).toBe(true);
		expect((error as { sql: string }).sql).toBe('SELECT * FROM no_such_table');
		expect((error as Error).message).toMatch(/no_such_table/);
	});

	it('binds a list of values for IN, and an empty list matches nothing', async () => {
		const name = "it's";
		const query = (values: string[]) =>
			db.query<{ hit: boolean | null }>(sql`SELECT ${name} IN (${valueList(values)}) AS hit`);
		expect(valueList(['a', name])).toEqual({ text: '?, ?', params: ['a', name] });
		expect(await query(['a', name])).toEqual([{ hit: true }]);
		expect(await query(['a'])).toEqual([{ hit: false }]);
		// `x IN (NULL)` is NULL: a WHERE clause keeps no row.
		expect(await query([])).toEqual([{ hit: null }]);
	});

	it('reads registered files', async () => {
		const path = await db.registerFile('test/a.csv', 'x,y\n1,2\n3,4\n');
		const rows = await db.query<{ s: number }>(sql`SELECT sum(x + y) AS s FROM read_csv(${path})`);
		expect(rows).toEqual([{ s: 10 }]);
	});

	it('rejects file names that could escape the data folder', async () => {
		await expect(db.registerFile('../etc/passwd', 'x')).rejects.toThrow(/invalid file name/);
	});
});

/** "Fail fast": a refusal is a check at bind time, a few ms; a hang or a slow failure is not. */
const FAST_MS = 1000;

describe('engine lock-down', () => {
	it('refuses every lock-down probe at once, with a plain explanation instead of hanging', async () => {
		const outcomes = await runLockdownProbes(db);
		expect(outcomes.map((o) => o.id)).toEqual(LOCKDOWN_PROBES.map((p) => p.id));
		for (const outcome of outcomes) {
			expect(outcome, outcome.message).toMatchObject({ refused: true });
			expect(outcome.ms, outcome.id).toBeLessThan(FAST_MS);
		}
	}, 10_000);

	it('reports the engine of record: DuckDB 1.4.3, as pinned with duckdb-wasm 1.32.0', async () => {
		expect(await engineVersion(db)).toBe('v1.4.3');
	});

	it('keeps extension autoloading off', async () => {
		const rows = await db.query<{ value: string }>(
			"SELECT value FROM duckdb_settings() WHERE name IN ('autoload_known_extensions', 'autoinstall_known_extensions', 'enable_external_access') ORDER BY name"
		);
		expect(rows.map((r) => r.value)).toEqual(['false', 'false', 'false']);
	});
});

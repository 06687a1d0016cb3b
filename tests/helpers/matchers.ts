import { expect } from 'vitest';
import type { Database } from '#lib/db/database.ts';
import type { SqlQuery } from '#lib/db/sql.ts';

/** `await expect(query).toBeValidQuery(db)`: DuckDB can plan it (`EXPLAIN`) on the given tables. */
expect.extend({
	async toBeValidQuery(received: SqlQuery, db: Database) {
		try {
			await db.query({ text: `EXPLAIN ${received.text}`, params: received.params });
			return { pass: true, message: () => `expected the query not to be valid:\n${received.text}` };
		} catch (error) {
			return {
				pass: false,
				message: () => `expected a valid query, got ${String(error)}\n${received.text}`
			};
		}
	}
});

declare module 'vitest' {
	interface Matchers<R extends void | Promise<void> = void | Promise<void>, T = unknown> {
		toBeValidQuery(db: Database): Promise<R & T>;
	}
}

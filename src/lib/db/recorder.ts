import type { Database } from './database.ts';
import type { SqlQuery } from './sql.ts';

/**
 * A view of `db` that records every statement run through it (text and bound parameters, in
 * order), for an export's provenance. The database itself is shared, not copied.
 */
export function recordQueries(db: Database): { db: Database; queries: SqlQuery[] } {
	const queries: SqlQuery[] = [];
	const record = (q: SqlQuery | string) =>
		queries.push(typeof q === 'string' ? { text: q, params: [] } : q);
	const recording = new Proxy(db, {
		get(target, property) {
			if (property === 'query') {
				return (q: SqlQuery | string) => (record(q), target.query(q));
			}
			if (property === 'exec') {
				return (q: SqlQuery | string) => (record(q), target.exec(q));
			}
			const value = Reflect.get(target, property, target) as unknown;
			return typeof value === 'function' ? value.bind(target) : value;
		}
	});
	return { db: recording, queries };
}

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '#lib/db/database.ts';
import { COMPUTED_METRICS, METRICS, metricById } from '#lib/metrics/registry.ts';
import '../helpers/matchers.ts';
import { createSchemaDatabase } from '../helpers/schema-db.ts';

let db: Database;
beforeAll(async () => {
	db = await createSchemaDatabase();
});
afterAll(() => db.close());

describe('metric registry', () => {
	it('has unique kebab-case ids', () => {
		const ids = METRICS.map((m) => m.id);
		expect(new Set(ids).size).toBe(ids.length);
		for (const id of ids) expect(id).toMatch(/^[a-z0-9]+(-[a-z0-9]+)*$/);
	});

	it.each(METRICS.map((m) => [m.id, m] as const))(
		'%s is a valid query on the schema',
		async (_, m) => {
			await expect(m.query(m.exampleParams)).toBeValidQuery(db);
		}
	);

	it('lists each computed metric once, with the exported function that computes it', async () => {
		const ids = [...METRICS, ...COMPUTED_METRICS].map((m) => m.id);
		expect(new Set(ids).size).toBe(ids.length);
		for (const m of COMPUTED_METRICS) {
			expect(m.id).toMatch(/^[a-z0-9]+(-[a-z0-9]+)*$/);
			const [file, name] = m.computedBy.split('#') as [string, string];
			const module = (await import(`../../src/lib/metrics/${file}`)) as Record<string, unknown>;
			expect(typeof module[name], m.computedBy).toBe('function');
		}
	});

	it('rejects unknown ids', () => {
		expect(() => metricById('no-such-metric')).toThrow('unknown metric: no-such-metric');
	});
});

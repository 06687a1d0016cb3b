import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '#lib/db/database.ts';
import { identifier, sql } from '#lib/db/sql.ts';
import { ingestFile } from '#lib/ingest/ingest-file.ts';
import type { FieldKind } from '#lib/ingest/targets/fields.ts';
import { TARGETS } from '#lib/ingest/targets/index.ts';
import { resetTables } from '#lib/workspace/engine.ts';
import { balanced, mapping, openDatabase } from '../ingest/ingest-helpers.ts';

/** Values each kind's normaliser must accept or reject cleanly: well-formed, near misses, junk. */
const HOSTILE = [
	'',
	' ',
	'NA',
	'-1',
	'-3',
	'0',
	'1e308',
	'-1e308',
	'NaN',
	'Infinity',
	'99999999999999999999',
	'1,234',
	'1.234,5',
	'12%',
	'250%',
	'0,5',
	'2024',
	'2024-25',
	'2024-2026',
	'fall 2024',
	'spring 2090',
	'9999-12-31',
	'2024-02-30',
	'2/30/2024',
	'[0.2, 0.4[',
	'[0.4, 0.2]',
	'yes',
	'Y',
	'maybe',
	'0100190',
	'100190',
	'010019000001',
	'01001900000123',
	'AL',
	'Alabama',
	'ZZ',
	'=1+1',
	'<script>x</script>',
	'\u200b1',
	"'; DROP TABLE districts; --",
	'"'
];

const BY_KIND: Partial<Record<FieldKind, fc.Arbitrary<string>>> = {
	leaid: fc.stringMatching(/^\d{5,8}$/),
	ncessch: fc.stringMatching(/^\d{10,13}$/),
	state_fips: fc.stringMatching(/^\d{1,3}$/),
	count: fc.integer({ min: -5, max: 2 ** 31 }).map(String),
	integer: fc.integer().map(String),
	number: fc.double().map(String),
	decimal: fc.double({ min: -1e12, max: 1e12 }).map(String),
	proportion: fc.double({ min: -1, max: 2 }).map(String),
	percent: fc.double({ min: -10, max: 200 }).map((v) => `${v}%`),
	school_year: fc
		.integer({ min: 1890, max: 2110 })
		.map((y) => `${y}-${String((y + 1) % 100).padStart(2, '0')}`),
	date: fc
		.date({ min: new Date('1890-01-01'), max: new Date('2200-01-01'), noInvalidDate: true })
		.map((d) => d.toISOString().slice(0, 10))
};

/** A value for a field: one shaped for its kind, a hostile one, or any text at all. */
const valueFor = (kind: FieldKind) =>
	fc.oneof(
		BY_KIND[kind] ?? fc.string({ maxLength: 12 }),
		fc.constantFrom(...HOSTILE),
		fc.string({ unit: 'binary', maxLength: 12 })
	);

const quote = (v: string) => `"${v.replaceAll('"', '""')}"`;

let db: Database;
beforeAll(async () => {
	db = await openDatabase();
});
afterAll(() => db.close());

describe('every field normaliser of every table on arbitrary values (fast-check)', () => {
	it.each(TARGETS.map((t) => [t.spec.name, t] as const))(
		'%s: no exception escapes, rows balance, the table holds exactly the loaded rows with its schema types',
		async (name, target) => {
			const fields = target.fields;
			const rows = fc.array(fc.tuple(...fields.map((f) => valueFor(f.kind))), {
				minLength: 1,
				maxLength: 6
			});
			const m = mapping(name, Object.fromEntries(fields.map((f) => [f.name, f.name])), {
				year_mapping: 'fall'
			});
			await fc.assert(
				fc.asyncProperty(rows, async (values) => {
					await resetTables(db);
					const text = [
						fields.map((f) => f.name).join(','),
						...values.map((r) => r.map(quote).join(','))
					].join('\n');
					const report = await ingestFile(
						db,
						`${name}.csv`,
						new TextEncoder().encode(`${text}\n`),
						{
							mapping: m,
							reference: false
						}
					);
					expect(balanced(report)).toBe(true);
					if (report.status === 'not_loaded') {
						// Only control bytes (NUL, or over 1% of the first 8 KB) refuse the file as binary.
						expect(report.issues.map((i) => i.code)).toEqual(['binary_file']);
						expect([...text].some((c) => c.charCodeAt(0) < 32 && !'\t\n\r'.includes(c))).toBe(true);
						return;
					}
					expect(report.rowsRead).toBe(values.length);
					expect(report.issues.filter((i) => i.code === 'load_failed')).toEqual([]);
					expect(report.rejected.length + report.rejectedNotListed).toBe(report.rowsRejected);
					const [count] = await db.query<{ n: number }>(
						sql`SELECT count(*) AS n FROM ${identifier(name)}`
					);
					expect(count?.n).toBe(report.rowsLoaded);
				}),
				{ numRuns: 5 }
			);
			const types = await db.query<{ column_name: string; column_type: string }>(
				sql`SELECT column_name, column_type FROM (DESCRIBE ${identifier(name)})`
			);
			expect(types.map((t) => [t.column_name, t.column_type.replace(/\s/g, '')])).toEqual(
				target.spec.columns.map((c) => [c.name, c.type])
			);
			// Pattern rules of the schema (e.g. LEAID ^\d{7}$) hold for every loaded value.
			for (const column of target.spec.columns.filter((c) => c.allowed?.startsWith('^'))) {
				const [bad] = await db.query<{ n: number }>(
					sql`SELECT count(*) AS n FROM ${identifier(name)} WHERE NOT regexp_matches(${identifier(column.name)}, ${column.allowed!})`
				);
				expect(bad?.n, column.name).toBe(0);
			}
		},
		120_000
	);
});

import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '#lib/db/database.ts';
import { ingestFile } from '#lib/ingest/ingest-file.ts';
import { DISTRICTS } from '#lib/schema/tables.ts';
import { balanced, mapping, openDatabase, resetTables } from './ingest-helpers.ts';

let db: Database;
beforeAll(async () => {
	db = await openDatabase();
});
afterAll(() => db.close());

const M = mapping(
	'districts',
	{
		leaid: 'leaid',
		school_year_start: 'year',
		state_fips: 'fips',
		enrollment_total: 'enrollment',
		meps_pct: 'share',
		cep_flag: 'cep'
	},
	{ year_mapping: 'fall' }
);
const VALID =
	'leaid,year,fips,enrollment,share,cep\n0100190,2024-25,01,6631,0.1,Y\n100005,2024,1,"4,825",12%,no\n0100030,SY2024-25,01,-1,,TRUE\n';

/** Mutations people's files suffer: stray quotes, delimiters, line breaks, bytes and truncation. */
const mangled = fc
	.array(
		fc.record({
			at: fc.nat(),
			insert: fc.constantFrom(
				'"',
				',',
				';',
				'\t',
				'\n',
				'\r\n',
				'\r',
				'""',
				' ',
				'\u00a0',
				'\u0000',
				'\ufeff',
				'é',
				'NaN',
				'-3',
				'9999999999',
				'%'
			),
			cut: fc.nat({ max: 3 })
		}),
		{ maxLength: 6 }
	)
	.map((edits) => {
		let text = VALID;
		for (const { at, insert, cut } of edits) {
			const i = at % (text.length + 1);
			text = text.slice(0, i) + insert + text.slice(i + cut);
		}
		return text;
	});

describe('ingestFile on arbitrary input (properties)', () => {
	it('never throws on arbitrary bytes, and rows read = loaded + rejected', async () => {
		await fc.assert(
			fc.asyncProperty(
				fc.uint8Array({ maxLength: 300 }),
				fc.constantFrom('x.csv', 'x.csv.gz', 'x.xlsx'),
				async (bytes, name) => {
					const report = await ingestFile(db, name, bytes, { mapping: M, reference: false });
					expect(balanced(report)).toBe(true);
					expect(report.issues.filter((i) => i.code === 'load_failed')).toEqual([]);
					if (report.status === 'not_loaded')
						expect(report.issues.some((i) => i.severity === 'error')).toBe(true);
				}
			),
			{ numRuns: 60 }
		);
	});

	it('mangled CSVs never throw, balance their rows, and load only schema-valid values', async () => {
		await resetTables(db, 'districts');
		await fc.assert(
			fc.asyncProperty(mangled, async (text) => {
				const [{ n: before } = { n: 0 }] = await db.query<{ n: number }>(
					'SELECT count(*) AS n FROM districts'
				);
				const report = await ingestFile(db, 'mangled.csv', new TextEncoder().encode(text), {
					mapping: M,
					reference: false
				});
				const [{ n: after } = { n: 0 }] = await db.query<{ n: number }>(
					'SELECT count(*) AS n FROM districts'
				);
				expect(balanced(report)).toBe(true);
				expect(after - before).toBe(report.rowsLoaded);
				expect(report.issues.filter((i) => i.code === 'load_failed')).toEqual([]);
				expect(report.rejected.length + report.rejectedNotListed).toBe(report.rowsRejected);
				await db.exec('DELETE FROM districts');
			}),
			{ numRuns: 60 }
		);
		const types = await db.query<{ column_name: string; column_type: string }>(
			'SELECT column_name, column_type FROM (DESCRIBE districts)'
		);
		expect(types.map((t) => [t.column_name, t.column_type.replace(/\s/g, '')])).toEqual(
			DISTRICTS.columns.map((c) => [c.name, c.type])
		);
	});

	it('loaded values satisfy the schema rules', async () => {
		await resetTables(db, 'districts');
		await fc.assert(
			fc.asyncProperty(mangled, async (text) => {
				await ingestFile(db, 'mangled.csv', new TextEncoder().encode(text), {
					mapping: { ...M, options: { ...M.options, duplicates: 'keep_last' } },
					reference: false
				});
				const [bad] = await db.query<{ n: number }>(
					"SELECT count(*) AS n FROM districts WHERE NOT regexp_matches(leaid, '^\\d{7}$') OR NOT regexp_matches(coalesce(state_fips, '00'), '^\\d{2}$') OR school_year_start NOT BETWEEN 1900 AND 2100 OR meps_pct NOT BETWEEN 0 AND 1 OR enrollment_total < 0"
				);
				expect(bad?.n).toBe(0);
				await db.exec('DELETE FROM districts');
			}),
			{ numRuns: 40 }
		);
	});
});

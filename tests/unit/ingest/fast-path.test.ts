import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '#lib/db/database.ts';
import { identifier, type SqlQuery } from '#lib/db/sql.ts';
import { generateDemoData } from '#lib/demo/generate.ts';
import { ingestFile } from '#lib/ingest/ingest-file.ts';
import type { ColumnMapping } from '#lib/ingest/mapping/mapping.ts';
import type { FileReport } from '#lib/ingest/report.ts';
import { openSource } from '#lib/ingest/source/open-source.ts';
import { suggestFor } from '#lib/workspace/suggest.ts';
import { CORPUS, isGenerated } from '../../fixtures/hostile/corpus.ts';
import { GENERATED } from '../../fixtures/hostile/generate.ts';
import { utf8 } from './csv-helpers.ts';
import { openDatabase, resetTables } from './ingest-helpers.ts';

/**
 * The fast path (`validate/fast-checked-sql.ts`) must give exactly what the full path gives: the
 * reference is the same file loaded with `fastPath: false` (every value through the layered
 * normaliser), so no expected value here is hand-written; the tests also check, from the SQL the
 * loader ran, that the fast path was taken (and its rows in doubt re-checked) where it should be.
 */

const demo = await generateDemoData();
/** The table the LEAIDs of every file are matched against: the demo's districts, loaded once. */
const REFERENCE = 'reference_districts';

let db: Database;
/** SQL text of every statement since the last `bothPaths` started. */
let statements: string[] = [];
beforeAll(async () => {
	db = await openDatabase();
	const query = db.query.bind(db);
	db.query = (<T>(q: SqlQuery | string) => {
		statements.push(typeof q === 'string' ? q : q.text);
		return query<T>(q);
	}) as Database['query'];
	await resetTables(db, 'districts');
	const text = demo.files.find((f) => f.name === 'districts.csv')!.text;
	const reference = await ingestFile(db, 'districts.csv', utf8(text), {
		mapping: suggested('districts.csv', text),
		fastPath: false
	});
	expect(reference.status).toBe('loaded');
	await db.exec(`CREATE TABLE ${REFERENCE} AS SELECT * FROM districts`);
});
afterAll(() => db.close());

/** The first `lines` lines of a CSV (header included), to keep the big demo files quick. */
function head(text: string, lines: number): string {
	return text.split('\n').slice(0, lines).join('\n') + '\n';
}

interface Outcome {
	readonly report: FileReport;
	readonly rows: Record<string, unknown>[];
}

async function loadOnce(
	name: string,
	bytes: Uint8Array,
	mapping: ColumnMapping,
	fastPath: boolean
): Promise<Outcome> {
	await resetTables(db, mapping.table);
	const report = await ingestFile(db, name, bytes, { mapping, fastPath, reference: REFERENCE });
	const rows = await db.query<Record<string, unknown>>(
		`SELECT * FROM ${identifier(mapping.table).text} ORDER BY rowid`
	);
	return { report, rows };
}

/** Loads a file on both paths; returns both outcomes and what the fast run did. */
async function bothPaths(name: string, bytes: Uint8Array, mapping: ColumnMapping) {
	statements = [];
	const fast = await loadOnce(name, bytes, mapping, true);
	const ran = {
		fast: statements.some((s) => s.includes('"ingest_fast_')),
		doubts: statements.some((s) => /CREATE TABLE "ingest_doubts_/.test(s))
	};
	const full = await loadOnce(name, bytes, mapping, false);
	return { fast, full, ran };
}

/** The mapping the page suggests, with the page's answer that a bare year is the fall year. */
function suggested(name: string, text: string): ColumnMapping {
	const { mapping } = suggestFor(name, text.slice(0, text.indexOf('\n')).split(','));
	return { ...mapping, options: { ...mapping.options, year_mapping: 'fall' } };
}

describe('the fast path agrees with the full path', () => {
	it.each(demo.files.map((f) => [f.name, f.table] as const))(
		'on the demo file %s (canonical; big files cut to 3,000 rows)',
		async (name, table) => {
			const text = head(demo.files.find((f) => f.name === name)!.text, 3001);
			const { fast, full, ran } = await bothPaths(name, utf8(text), suggested(name, text));
			expect(fast).toEqual(full);
			expect(full.report.status).toBe('loaded');
			// The usage logs and rosters are all kinds the fast path reads, and all canonical.
			if (table === 'usage_student_week' || table === 'usage_roster')
				expect(ran).toEqual({ fast: true, doubts: false });
		}
	);

	const loadable = CORPUS.filter((c) => 'loaded' in c.outcome);
	it.each(loadable.map((c) => c.file))('on the hostile file %s', async (file) => {
		const bytes = isGenerated(file)
			? GENERATED[file]!()
			: new Uint8Array(
					readFileSync(fileURLToPath(new URL(`../../fixtures/hostile/${file}`, import.meta.url)))
				);
		const opened = await openSource(file, bytes);
		if (!opened.ok) throw new Error(`${file} should open`);
		const { mapping } = suggestFor(file, opened.source.header.fields);
		const { fast, full } = await bothPaths(file, bytes, mapping);
		expect(fast).toEqual(full);
	});

	const ROSTER =
		'student_key,ncessch,leaid,product_id,school_year_start,grade,license_start,license_end,enroll_start,enroll_end';
	const clean = [
		'k1,010019000001,0100190,demo-adaptive-lessons,2024,3,2024-08-19,2025-06-06,2024-08-19,2025-06-06',
		'k2,010019000001,0100190,demo-adaptive-lessons,2024,0,,,2024-08-19,2025-06-06',
		'k3,,0100005,demo-adaptive-lessons,2024,12,2024-09-02,,2024-08-19,'
	];

	it('takes the fast path for a canonical roster and re-checks only rows in doubt', async () => {
		// Rows in doubt, one reason each: a missing code, a CCD sentinel (-1 is "missing" in an
		// integer column), blanks to trim, a date to reorder, a 6-digit LEAID to pad, a decimal
		// zero, an empty required value, two bad dates (DuckDB reads `infinity`), a formula, and a
		// duplicate key (rows 1 and 13).
		const doubtful = [
			'k4,N/A,0100190,demo-adaptive-lessons,2024,1,,,2024-08-19,2025-06-06',
			'k5,010019000001,0100190,demo-adaptive-lessons,2024,-1,,,2024-08-19,2025-06-06',
			' k6,010019000001,0100190,demo-adaptive-lessons,2024,2,,,2024-08-19,2025-06-06',
			'k7,010019000001,0100190,demo-adaptive-lessons,2024,2,2024-9-2,,2024-08-19,2025-06-06',
			'k8,010019000001,100190,demo-adaptive-lessons,2024,2,,,2024-08-19,2025-06-06',
			'k9,010019000001,0100190,demo-adaptive-lessons,2024,2.0,,,2024-08-19,2025-06-06',
			',010019000001,0100190,demo-adaptive-lessons,2024,2,,,2024-08-19,2025-06-06',
			'k10,010019000001,0100190,demo-adaptive-lessons,2024,2,2024-13-01,,2024-08-19,2025-06-06',
			'k12,010019000001,0100190,demo-adaptive-lessons,2024,2,infinity,,2024-08-19,2025-06-06',
			'=k11,010019000001,0100190,demo-adaptive-lessons,2024,2,,,2024-08-19,2025-06-06',
			'k1,010019000001,0100190,demo-adaptive-lessons,2024,3,,,2024-08-19,2025-06-06'
		];
		const text = [ROSTER, ...clean, ...doubtful, ''].join('\n');
		const { fast, full, ran } = await bothPaths(
			'roster.csv',
			utf8(text),
			suggested('roster.csv', text)
		);
		expect(ran).toEqual({ fast: true, doubts: true });
		expect(fast).toEqual(full);
		// The reference itself saw the problems (so the comparison is not between two empty lists).
		expect(full.report.rowsRejected).toBeGreaterThan(0);
		expect(full.report.changes.map((c) => c.rule)).toContain('zero_padded');
		expect(full.report.missing.map((m) => m.reason)).toContain('not_applicable');
	});

	/** A CSV field: quoted when it holds a comma or a quote. */
	const quoted = (v: string) => (/[",]/.test(v) ? `"${v.replaceAll('"', '""')}"` : v);

	it('agrees on any mix of canonical and hostile values (property)', async () => {
		const cell = (canonical: readonly string[]) =>
			fc.oneof(
				{ weight: 4, arbitrary: fc.constantFrom(...canonical) },
				{
					weight: 1,
					arbitrary: fc.constantFrom(
						'',
						'N/A',
						'na',
						'-1',
						'-3',
						' 7',
						'7 ',
						'1,234',
						'12.0',
						'+5',
						'007',
						'2024-9-2',
						'9/2/2024',
						'2024-09-02T10:00',
						'infinity',
						'2024-25',
						'1e3',
						'nan',
						'0x10',
						'=1+1',
						'x\u200by',
						'a,"b"'
					)
				}
			);
		const row = fc.tuple(
			cell(['k1', 'k2', 'k3']),
			cell(['010019000001', '']),
			cell(['0100190', '0100005']),
			cell(['demo-adaptive-lessons', 'demo-math-practice']),
			cell(['2024', '2023']),
			cell(['0', '5', '12', '']),
			cell(['2024-08-19', '']),
			cell(['2025-06-06', '']),
			cell(['2024-08-19']),
			cell(['2025-06-06', ''])
		);
		await fc.assert(
			fc.asyncProperty(fc.array(row, { minLength: 1, maxLength: 12 }), async (rows) => {
				const text = [ROSTER, ...rows.map((r) => r.map(quoted).join(',')), ''].join('\n');
				const { fast, full, ran } = await bothPaths(
					'roster.csv',
					utf8(text),
					suggested('roster.csv', text)
				);
				expect(ran.fast).toBe(true);
				expect(fast).toEqual(full);
			}),
			{ numRuns: 25, seed: 10 }
		);
	});
});

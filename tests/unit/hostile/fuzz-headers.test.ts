import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '#lib/db/database.ts';
import { ingestFile } from '#lib/ingest/ingest-file.ts';
import { openSource } from '#lib/ingest/source/open-source.ts';
import { balanced, mapping, openDatabase, resetTables } from '../ingest/ingest-helpers.ts';

let db: Database;
beforeAll(async () => {
	db = await openDatabase();
});
afterAll(() => db.close());

/** Header text written to reach SQL: quotes, statement ends, comments, placeholders, NUL, length. */
const HOSTILE_HEADERS = [
	'x"; DROP TABLE districts; --',
	"x'); DROP TABLE districts; --",
	'"',
	'""',
	'leaid" VARCHAR, "x',
	'?',
	'$1',
	'${leaid}',
	'-- comment',
	'/* x */',
	'a\u0000b',
	'\u0000',
	'\u202eDIAEL',
	'leaid\r\nyear',
	'x'.repeat(10_000)
];

const header = fc.oneof(
	fc.constantFrom(...HOSTILE_HEADERS),
	fc.string({ unit: 'binary', minLength: 1, maxLength: 60 }),
	fc
		.array(fc.constantFrom('"', "'", ';', '--', '\u0000', ')', 'DROP TABLE districts', ' '), {
			minLength: 1,
			maxLength: 12
		})
		.map((parts) => parts.join(''))
);

/** One CSV field, quoted as a spreadsheet would write it. */
const quoted = (text: string) => `"${text.replaceAll('"', '""')}"`;

describe('user header text never reaches SQL as SQL', () => {
	it('any header mapped to leaid loads cleanly, balances, and leaves the tables intact', async () => {
		await fc.assert(
			fc.asyncProperty(header, async (text) => {
				await resetTables(db, 'districts');
				const bytes = new TextEncoder().encode(
					`${quoted(text)},year\n0100190,2024-25\n0100005,2024-25\n`
				);
				// Map leaid to the header as the reader gives it back (the mapping screen's value).
				const opened = await openSource('hostile.csv', bytes);
				if (!opened.ok) {
					// Control bytes (NUL, \u0001, …) make a file binary: refused before any SQL, saying so.
					// eslint-disable-next-line no-control-regex -- control characters are what it checks
					expect(text).toMatch(/[\u0000-\u0008\u000e-\u001f]/);
					expect(opened.issues.map((i) => i.code)).toEqual(['binary_file']);
					return;
				}
				const [first] = opened.source.header.fields;
				const report = await ingestFile(db, 'hostile.csv', bytes, {
					mapping: mapping('districts', { leaid: first!, school_year_start: 'year' }),
					reference: false
				});
				expect(report.issues.filter((i) => i.code === 'load_failed')).toEqual([]);
				expect(balanced(report)).toBe(true);
				expect([report.rowsRead, report.rowsLoaded]).toEqual([2, 2]);
				const [{ n } = { n: -1 }] = await db.query<{ n: number }>(
					'SELECT count(*) AS n FROM districts'
				);
				expect(n).toBe(2);
			}),
			{ numRuns: 80, examples: HOSTILE_HEADERS.map((h) => [h]) }
		);
	});
});

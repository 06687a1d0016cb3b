import { createHash } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '#lib/db/database.ts';
import type { FileReport } from '#lib/ingest/report.ts';
import { withSameContentWarning } from '#lib/ingest/same-content.ts';
import { load, mapping, openDatabase, resetTables } from '../ingest/ingest-helpers.ts';

const CSV = 'District Code,Year\n0100190,2024-25\n0100005,2024-25\n';
const M = mapping('districts', { leaid: 'District Code', school_year_start: 'Year' });
// The hash `loadFile` attaches, computed here with Node's own SHA-256.
const SHA = createHash('sha256').update(CSV).digest('hex');

let db: Database;
beforeAll(async () => {
	db = await openDatabase();
	await resetTables(db, 'districts');
});
afterAll(() => db.close());

const loadAs = async (name: string, text = CSV): Promise<FileReport> => ({
	...(await load(db, text, M, {}, name)),
	sha256: createHash('sha256').update(text).digest('hex')
});

describe('the same file added twice', () => {
	it('warns, naming the file already loaded, and every row is rejected as a duplicate of it', async () => {
		const first = await loadAs('export.csv');
		expect(withSameContentWarning(first, [])).toBe(first);
		const again = withSameContentWarning(await loadAs('export (1).csv'), [first]);
		expect(again.issues[0]).toEqual({
			severity: 'warning',
			code: 'same_file_twice',
			file: 'export (1).csv',
			message: `This file has exactly the same content as export.csv, which is already loaded (SHA-256 ${SHA.slice(0, 12)}…), so its rows would be counted twice. Remove one of the two.`
		});
		expect([again.rowsRead, again.rowsLoaded, again.rowsRejected]).toEqual([2, 0, 2]);
		expect(again.rejected.map((r) => r.reasons[0]?.message)).toEqual([
			'line 2, column `District Code`: same key (leaid 0100190, school_year_start 2024) as a row already loaded from `export.csv`; the row loaded first is kept, so this row is not loaded. If this file should replace the other one, remove the other file.',
			'line 3, column `District Code`: same key (leaid 0100005, school_year_start 2024) as a row already loaded from `export.csv`; the row loaded first is kept, so this row is not loaded. If this file should replace the other one, remove the other file.'
		]);
	});

	it('does not warn for different bytes, or when the earlier file was not loaded', async () => {
		const other = await loadAs('other.csv', 'District Code,Year\n0100006,2024-25\n');
		const first = { ...(await loadAs('export.csv')), status: 'not_loaded' as const };
		expect(withSameContentWarning(other, [first]).issues).toEqual(other.issues);
		const same = await loadAs('copy.csv');
		expect(withSameContentWarning(same, [first])).toBe(same);
	});
});

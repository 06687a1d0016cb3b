import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '#lib/db/database.ts';
import { ingestFile } from '#lib/ingest/ingest-file.ts';
import type { IngestProgress } from '#lib/ingest/stage/stage-chunks.ts';
import { mapping, openDatabase, resetTables } from './ingest-helpers.ts';

const ROWS = 1_000_000;
const BAD_EVERY = 100_000;

/** One million usage rows (~33 MB); every 100,000th has an 8-digit LEAID. Built once, cheaply. */
function usageCsv(): Uint8Array {
	const lines = ['student_key,leaid,product_id,school_year_start,week_start,minutes'];
	for (let i = 1; i <= ROWS; i++)
		lines.push(
			`s${i},${i % BAD_EVERY === 0 ? '12345678' : 100190 + (i % 300)},p1,2024-25,2024-09-02,${i % 90}`
		);
	return new TextEncoder().encode(lines.join('\n') + '\n');
}

const M = mapping('usage_student_week', {
	student_key: 'student_key',
	leaid: 'leaid',
	product_id: 'product_id',
	school_year_start: 'school_year_start',
	week_start: 'week_start',
	minutes: 'minutes'
});

let db: Database;
let bytes: Uint8Array;
beforeAll(async () => {
	db = await openDatabase();
	bytes = usageCsv();
});
afterAll(() => db.close());

const leftovers = () =>
	db.query<{ name: string }>(
		"SELECT table_name AS name FROM duckdb_tables() WHERE table_name LIKE 'ingest_%'"
	);

describe('a 1,000,000-row usage file', () => {
	it('loads chunk by chunk with monotone progress and exact accounting', async () => {
		await resetTables(db, 'usage_student_week');
		const progress: IngestProgress[] = [];
		// 8 MB chunks (the default is 32 MB): about four for this file.
		const report = await ingestFile(db, 'usage.csv', bytes, {
			mapping: M,
			limits: { chunkBytes: 8 * 1024 ** 2 },
			onProgress: (p) => progress.push(p)
		});
		expect([report.rowsRead, report.rowsLoaded, report.rowsRejected]).toEqual([
			ROWS,
			ROWS - 10,
			10
		]);
		expect(report.rejected.map((r) => r.line)).toEqual(
			Array.from({ length: 10 }, (_, k) => (k + 1) * BAD_EVERY + 1)
		);
		const [count] = await db.query<{ n: number }>('SELECT count(*) AS n FROM usage_student_week');
		expect(count?.n).toBe(ROWS - 10);
		const staging = progress.filter((p) => p.phase === 'staging');
		expect(staging.length).toBeGreaterThan(3);
		const order = ['staging', 'validating', 'loading', 'done'];
		for (let i = 1; i < progress.length; i++) {
			const [a, b] = [progress[i - 1]!, progress[i]!];
			expect(order.indexOf(b.phase)).toBeGreaterThanOrEqual(order.indexOf(a.phase));
			expect(b.bytesDone).toBeGreaterThanOrEqual(a.bytesDone);
			expect(b.rowsDone).toBeGreaterThanOrEqual(a.rowsDone);
		}
		expect(progress.at(-1)).toEqual({
			phase: 'done',
			bytesDone: bytes.length,
			bytesTotal: bytes.length,
			rowsDone: ROWS
		});
		expect(await leftovers()).toEqual([]);
	});

	it('stops between chunks when aborted, leaving nothing half-loaded', async () => {
		await resetTables(db, 'usage_student_week');
		const controller = new AbortController();
		const chunksSeen: number[] = [];
		const loading = ingestFile(db, 'usage.csv', bytes, {
			mapping: M,
			limits: { chunkBytes: 8 * 1024 ** 2 },
			signal: controller.signal,
			onProgress: (p) => {
				chunksSeen.push(p.rowsDone);
				if (chunksSeen.length === 2) controller.abort(new Error('cancelled'));
			}
		});
		await expect(loading).rejects.toThrow('cancelled');
		expect(chunksSeen).toHaveLength(2);
		const [count] = await db.query<{ n: number }>('SELECT count(*) AS n FROM usage_student_week');
		expect(count?.n).toBe(0);
		expect(await leftovers()).toEqual([]);
	});
});

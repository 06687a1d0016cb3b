import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '#lib/db/database.ts';
import { createNodeDatabase } from '#lib/db/node.ts';
import { sql } from '#lib/db/sql.ts';
import { chunkRecords } from '#lib/ingest/csv/chunks.ts';
import {
	dropStaged,
	stageChunks,
	stagedWithLines,
	type IngestProgress
} from '#lib/ingest/stage/stage-chunks.ts';
import { openText, readChunks } from './csv-helpers.ts';

let db: Database;
beforeAll(async () => {
	db = await createNodeDatabase();
});
afterAll(() => db.close());

let counter = 0;
async function stage(csv: string, chunkBytes: number, onProgress?: (p: IngestProgress) => void) {
	const source = await openText(csv);
	const id = `t${counter++}`;
	const staged = await stageChunks(db, chunkRecords(source.layout, chunkBytes), {
		id,
		width: source.layout.width,
		dialect: source.dialect,
		onProgress
	});
	const rows = await db.query<Record<string, unknown>>(
		sql`SELECT * FROM ${stagedWithLines(staged)} ORDER BY rec`
	);
	await dropStaged(db, staged);
	return { staged, rows };
}

describe('stageChunks', () => {
	it.each([1, 7, 1 << 20])(
		'stages records with their numbers and lines (chunks of %i bytes)',
		async (size) => {
			const csv =
				'Title,,\nid,name,n\r\n1,"a, b",x\r\n\r\n2,"multi\r\nline",y\r\n3,short\r\n4,d,"z"\r\n';
			const { staged, rows } = await stage(csv, size);
			expect(rows).toEqual([
				{ rec: 1, c1: '1', c2: 'a, b', c3: 'x', line: 3 },
				{ rec: 2, c1: '2', c2: 'multi\r\nline', c3: 'y', line: 5 },
				{ rec: 3, c1: '4', c2: 'd', c3: 'z', line: 8 }
			]);
			expect(staged.records).toBe(3);
			expect(staged.structural).toEqual([
				{
					line: 7,
					lastLine: 7,
					problem: 'wrong_field_count',
					fieldCount: 2,
					fields: ['3', 'short']
				}
			]);
			expect(staged.blankRecords).toBe(1);
		}
	);

	it('rewrites mixed line breaks so DuckDB reads one style per chunk', async () => {
		const { rows } = await stage('a,b\n1,2\r3,"x\r\ny"\r\n5,6\n', 1 << 20);
		expect(rows).toEqual([
			{ rec: 1, c1: '1', c2: '2', line: 2 },
			{ rec: 2, c1: '3', c2: 'x\r\ny', line: 3 },
			{ rec: 3, c1: '5', c2: '6', line: 5 }
		]);
	});

	it('DuckDB reads exactly the records the JavaScript scanner delimits (property)', async () => {
		const unit = fc.constantFrom('a', '1', ' ', '"', ',', '\n', '\r', 'é', ';');
		const field = fc.string({ unit, maxLength: 5 });
		const quote = (v: string) =>
			/[",\n\r]/.test(v) || v.trim() !== v ? `"${v.replaceAll('"', '""')}"` : v;
		const raw = fc.string({ unit, maxLength: 8 });
		const line = fc.oneof(
			fc.array(field, { minLength: 1, maxLength: 4 }).map((r) => r.map(quote).join(',')),
			raw
		);
		const ending = fc.constantFrom('\n', '\r\n', '\r');
		await fc.assert(
			fc.asyncProperty(
				fc.array(fc.tuple(line, ending), { maxLength: 10 }),
				fc.integer({ min: 1, max: 40 }),
				async (lines, size) => {
					const csv = 'h1,h2,h3\n' + lines.map(([l, e]) => l + e).join('');
					const source = await openText(csv);
					const oracle = readChunks(source, size);
					const { staged, rows } = await stage(csv, size);
					expect(
						rows.map((r) => Array.from({ length: staged.width }, (_, i) => r[`c${i + 1}`] ?? ''))
					).toEqual(oracle.records);
					expect(rows.map((r) => r.line)).toEqual(oracle.lines);
					expect(staged.structural).toEqual(oracle.rejected);
				}
			),
			{ numRuns: 60 }
		);
	});

	it('keeps empty and quoted-empty values as NULL, and blanks inside values', async () => {
		const { rows } = await stage('a,b,c\n,"", x \n', 100);
		expect(rows).toEqual([{ rec: 1, c1: null, c2: null, c3: ' x ', line: 2 }]);
	});

	it('reports monotone progress after every chunk', async () => {
		const progress: IngestProgress[] = [];
		const csv = 'a,b\n' + Array.from({ length: 50 }, (_, i) => `${i},${i}\n`).join('');
		await stage(csv, 40, (p) => progress.push(p));
		expect(progress.length).toBeGreaterThan(5);
		const last = progress[progress.length - 1]!;
		expect(last).toEqual({
			phase: 'staging',
			bytesDone: csv.length,
			bytesTotal: csv.length,
			rowsDone: 50
		});
		for (let i = 1; i < progress.length; i++) {
			expect(progress[i]!.bytesDone).toBeGreaterThan(progress[i - 1]!.bytesDone);
			expect(progress[i]!.rowsDone).toBeGreaterThanOrEqual(progress[i - 1]!.rowsDone);
		}
	});

	it('drops its tables and rethrows when aborted between chunks', async () => {
		const source = await openText('a\n' + '1\n'.repeat(100));
		const controller = new AbortController();
		const staging = stageChunks(db, chunkRecords(source.layout, 20), {
			id: 'aborted',
			width: 1,
			dialect: source.dialect,
			signal: controller.signal,
			onProgress: (p) => {
				if (p.rowsDone >= 20) controller.abort(new Error('cancelled by the user'));
			}
		});
		await expect(staging).rejects.toThrow('cancelled by the user');
		const tables = await db.query<{ name: string }>(
			"SELECT table_name AS name FROM duckdb_tables() WHERE table_name LIKE 'ingest_%aborted'"
		);
		expect(tables).toEqual([]);
	});
});

describe('stageChunks in the browser build', () => {
	it('registers chunks that own their whole buffer (DuckDB-WASM transfers it to its worker)', async () => {
		const source = await openText('a\n' + '1\n'.repeat(30));
		const registered: Uint8Array[] = [];
		const spy = new Proxy(db, {
			get(target, key, receiver) {
				if (key === 'registerFile') {
					return (name: string, bytes: Uint8Array) => {
						registered.push(bytes);
						return target.registerFile(name, bytes);
					};
				}
				const value = Reflect.get(target, key, receiver);
				return typeof value === 'function' ? value.bind(target) : value;
			}
		});
		const staged = await stageChunks(spy, chunkRecords(source.layout, 10), {
			id: 'owned',
			width: 1,
			dialect: source.dialect
		});
		await dropStaged(db, staged);
		expect(registered.length).toBeGreaterThan(2);
		for (const bytes of registered)
			expect([bytes.byteOffset, bytes.byteLength]).toEqual([0, bytes.buffer.byteLength]);
	});
});

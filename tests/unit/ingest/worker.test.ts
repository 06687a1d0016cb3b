import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '#lib/db/database.ts';
import { issue } from '#lib/ingest/issues.ts';
import { loadChunks } from '#lib/ingest/load-chunks.ts';
import { browserMaxBytes, checkBrowserSize } from '#lib/ingest/worker/browser-limits.ts';
import { openInWorker } from '#lib/ingest/worker/client.ts';
import { createWorkerHandler } from '#lib/ingest/worker/handler.ts';
import type { FromWorker, WorkerLike } from '#lib/ingest/worker/protocol.ts';
import { mapping, openDatabase, resetTables, rowsOf } from './ingest-helpers.ts';

/** The worker protocol in-process: the client and the worker's handler, messages passed async. */
function fakeWorker(): WorkerLike & { terminated: boolean; transferred: number } {
	const worker = {
		onmessage: null as WorkerLike['onmessage'],
		onerror: null as WorkerLike['onerror'],
		terminated: false,
		transferred: 0,
		postMessage: (message: Parameters<WorkerLike['postMessage']>[0]) => void handle(message),
		terminate: () => {
			worker.terminated = true;
		}
	};
	const handle = createWorkerHandler((message: FromWorker, transfer = []) => {
		worker.transferred += transfer.length;
		if (!worker.terminated) queueMicrotask(() => worker.onmessage?.({ data: message }));
	});
	return worker;
}

let db: Database;
beforeAll(async () => {
	db = await openDatabase();
});
afterAll(() => db.close());

const CSV =
	'Report,,\nleaid,year,pop\n' +
	Array.from({ length: 200 }, (_, i) => `${100001 + i},2024-25,${i}\n`).join('');

describe('the ingest worker protocol', () => {
	it('opens a file off the main thread, streams its chunks on demand, and loads them', async () => {
		await resetTables(db, 'districts');
		const worker = fakeWorker();
		const reading: number[] = [];
		const opened = await openInWorker(
			new Blob([CSV]),
			'districts.csv',
			{ chunkBytes: 500, onReading: (done) => reading.push(done) },
			worker
		);
		if (!opened.ok) throw new Error(JSON.stringify(opened.issues));
		expect(opened.source.info.header.fields).toEqual(['leaid', 'year', 'pop']);
		expect(opened.source.samples.get('leaid')).toEqual([
			'100001',
			'100002',
			'100003',
			'100004',
			'100005'
		]);
		expect(reading).toEqual([0, CSV.length]);
		const m = mapping('districts', {
			leaid: 'leaid',
			school_year_start: 'year',
			saipe_pop_5_17: 'pop'
		});
		const report = await loadChunks(db, opened.source.info, opened.source.chunks, m);
		opened.source.close();
		expect([report.rowsRead, report.rowsLoaded, report.rowsRejected]).toEqual([200, 200, 0]);
		expect(worker.transferred).toBeGreaterThan(5);
		expect((await rowsOf(db, 'districts', ['leaid'])).at(-1)).toEqual({ leaid: '0100200' });
	});

	it('answers bad input with issues and stops the worker', async () => {
		const worker = fakeWorker();
		const opened = await openInWorker(
			new Blob([Uint8Array.of(0x89, 0x50, 0x4e, 0x47, 1, 2)]),
			'chart.csv',
			{},
			worker
		);
		expect(opened).toEqual({
			ok: false,
			issues: [
				issue(
					'error',
					'binary_file',
					'chart.csv',
					'This is a PNG image, not a CSV: upload the data file itself.'
				)
			]
		});
		expect(worker.terminated).toBe(true);
	});

	it('asks for the next chunk as soon as one arrives (one ahead at most), in order', async () => {
		const worker = fakeWorker();
		const post = worker.postMessage;
		let asked = 0;
		worker.postMessage = (message) => {
			if (message.type === 'next') asked++;
			post(message);
		};
		const opened = await openInWorker(
			new Blob([CSV]),
			'districts.csv',
			{ chunkBytes: 500 },
			worker
		);
		if (!opened.ok) throw new Error('expected ok');
		const indices: number[] = [];
		let records = 0;
		for await (const chunk of opened.source.chunks) {
			// This chunk's request and the next one's: the worker cuts it while this one is staged.
			expect(asked).toBe(chunk.index + 2);
			indices.push(chunk.index);
			records += chunk.records;
		}
		opened.source.close();
		// The CSV's 200 data lines, in chunks of at most 500 bytes (17–18 bytes a line).
		expect(records).toBe(200);
		expect(indices).toEqual(Array.from({ length: indices.length }, (_, i) => i));
		expect(indices.length).toBeGreaterThan(5);
	});

	it('cancels between chunks when the load is aborted; nothing is loaded', async () => {
		await resetTables(db, 'districts');
		const worker = fakeWorker();
		const opened = await openInWorker(
			new Blob([CSV]),
			'districts.csv',
			{ chunkBytes: 500 },
			worker
		);
		if (!opened.ok) throw new Error('expected ok');
		const controller = new AbortController();
		const m = mapping('districts', { leaid: 'leaid', school_year_start: 'year' });
		const loading = loadChunks(db, opened.source.info, opened.source.chunks, m, {
			signal: controller.signal,
			onProgress: (p) => {
				if (p.rowsDone > 50) {
					controller.abort(new Error('cancelled'));
					opened.source.close();
				}
			}
		});
		await expect(loading).rejects.toThrow('cancelled');
		expect(worker.terminated).toBe(true);
		expect(await rowsOf(db, 'districts', ['leaid'])).toEqual([]);
	});
});

describe('the browser size limit', () => {
	it.each([
		[undefined, 160 * 1024 ** 2],
		[8, 160 * 1024 ** 2],
		[4, 128 * 1024 ** 2],
		[0.5, 64 * 1024 ** 2]
	])('is %s GB of device memory → %i bytes', (memory, max) => {
		expect(browserMaxBytes(memory)).toBe(max);
	});

	it('refuses a file over the limit before any worker starts to read it', async () => {
		let started = 0;
		const start = () => {
			started += 1;
			return fakeWorker();
		};
		// 65 MB of zeros; 0.5 GB of device memory allows 64 MB (the floor of browserMaxBytes).
		const big = new Blob([new Uint8Array(65 * 1024 ** 2)]);
		expect(await openInWorker(big, 'big.csv', { deviceMemoryGb: 0.5 }, start)).toEqual({
			ok: false,
			issues: [
				issue(
					'error',
					'too_large',
					'big.csv',
					'The file is 65 MB; this browser can load files up to 64 MB. Use the command line (its `validate` command runs the same checks in Node, without this limit), or split the file.'
				)
			]
		});
		expect(started).toBe(0);
		const small = await openInWorker(new Blob([CSV]), 'small.csv', { deviceMemoryGb: 0.5 }, start);
		expect([small.ok, started]).toEqual([true, 1]);
		if (small.ok) small.source.close();
	});

	it('names the limit and the command line', () => {
		expect(checkBrowserSize('big.csv', 100)).toBeNull();
		expect(checkBrowserSize('big.csv', 2 * 1024 ** 3, 4)).toEqual(
			issue(
				'error',
				'too_large',
				'big.csv',
				'The file is 2 GB; this browser can load files up to 128 MB. Use the command line (its `validate` command runs the same checks in Node, without this limit), or split the file.'
			)
		);
	});
});

import type { RecordChunk } from '../csv/chunks.ts';
import { issue, type ValidationIssue } from '../issues.ts';
import type { SourceInfo } from '../load-chunks.ts';
import type { OpenOptions } from '../source/open-source.ts';
import { checkBrowserSize } from './browser-limits.ts';
import type { FromWorker, WorkerLike } from './protocol.ts';

/** An upload opened in the worker: its description, column samples, and its chunks on demand. */
export interface WorkerSource {
	readonly info: SourceInfo;
	readonly samples: ReadonlyMap<string, readonly string[]>;
	/**
	 * Chunks, the next one requested as soon as one arrives, so the worker cuts it while DuckDB
	 * stages this one (bounded memory: at most one chunk ahead).
	 */
	readonly chunks: AsyncIterable<RecordChunk>;
	/**
	 * Stops the worker (also what cancelling does: the worker is terminated). The last chunk
	 * stops it too, so the file it holds is freed while the rows are checked.
	 */
	close(): void;
}

export type WorkerOpen =
	| { readonly ok: true; readonly source: WorkerSource }
	| { readonly ok: false; readonly issues: readonly ValidationIssue[] };

/** The bundled ingest worker (Vite resolves the URL at build time). */
export function startIngestWorker(): WorkerLike {
	return new Worker(new URL('./ingest.worker.ts', import.meta.url), {
		type: 'module'
	}) as unknown as WorkerLike;
}

/** `navigator.deviceMemory` where the browser reports it (Chromium; GB, rounded down). */
function deviceMemory(): number | undefined {
	return (globalThis.navigator as { deviceMemory?: number } | undefined)?.deviceMemory;
}

/**
 * Opens a `File` in the ingest worker and returns its description and a chunk stream for
 * `loadChunks`. `onReading` reports the file being read. A crash of the worker becomes an issue.
 * A file over the browser's size limit (`browser-limits.ts`) is refused before any worker starts
 * or reads a byte of it, so the tab never runs out of memory on it.
 */
export function openInWorker(
	file: Blob,
	name: string,
	options: OpenOptions & {
		chunkBytes?: number;
		onReading?: (bytesDone: number, bytesTotal: number) => void;
		/** Aborting terminates the worker; a load waiting for a chunk then stops at once. */
		signal?: AbortSignal;
		/** The device's memory in GB, which sets the size limit (default: what the browser reports). */
		deviceMemoryGb?: number;
	} = {},
	start: WorkerLike | (() => WorkerLike) = startIngestWorker
): Promise<WorkerOpen> {
	const { chunkBytes = 0, onReading, signal, deviceMemoryGb, ...openOptions } = options;
	const tooLarge = checkBrowserSize(name, file.size, deviceMemoryGb ?? deviceMemory());
	if (tooLarge) return Promise.resolve({ ok: false, issues: [tooLarge] });
	const worker = typeof start === 'function' ? start() : start;
	let waiting: ((message: FromWorker) => void) | undefined;
	const failure = (message: string) =>
		issue('error', 'load_failed', name, `The file could not be read in the browser: ${message}`);
	worker.onerror = (event) =>
		waiting?.({ type: 'error', message: event.message ?? 'the worker stopped' });
	const nextMessage = () => new Promise<FromWorker>((resolve) => (waiting = resolve));
	worker.onmessage = (event) => {
		if (event.data.type === 'reading') onReading?.(event.data.bytesDone, event.data.bytesTotal);
		else waiting?.(event.data);
	};
	const chunks: AsyncIterable<RecordChunk> = {
		async *[Symbol.asyncIterator]() {
			const request = () => {
				const reply = nextMessage();
				worker.postMessage({ type: 'next' });
				return reply;
			};
			let reply = request();
			for (;;) {
				if (closed) throw new Error('the file is no longer being read (cancelled)');
				const message = await reply;
				if (message.type === 'chunk') {
					reply = request();
					yield message.chunk;
				} else if (message.type === 'end') {
					// Every chunk is out: the worker, which holds the whole file, goes before the checks run.
					close();
					return;
				} else
					throw new Error(
						message.type === 'error' ? message.message : `unexpected ${message.type}`
					);
			}
		}
	};
	let closed = false;
	const close = () => {
		closed = true;
		worker.terminate();
		waiting?.({ type: 'error', message: 'the file is no longer being read (cancelled)' });
	};
	signal?.addEventListener('abort', close, { once: true });
	const opened = nextMessage();
	worker.postMessage({ type: 'open', file, name, options: openOptions, chunkBytes });
	return opened.then((message): WorkerOpen => {
		if (message.type === 'opened') {
			return {
				ok: true,
				source: {
					info: message.info,
					samples: new Map(message.samples),
					chunks,
					close
				}
			};
		}
		close();
		return {
			ok: false,
			issues:
				message.type === 'failed'
					? message.issues
					: [failure(message.type === 'error' ? message.message : message.type)]
		};
	});
}

import type { RecordChunk } from '../csv/chunks.ts';
import type { ValidationIssue } from '../issues.ts';
import type { SourceInfo } from '../load-chunks.ts';
import type { OpenOptions } from '../source/open-source.ts';

/** Messages to the ingest worker. Chunks are sent one at a time, when asked for (`next`). */
export type ToWorker =
	| {
			readonly type: 'open';
			readonly file: Blob;
			readonly name: string;
			readonly options: OpenOptions;
			readonly chunkBytes: number;
	  }
	| { readonly type: 'next' };

/** Messages from the ingest worker. A chunk's bytes are transferred, not copied. */
export type FromWorker =
	| { readonly type: 'reading'; readonly bytesDone: number; readonly bytesTotal: number }
	| { readonly type: 'opened'; readonly info: SourceInfo; readonly samples: [string, string[]][] }
	| { readonly type: 'failed'; readonly issues: readonly ValidationIssue[] }
	| { readonly type: 'chunk'; readonly chunk: RecordChunk }
	| { readonly type: 'end' }
	| { readonly type: 'error'; readonly message: string };

/** The part of a `Worker` the client uses (a fake one in tests). */
export interface WorkerLike {
	postMessage(message: ToWorker): void;
	onmessage: ((event: { data: FromWorker }) => void) | null;
	onerror: ((event: { message?: string }) => void) | null;
	terminate(): void;
}

import type { Database } from '../db/database.ts';
import { sha256Hex } from '../export/hash.ts';
import type { ValidationIssue } from '../ingest/issues.ts';
import { loadChunks, notLoaded, type SourceInfo } from '../ingest/load-chunks.ts';
import { readingOptions, type ColumnMapping } from '../ingest/mapping/mapping.ts';
import type { FileReport } from '../ingest/report.ts';
import type { IngestProgress } from '../ingest/stage/stage-chunks.ts';
import type { openInWorker } from '../ingest/worker/client.ts';

/** Opens a file for reading (`openInWorker` in the browser; the same with a fake worker in tests). */
export type OpenFile = (
	file: Blob,
	name: string,
	options: Parameters<typeof openInWorker>[2]
) => ReturnType<typeof openInWorker>;

/** What the mapping screen needs: the file's layout and header, and sample values per column. */
export interface FileHead {
	readonly info: SourceInfo;
	readonly samples: ReadonlyMap<string, readonly string[]>;
}

export type HeadResult =
	| { readonly ok: true; readonly head: FileHead }
	| { readonly ok: false; readonly issues: readonly ValidationIssue[] };

/** Where a load is: reading the file, staging its rows, checking them, inserting them. */
export interface LoadProgress {
	readonly phase: 'reading' | IngestProgress['phase'];
	readonly bytesDone: number;
	readonly bytesTotal: number;
	readonly rowsDone: number;
}

/**
 * Reads a file's header and samples (then lets the worker go), at the header line and worksheet
 * `mapping` chooses, if any.
 */
export async function readHead(
	open: OpenFile,
	file: Blob,
	name: string,
	mapping?: ColumnMapping | null
): Promise<HeadResult> {
	const opened = await open(file, name, mapping ? readingOptions(mapping.options) : {});
	if (!opened.ok) return opened;
	opened.source.close();
	return { ok: true, head: { info: opened.source.info, samples: opened.source.samples } };
}

/**
 * Reads the file again and loads it with `mapping`: the report, whatever was wrong with the file,
 * with the SHA-256 of the file's bytes (the export sidecar lists it).
 * Aborting stops reading at once and rejects with the signal's reason; the table is unchanged.
 */
export async function loadFile(
	db: Database,
	open: OpenFile,
	file: Blob,
	name: string,
	mapping: ColumnMapping,
	options: { signal?: AbortSignal; onProgress?: (progress: LoadProgress) => void } = {}
): Promise<FileReport> {
	const { signal, onProgress } = options;
	const opened = await open(file, name, {
		...readingOptions(mapping.options),
		signal,
		onReading: (bytesDone, bytesTotal) =>
			onProgress?.({ phase: 'reading', bytesDone, bytesTotal, rowsDone: 0 })
	});
	signal?.throwIfAborted();
	// Hashed while the rows load (Web Crypto works off the main thread).
	const sha256 = file.arrayBuffer().then((buffer) => sha256Hex(new Uint8Array(buffer)));
	sha256.catch(() => undefined); // awaited below, unless the load fails first
	if (!opened.ok)
		return { ...notLoaded({ name }, mapping.table, opened.issues, mapping), sha256: await sha256 };
	try {
		const report = await loadChunks(db, opened.source.info, opened.source.chunks, mapping, {
			signal,
			onProgress
		});
		return { ...report, sha256: await sha256 };
	} finally {
		opened.source.close();
	}
}

import { chunkRecords, type RecordChunk } from '../csv/chunks.ts';
import { resolveLimits } from '../limits.ts';
import { sampleColumns } from '../mapping/preview.ts';
import { openSource } from '../source/open-source.ts';
import type { FromWorker, ToWorker } from './protocol.ts';

type Post = (message: FromWorker, transfer?: Transferable[]) => void;

/**
 * The ingest worker's logic, without the worker (so Node tests can drive it): `open` reads the
 * file, decodes and lays it out, and answers with its description and column samples; each
 * `next` answers with one chunk (its bytes copied out of the file's buffer and transferred) or
 * `end`. Bad input is answered with `failed` and its issues.
 */
export function createWorkerHandler(post: Post): (message: ToWorker) => Promise<void> {
	let chunks: Iterator<RecordChunk> | undefined;
	return async (message) => {
		try {
			if (message.type === 'open') {
				post({ type: 'reading', bytesDone: 0, bytesTotal: message.file.size });
				const bytes = new Uint8Array(await message.file.arrayBuffer());
				post({ type: 'reading', bytesDone: bytes.length, bytesTotal: message.file.size });
				const opened = await openSource(message.name, bytes, message.options);
				if (!opened.ok) return post({ type: 'failed', issues: opened.issues });
				const { layout, ...info } = opened.source;
				chunks = chunkRecords(
					layout,
					message.chunkBytes || resolveLimits(message.options.limits).chunkBytes
				);
				post({ type: 'opened', info, samples: [...sampleColumns(opened.source)] });
				return;
			}
			const next = chunks?.next();
			if (!next || next.done) return post({ type: 'end' });
			const bytes = next.value.bytes.slice();
			post({ type: 'chunk', chunk: { ...next.value, bytes } }, [bytes.buffer]);
		} catch (error) {
			post({ type: 'error', message: error instanceof Error ? error.message : String(error) });
		}
	};
}

import { concatBytes } from './bytes.ts';

export type GunzipResult =
	| { readonly ok: true; readonly bytes: Uint8Array }
	| { readonly ok: false; readonly reason: 'too_large' | 'invalid' };

/**
 * Decompresses gzip bytes with the platform's `DecompressionStream` (browsers and Node ≥ 18),
 * stopping as soon as the output exceeds `maxBytes`, so a small archive cannot fill memory.
 * Concatenated gzip members are decompressed in full in Node, as `gunzip` does; Chromium's stream
 * rejects a second member, so there such a file is reported as corrupt.
 */
export async function gunzip(bytes: Uint8Array, maxBytes: number): Promise<GunzipResult> {
	const input = new ReadableStream<Uint8Array>({
		start(controller) {
			controller.enqueue(bytes);
			controller.close();
		}
	});
	const reader = input
		.pipeThrough(
			new DecompressionStream('gzip') as unknown as TransformStream<Uint8Array, Uint8Array>
		)
		.getReader();
	const parts: Uint8Array[] = [];
	let total = 0;
	try {
		for (;;) {
			const { done, value } = await reader.read();
			if (done) break;
			total += value.length;
			if (total > maxBytes) {
				await reader.cancel();
				return { ok: false, reason: 'too_large' };
			}
			parts.push(value);
		}
	} catch {
		// The platforms' messages differ (Node's is empty); the caller explains.
		return { ok: false, reason: 'invalid' };
	}
	return { ok: true, bytes: concatBytes(parts) };
}

import { chunkRecords, type RecordChunk } from '#lib/ingest/csv/chunks.ts';
import { splitRecord } from '#lib/ingest/csv/fields.ts';
import { RecordScanner, type Delimiter } from '#lib/ingest/csv/scanner.ts';
import { openSource, type OpenedSource } from '#lib/ingest/source/open-source.ts';

const encoder = new TextEncoder();
const decoder = new TextDecoder();

/** UTF-8 bytes of inline CSV text. */
export function utf8(text: string): Uint8Array {
	return encoder.encode(text);
}

/** Opens inline text and fails the test with the issues when it does not open. */
export async function openText(
	text: string | Uint8Array,
	name = 'test.csv'
): Promise<OpenedSource> {
	const result = await openSource(name, typeof text === 'string' ? utf8(text) : text);
	if (!result.ok) throw new Error(`expected the file to open: ${JSON.stringify(result.issues)}`);
	return result.source;
}

/** Line of every delivered record, expanded from the chunks' line breaks. */
export function recordLines(chunks: readonly RecordChunk[]): number[] {
	const lines: number[] = [];
	for (const chunk of chunks) {
		const breaks = new Map<number, number>();
		for (let i = 0; i < chunk.lineBreaks.length; i += 2) {
			breaks.set(chunk.lineBreaks[i]!, chunk.lineBreaks[i + 1]!);
		}
		for (let r = chunk.firstRecord; r < chunk.firstRecord + chunk.records; r++) {
			lines.push(breaks.get(r) ?? lines[lines.length - 1]! + 1);
		}
	}
	return lines;
}

/** Everything the chunker delivered, parsed back into fields (a test oracle, not the loader). */
export function readChunks(source: OpenedSource, chunkBytes = 1 << 20) {
	const chunks = [...chunkRecords(source.layout, chunkBytes)];
	const records: string[][] = [];
	for (const chunk of chunks) {
		const text = decoder.decode(chunk.bytes);
		for (const record of splitRecords(text, source.dialect.delimiter)) {
			records.push(splitRecord(record.text, source.dialect.delimiter));
		}
	}
	return {
		chunks,
		records,
		lines: recordLines(chunks),
		rejected: chunks.flatMap((c) => c.rejected),
		blank: chunks.reduce((n, c) => n + c.blankRecords, 0)
	};
}

/** Splits chunk text back into records with the scanner. */
function splitRecords(text: string, delimiter: Delimiter): { text: string }[] {
	const bytes = utf8(text);
	const scanner = new RecordScanner(bytes, delimiter);
	const out: { text: string }[] = [];
	for (let pos = 0; scanner.scan(pos); pos = scanner.next) {
		out.push({ text: decoder.decode(bytes.subarray(pos, scanner.end)) });
	}
	return out;
}

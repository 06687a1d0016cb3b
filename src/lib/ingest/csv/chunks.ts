import { concatBytes } from '../source/bytes.ts';
import { recordText, splitRecord } from './fields.ts';
import type { Dialect } from './dialect.ts';
import { RecordScanner, type Newline, type RecordProblem } from './scanner.ts';

/** A data record that could not be split into exactly one value per header column. */
export interface StructuralReject {
	readonly line: number;
	readonly lastLine: number;
	readonly problem: RecordProblem | 'wrong_field_count' | 'record_too_long';
	/** `record_too_long`: the record's size in bytes. */
	readonly bytes?: number;
	readonly fieldCount: number;
	readonly fields: readonly string[];
}

/**
 * Well-formed data records, ready for DuckDB's `read_csv` (no header, `width` fields each, each
 * with its line break), plus what was taken out. Records are numbered 1, 2, … over the records
 * delivered to DuckDB; `lineBreaks` holds `[record, line, record, line, …]` wherever a record's
 * line is not the previous record's line + 1 (always for the chunk's first record), so a line is
 * the nearest breakpoint's line plus the records since.
 */
export interface RecordChunk {
	readonly index: number;
	readonly bytes: Uint8Array;
	/** The one line break every record in `bytes` ends with (DuckDB needs a single style). */
	readonly newline: Newline;
	readonly firstRecord: number;
	readonly records: number;
	readonly lineBreaks: readonly number[];
	readonly rejected: readonly StructuralReject[];
	readonly blankRecords: number;
	/** Offset reached in the text, for progress. */
	readonly bytesDone: number;
	readonly bytesTotal: number;
}

/** A decoded CSV with its header found: what `chunkRecords` needs. */
export interface CsvLayout {
	readonly bytes: Uint8Array;
	readonly dialect: Dialect;
	readonly width: number;
	readonly dataOffset: number;
	readonly dataLine: number;
}

const NEWLINE_BYTES = {
	lf: Uint8Array.of(10),
	crlf: Uint8Array.of(13, 10),
	cr: Uint8Array.of(13)
} as const;

/**
 * The longest record handed to DuckDB: its `read_csv` stops at lines over 2 MiB (`max_line_size`),
 * which would fail the whole load, so longer records are rejected one by one instead.
 */
export const MAX_RECORD_BYTES = 1024 ** 2;

/**
 * Cuts the data records into chunks of about `chunkBytes` at record boundaries, quote-aware, in
 * one pass. Blank records are dropped (not rows); records with a wrong field count, an
 * unterminated quote, text after a closing quote or over `MAX_RECORD_BYTES` are taken out and returned as rejects with
 * their line; extra trailing fields that are all empty (Excel padding) are cut off, and line
 * breaks that differ from the chunk's first are rewritten (DuckDB reads one style). A chunk
 * without anything taken out is a view of the input, not a copy. Only the file's last record may
 * lack a line break, so concatenated parts always split where the records do.
 */
export function* chunkRecords(layout: CsvLayout, chunkBytes: number): Generator<RecordChunk> {
	const { bytes, dialect, width } = layout;
	const scanner = new RecordScanner(bytes, dialect.delimiter, width);
	let pos = layout.dataOffset;
	let line = layout.dataLine;
	let record = 1;
	let index = 0;
	while (pos < bytes.length) {
		const chunkStart = pos;
		const parts: Uint8Array[] = [];
		const lineBreaks: number[] = [];
		const rejected: StructuralReject[] = [];
		let runStart = pos;
		let records = 0;
		let blankRecords = 0;
		let expectedLine = -1;
		let newline: Newline | null = null;
		while (pos - chunkStart < chunkBytes && scanner.scan(pos)) {
			const height = scanner.innerLines + 1;
			const tooMany = scanner.fields > width;
			const cut = tooMany && !scanner.extraContent && scanner.problem === null;
			const bad =
				!scanner.blank &&
				(scanner.problem !== null ||
					scanner.fields < width ||
					(tooMany && !cut) ||
					scanner.end - pos > MAX_RECORD_BYTES);
			const ending = scanner.terminator;
			if (!scanner.blank && !bad) newline ??= ending ?? dialect.newline;
			const rewrite = !scanner.blank && !bad && (cut || (ending !== null && ending !== newline));
			if (scanner.blank || bad || rewrite) {
				if (pos > runStart) parts.push(bytes.subarray(runStart, pos));
				runStart = scanner.next;
			}
			if (scanner.blank) blankRecords++;
			else if (bad) rejected.push(reject(bytes, pos, scanner, line, dialect));
			else {
				if (rewrite) {
					const end = cut ? scanner.widthEnd : scanner.end;
					parts.push(bytes.subarray(pos, end), NEWLINE_BYTES[newline ?? dialect.newline]);
				}
				if (line !== expectedLine) lineBreaks.push(record + records, line);
				records++;
				expectedLine = line + 1;
			}
			line += height;
			pos = scanner.next;
		}
		if (pos > runStart) parts.push(bytes.subarray(runStart, pos));
		yield {
			index,
			bytes: parts.length === 1 ? parts[0]! : concatBytes(parts),
			newline: newline ?? dialect.newline,
			firstRecord: record,
			records,
			lineBreaks,
			rejected,
			blankRecords,
			bytesDone: pos,
			bytesTotal: bytes.length
		};
		record += records;
		index++;
	}
}

function reject(
	bytes: Uint8Array,
	start: number,
	scanner: RecordScanner,
	line: number,
	dialect: Dialect
): StructuralReject {
	const size = scanner.end - start;
	const tooLong = scanner.problem === null && size > MAX_RECORD_BYTES;
	return {
		line,
		lastLine: line + scanner.innerLines,
		problem: scanner.problem ?? (tooLong ? 'record_too_long' : 'wrong_field_count'),
		...(tooLong ? { bytes: size } : {}),
		fieldCount: scanner.fields,
		fields: splitRecord(recordText(bytes, start, scanner.end), dialect.delimiter)
	};
}

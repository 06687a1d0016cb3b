import { MAX_RECORD_BYTES } from './chunks.ts';
import { recordText, splitRecord } from './fields.ts';
import { RecordScanner, type Delimiter } from './scanner.ts';

/** Where the header is and what it says. Lines are 1-based lines of the text. */
export interface HeaderInfo {
	readonly line: number;
	/** Header names as written (trimmed); an empty name becomes `(unnamed column N)`. */
	readonly fields: readonly string[];
	/** Offset and line of the first record after the header. */
	readonly dataOffset: number;
	readonly dataLine: number;
	/** Non-blank lines above the header (title rows), with their text. */
	readonly skipped: readonly { line: number; text: string }[];
	readonly duplicates: readonly string[];
	/** Set when the header record is over `MAX_RECORD_BYTES` (its size): it cannot be a header. */
	readonly tooLong?: number;
}

interface Candidate {
	start: number;
	end: number;
	next: number;
	line: number;
	innerLines: number;
	fields: string[];
}

const MAX_CANDIDATES = 50;
const NUMBER = /^[-+]?(\d[\d,]*)?\.?\d+(e[-+]?\d+)?%?$/i;

/**
 * Finds the header row. With `headerLine`, that line is the header. Otherwise: among the first 50
 * non-blank records, the widest record (last non-empty field) sets the width; the header is the
 * first record nearly as wide, at least half filled, and mostly non-numeric. This skips the title
 * rows of Census and Excel exports (one filled cell padded with delimiters). Returns null for a
 * text without any record.
 */
export function findHeader(
	bytes: Uint8Array,
	delimiter: Delimiter,
	headerLine?: number
): HeaderInfo | null {
	const candidates = readCandidates(bytes, delimiter, headerLine);
	if (candidates.length === 0) return null;
	const chosen =
		headerLine === undefined
			? (candidates.find(isHeaderLike(maxWidth(candidates))) ?? candidates[0]!)
			: candidates.find((c) => c.line === headerLine);
	if (!chosen) return null;
	const skipped = candidates
		.filter((c) => c.line < chosen.line)
		.map((c) => ({ line: c.line, text: c.fields.filter((f) => f.trim() !== '').join(' ') }));
	const { fields, duplicates } = headerNames(chosen.fields);
	return {
		line: chosen.line,
		fields,
		dataOffset: chosen.next,
		dataLine: chosen.line + chosen.innerLines + 1,
		skipped,
		duplicates,
		...(chosen.end - chosen.start > MAX_RECORD_BYTES ? { tooLong: chosen.end - chosen.start } : {})
	};
}

function readCandidates(bytes: Uint8Array, delimiter: Delimiter, headerLine?: number): Candidate[] {
	const scanner = new RecordScanner(bytes, delimiter);
	const out: Candidate[] = [];
	let pos = 0;
	let line = 1;
	while (scanner.scan(pos)) {
		if (!scanner.blank) {
			const text = recordText(bytes, pos, scanner.end, MAX_RECORD_BYTES);
			out.push({
				start: pos,
				end: scanner.end,
				next: scanner.next,
				line,
				innerLines: scanner.innerLines,
				fields: splitRecord(text, delimiter)
			});
		}
		line += scanner.innerLines + 1;
		pos = scanner.next;
		const enough = headerLine === undefined ? out.length >= MAX_CANDIDATES : line > headerLine;
		if (enough) break;
	}
	return out;
}

function effectiveWidth(fields: readonly string[]): number {
	let width = fields.length;
	while (width > 0 && fields[width - 1]!.trim() === '') width--;
	return width;
}

function maxWidth(candidates: readonly Candidate[]): number {
	return Math.max(...candidates.map((c) => effectiveWidth(c.fields)));
}

function isHeaderLike(width: number): (c: Candidate) => boolean {
	const tolerance = width >= 4 ? 1 : 0;
	return (c) => {
		const filled = c.fields.filter((f) => f.trim() !== '');
		const numeric = filled.filter((f) => NUMBER.test(f.trim())).length;
		return (
			effectiveWidth(c.fields) >= width - tolerance &&
			filled.length * 2 >= width &&
			numeric * 2 < filled.length
		);
	};
}

function headerNames(raw: readonly string[]): { fields: string[]; duplicates: string[] } {
	const seen = new Map<string, number>();
	const duplicates: string[] = [];
	const fields = raw.map((f, i) => {
		const name = f.trim() === '' ? `(unnamed column ${i + 1})` : f.trim();
		const count = (seen.get(name) ?? 0) + 1;
		seen.set(name, count);
		if (count === 1) return name;
		duplicates.push(name);
		return `${name} (${count})`;
	});
	return { fields, duplicates };
}

/** A record's line break. */
export type Newline = 'lf' | 'crlf' | 'cr';

/** The delimiters the ingest sniffs and accepts. */
export type Delimiter = ',' | ';' | '\t' | '|';

export const DELIMITERS: readonly Delimiter[] = [',', ';', '\t', '|'];

/** A record that cannot be split into fields the way DuckDB would split it. */
export type RecordProblem = 'unterminated_quote' | 'text_after_quote';

const QUOTE = 34;
const LF = 10;
const CR = 13;
const SPACE = 32;
const TAB = 9;

/**
 * A byte-level, quote-aware CSV record scanner over UTF-8 bytes (ASCII delimiters never occur
 * inside multi-byte characters). It follows DuckDB's `read_csv` rules with `quote = '"'` and
 * `escape = '"'`: a field is quoted when its first non-blank byte is a quote, blanks around a
 * quoted field are ignored, `""` is a literal quote, a quote inside an unquoted field is literal,
 * and LF, CRLF or a lone CR ends a record. One scanner is reused for every record (no allocation
 * per row); after `scan(pos)` its fields describe the record that starts at `pos`.
 */
export class RecordScanner {
	/** Offset just past the record's last content byte (before its line break). */
	end = 0;
	/** Offset of the next record (after the line break). */
	next = 0;
	/** The record's line break: `lf`, `crlf`, `cr`, or null at the end of the text. */
	terminator: Newline | null = null;
	/** Number of fields (delimiters outside quotes + 1). */
	fields = 0;
	/** Number of line breaks inside the record (quoted multi-line values). */
	innerLines = 0;
	/** True when every field is empty and unquoted (a blank line, or only delimiters). */
	blank = true;
	problem: RecordProblem | null = null;
	/** Offset of the delimiter that ends field number `width` (-1 when there are not more fields). */
	widthEnd = -1;
	/** True when a field beyond `width` has content. */
	extraContent = false;

	readonly #bytes: Uint8Array;
	readonly #delim: number;
	readonly #width: number;

	constructor(bytes: Uint8Array, delimiter: Delimiter, width = Number.MAX_SAFE_INTEGER) {
		this.#bytes = bytes;
		this.#delim = delimiter.charCodeAt(0);
		this.#width = width;
	}

	/** Scans the record starting at `pos`; returns false at the end of the bytes. */
	scan(pos: number): boolean {
		const bytes = this.#bytes;
		const n = bytes.length;
		if (pos >= n) return false;
		this.fields = 1;
		this.innerLines = 0;
		this.blank = true;
		this.problem = null;
		this.widthEnd = -1;
		this.extraContent = false;
		let i = pos;
		for (;;) {
			let content = false;
			let j = i;
			while (j < n && this.#isBlank(bytes[j]!)) j++;
			if (j < n && bytes[j] === QUOTE) {
				content = true;
				i = this.#skipQuoted(j + 1);
				if (i < 0) {
					this.blank = false;
					this.problem = 'unterminated_quote';
					return this.#finish(n, n);
				}
				while (i < n && this.#isBlank(bytes[i]!)) i++;
				const b = bytes[i];
				if (i < n && b !== this.#delim && b !== LF && b !== CR) this.problem ??= 'text_after_quote';
			}
			while (i < n) {
				const b = bytes[i]!;
				if (b === this.#delim || b === LF || b === CR) break;
				if (b !== SPACE && b !== TAB) content = true;
				i++;
			}
			if (content) {
				this.blank = false;
				if (this.fields > this.#width) this.extraContent = true;
			}
			if (i >= n) return this.#finish(n, n);
			if (bytes[i] !== this.#delim) {
				return this.#finish(i, bytes[i] === CR && bytes[i + 1] === LF ? i + 2 : i + 1);
			}
			if (this.fields === this.#width) this.widthEnd = i;
			this.fields++;
			i++;
		}
	}

	#isBlank(b: number): boolean {
		return b === SPACE || (b === TAB && this.#delim !== TAB);
	}

	/** From just after an opening quote to just after its closing quote; -1 when it never closes. */
	#skipQuoted(from: number): number {
		const bytes = this.#bytes;
		const n = bytes.length;
		let i = from;
		while (i < n) {
			const b = bytes[i]!;
			if (b === QUOTE) {
				if (bytes[i + 1] === QUOTE) i += 2;
				else return i + 1;
			} else {
				if (b === LF || (b === CR && bytes[i + 1] !== LF)) this.innerLines++;
				i++;
			}
		}
		return -1;
	}

	#finish(end: number, next: number): true {
		this.end = end;
		this.next = next;
		this.terminator =
			next === end ? null : next - end === 2 ? 'crlf' : this.#bytes[end] === LF ? 'lf' : 'cr';
		return true;
	}
}

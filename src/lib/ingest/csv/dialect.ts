import { DELIMITERS, RecordScanner, type Delimiter, type Newline } from './scanner.ts';

export type { Newline };

/** How a CSV text is written: decided once in JavaScript and passed to DuckDB explicitly. */
export interface Dialect {
	readonly delimiter: Delimiter;
	readonly newline: Newline;
}

const SAMPLE_BYTES = 256 * 1024;
const SAMPLE_RECORDS = 200;

/**
 * Sniffs the delimiter from a sample, quote-aware: for each candidate, the field counts of the
 * first records; the delimiter whose most common count (above 1) covers the largest share of
 * records wins, then the larger count, then the order `,` `;` tab `|`. Title rows above the
 * header lower a candidate's share but not its mode. A one-column file reads as comma-separated.
 */
export function sniffDialect(bytes: Uint8Array): Dialect {
	const sample = bytes.subarray(0, SAMPLE_BYTES);
	let best: { delimiter: Delimiter; share: number; mode: number } = {
		delimiter: ',',
		share: 0,
		mode: 1
	};
	for (const delimiter of DELIMITERS) {
		const counts = fieldCounts(sample, delimiter, sample.length < bytes.length);
		const { mode, share } = modeOf(counts);
		if (mode < 2) continue;
		if (share > best.share || (share === best.share && mode > best.mode)) {
			best = { delimiter, share, mode };
		}
	}
	return { delimiter: best.delimiter, newline: sniffNewline(sample) };
}

function fieldCounts(sample: Uint8Array, delimiter: Delimiter, truncated: boolean): number[] {
	const scanner = new RecordScanner(sample, delimiter);
	const counts: number[] = [];
	let pos = 0;
	while (counts.length < SAMPLE_RECORDS && scanner.scan(pos)) {
		const cutOff = truncated && scanner.next >= sample.length;
		if (!scanner.blank && !cutOff && scanner.problem === null) counts.push(scanner.fields);
		pos = scanner.next;
	}
	return counts;
}

function modeOf(values: readonly number[]): { mode: number; share: number } {
	const tally = new Map<number, number>();
	for (const v of values) tally.set(v, (tally.get(v) ?? 0) + 1);
	let mode = 0;
	let count = 0;
	for (const [value, n] of tally) {
		if (n > count || (n === count && value > mode)) {
			mode = value;
			count = n;
		}
	}
	return { mode, share: values.length === 0 ? 0 : count / values.length };
}

function sniffNewline(sample: Uint8Array): Newline {
	const lf = sample.indexOf(10);
	const cr = sample.indexOf(13);
	if (cr >= 0 && (lf < 0 || cr < lf)) return sample[cr + 1] === 10 ? 'crlf' : 'cr';
	return 'lf';
}

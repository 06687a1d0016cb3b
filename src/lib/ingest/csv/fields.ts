import type { Delimiter } from './scanner.ts';

const decoder = new TextDecoder();

/**
 * Splits one record's text into field values with the scanner's rules (quoted values unquoted,
 * `""` → `"`, blanks around quoted values dropped, unquoted values kept verbatim). Used for the
 * header, samples and the original fields of rejected rows, never for bulk data.
 */
export function splitRecord(text: string, delimiter: Delimiter): string[] {
	const fields: string[] = [];
	let i = 0;
	const n = text.length;
	for (;;) {
		let j = i;
		while (j < n && (text[j] === ' ' || (text[j] === '\t' && delimiter !== '\t'))) j++;
		let value = '';
		if (text[j] === '"') {
			let k = j + 1;
			while (k < n) {
				if (text[k] === '"') {
					if (text[k + 1] === '"') {
						value += '"';
						k += 2;
						continue;
					}
					k++;
					break;
				}
				value += text[k];
				k++;
			}
			while (k < n && text[k] !== delimiter) {
				if (text[k] !== ' ' && text[k] !== '\t') value += text[k];
				k++;
			}
			i = k;
		} else {
			let k = i;
			while (k < n && text[k] !== delimiter) k++;
			value = text.slice(i, k);
			i = k;
		}
		fields.push(value);
		if (i >= n) return fields;
		i++;
	}
}

/** The record's bytes as text (at most `maxBytes`, with `…` when cut). */
export function recordText(bytes: Uint8Array, start: number, end: number, maxBytes = 4096): string {
	if (end - start <= maxBytes) return decoder.decode(bytes.subarray(start, end));
	return `${decoder.decode(bytes.subarray(start, start + maxBytes))}…`;
}

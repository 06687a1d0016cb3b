import { issue, type ValidationIssue } from '../issues.ts';
import { concatBytes, lineAt, startsWith } from './bytes.ts';
import { decodeWindows1252 } from './windows-1252.ts';

export type TextEncodingName = 'utf-8' | 'windows-1252' | 'utf-16le' | 'utf-16be';

/** Text as UTF-8 bytes without a byte-order mark, and how it was decoded. */
export interface Utf8Text {
	readonly bytes: Uint8Array;
	readonly encoding: TextEncodingName;
	readonly hadBom: boolean;
	readonly notices: readonly ValidationIssue[];
}

/** Decoding works on slices so no single JavaScript string approaches V8's length limit. */
const SLICE = 16 * 1024 * 1024;

/**
 * Brings any supported text to UTF-8 bytes: UTF-8 with or without BOM is passed through (checked,
 * not copied); UTF-16 with a BOM is transcoded; bytes that are not valid UTF-8 are read as
 * Windows-1252 (what Excel on Windows writes for "CSV") with a notice naming the first bad line.
 */
export function toUtf8(file: string, bytes: Uint8Array): Utf8Text {
	if (startsWith(bytes, [0xef, 0xbb, 0xbf])) {
		const body = bytes.subarray(3);
		const bad = firstInvalidUtf8(body);
		if (bad < 0) return { bytes: body, encoding: 'utf-8', hadBom: true, notices: [] };
		return fromWindows1252(file, body, bad, true);
	}
	if (startsWith(bytes, [0xff, 0xfe]) || startsWith(bytes, [0xfe, 0xff])) {
		const encoding = bytes[0] === 0xff ? 'utf-16le' : 'utf-16be';
		const out = transcode(bytes.subarray(2), encoding);
		const notice = issue(
			'notice',
			'encoding_utf16',
			file,
			`The file is UTF-16 (${encoding === 'utf-16le' ? 'little' : 'big'}-endian, with a byte-order mark); it was converted to UTF-8.`
		);
		return { bytes: out, encoding, hadBom: true, notices: [notice] };
	}
	const bad = firstInvalidUtf8(bytes);
	if (bad < 0) return { bytes, encoding: 'utf-8', hadBom: false, notices: [] };
	return fromWindows1252(file, bytes, bad, false);
}

function fromWindows1252(file: string, bytes: Uint8Array, bad: number, hadBom: boolean): Utf8Text {
	const line = lineAt(bytes, bad);
	const notice = issue(
		'notice',
		'encoding_windows_1252',
		file,
		`The file is not valid UTF-8 (first at line ${line}); it was read as Windows-1252, the encoding Excel on Windows uses for "CSV". Check that accented names (e.g. "Peñasco") look right; if not, save the file as "CSV UTF-8".`,
		{ line }
	);
	return {
		bytes: transcode(bytes, 'windows-1252'),
		encoding: 'windows-1252',
		hadBom,
		notices: [notice]
	};
}

function transcode(bytes: Uint8Array, encoding: TextEncodingName): Uint8Array {
	const decoder = new TextDecoder(encoding);
	const encoder = new TextEncoder();
	const parts: Uint8Array[] = [];
	for (let start = 0; start < bytes.length; start += SLICE) {
		const end = Math.min(bytes.length, start + SLICE);
		const slice = bytes.subarray(start, end);
		const text =
			encoding === 'windows-1252'
				? decodeWindows1252(decoder, slice)
				: decoder.decode(slice, { stream: end < bytes.length });
		parts.push(encoder.encode(text));
	}
	parts.push(encoder.encode(decoder.decode()));
	return concatBytes(parts);
}

/** Offset of the first byte that breaks UTF-8 (including a sequence cut off at the end), or -1. */
export function firstInvalidUtf8(bytes: Uint8Array): number {
	const decoder = new TextDecoder('utf-8', { fatal: true });
	try {
		for (let start = 0; start < bytes.length; start += SLICE) {
			const end = Math.min(bytes.length, start + SLICE);
			decoder.decode(bytes.subarray(start, end), { stream: end < bytes.length });
		}
		decoder.decode();
		return -1;
	} catch {
		return locateInvalidUtf8(bytes);
	}
}

/** The slow, exact search, run only once the native decoder has said the bytes are invalid. */
function locateInvalidUtf8(bytes: Uint8Array): number {
	let i = 0;
	while (i < bytes.length) {
		const b = bytes[i]!;
		const need =
			b < 0x80
				? 0
				: b >= 0xc2 && b <= 0xdf
					? 1
					: b >= 0xe0 && b <= 0xef
						? 2
						: b >= 0xf0 && b <= 0xf4
							? 3
							: -1;
		if (need < 0) return i;
		for (let k = 1; k <= need; k++) {
			const c = bytes[i + k];
			if (c === undefined || c < 0x80 || c > 0xbf) return i;
		}
		const second = bytes[i + 1] ?? 0;
		if ((b === 0xe0 && second < 0xa0) || (b === 0xed && second > 0x9f)) return i;
		if ((b === 0xf0 && second < 0x90) || (b === 0xf4 && second > 0x8f)) return i;
		i += need + 1;
	}
	return bytes.length;
}

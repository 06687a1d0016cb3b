import { startsWith } from './bytes.ts';

/** What the bytes of an upload are, decided from their content, not their name. */
export type DetectedFormat =
	| { readonly kind: 'text' }
	| { readonly kind: 'gzip' }
	| { readonly kind: 'xlsx' }
	| { readonly kind: 'empty' }
	| { readonly kind: 'utf16_without_bom' }
	| { readonly kind: 'unsupported'; readonly what: string; readonly advice: string };

const SIGNATURES: readonly { bytes: number[]; what: string; advice: string }[] = [
	{ bytes: [0x89, 0x50, 0x4e, 0x47], what: 'a PNG image', advice: 'upload the data file itself' },
	{ bytes: [0xff, 0xd8, 0xff], what: 'a JPEG image', advice: 'upload the data file itself' },
	{ bytes: [0x47, 0x49, 0x46, 0x38], what: 'a GIF image', advice: 'upload the data file itself' },
	{ bytes: [0x25, 0x50, 0x44, 0x46], what: 'a PDF document', advice: 'export the table as CSV' },
	{
		bytes: [0xd0, 0xcf, 0x11, 0xe0],
		what: 'an Excel 97–2003 workbook (.xls)',
		advice: 'open it in Excel and save it as .xlsx or as "CSV UTF-8"'
	},
	{ bytes: [0x28, 0xb5, 0x2f, 0xfd], what: 'a Zstandard archive', advice: 'decompress it first' },
	{ bytes: [0x42, 0x5a, 0x68], what: 'a bzip2 archive', advice: 'decompress it first' },
	{ bytes: [0x50, 0x41, 0x52, 0x31], what: 'a Parquet file', advice: 'export it as CSV' }
];

const ZIP = [0x50, 0x4b, 0x03, 0x04];
const GZIP = [0x1f, 0x8b];

/**
 * Detects gzip, XLSX (a ZIP named `.xlsx`), text, and the binary formats people upload by mistake
 * (images, PDFs, old `.xls`). Text is anything without NUL bytes and with few control bytes in
 * its first 8 KB; UTF-16 with a byte-order mark counts as text (it is decoded later).
 */
export function detectFormat(name: string, bytes: Uint8Array): DetectedFormat {
	if (bytes.length === 0) return { kind: 'empty' };
	if (startsWith(bytes, GZIP)) return { kind: 'gzip' };
	if (startsWith(bytes, ZIP)) {
		if (/\.xlsx$|\.xlsm$/i.test(name)) return { kind: 'xlsx' };
		return {
			kind: 'unsupported',
			what: 'a ZIP archive',
			advice: 'unzip it and upload the CSV inside (an Excel workbook must be named .xlsx)'
		};
	}
	const signature = SIGNATURES.find((s) => startsWith(bytes, s.bytes));
	if (signature) return { kind: 'unsupported', what: signature.what, advice: signature.advice };
	if (startsWith(bytes, [0xff, 0xfe]) || startsWith(bytes, [0xfe, 0xff])) return { kind: 'text' };
	return classifySample(bytes.subarray(0, 8192));
}

function classifySample(sample: Uint8Array): DetectedFormat {
	let nulEven = 0;
	let nulOdd = 0;
	let control = 0;
	for (let i = 0; i < sample.length; i++) {
		const b = sample[i]!;
		if (b === 0) {
			if (i % 2 === 0) nulEven++;
			else nulOdd++;
		} else if (b < 9 || (b > 13 && b < 32 && b !== 26 && b !== 27)) control++;
	}
	const half = sample.length / 2;
	if (half >= 2 && (nulOdd > 0.3 * half || nulEven > 0.3 * half)) {
		return { kind: 'utf16_without_bom' };
	}
	if (nulEven + nulOdd > 0 || control > sample.length / 100) {
		return {
			kind: 'unsupported',
			what: 'binary data, not text',
			advice: 'upload a CSV, a .csv.gz or an .xlsx file'
		};
	}
	return { kind: 'text' };
}

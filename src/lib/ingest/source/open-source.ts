import { MAX_RECORD_BYTES, type CsvLayout } from '../csv/chunks.ts';
import { sniffDialect, type Dialect } from '../csv/dialect.ts';
import { findHeader, type HeaderInfo } from '../csv/header.ts';
import { issue, shown, type ValidationIssue } from '../issues.ts';
import { formatBytes, resolveLimits, type IngestLimits } from '../limits.ts';
import { toUtf8, type TextEncodingName } from './decode-text.ts';
import { detectFormat } from './detect-format.ts';
import { gunzip } from './gunzip.ts';
import { xlsxToCsv } from './xlsx.ts';

/** A file read, decoded to UTF-8 and laid out: ready for mapping and loading. */
export interface OpenedSource {
	readonly name: string;
	readonly format: 'csv' | 'csv.gz' | 'xlsx';
	readonly encoding: TextEncodingName;
	readonly sheet?: string;
	/** XLSX: every worksheet's name, in order. */
	readonly sheets?: readonly string[];
	readonly dialect: Dialect;
	readonly header: HeaderInfo;
	readonly layout: CsvLayout;
	/** Size of the upload as received, and of its decoded text. */
	readonly bytesReceived: number;
	readonly notices: readonly ValidationIssue[];
}

export type OpenResult =
	| { readonly ok: true; readonly source: OpenedSource }
	| { readonly ok: false; readonly issues: readonly ValidationIssue[] };

export interface OpenOptions {
	/** The header's line when the automatic search picks the wrong one. */
	readonly headerLine?: number;
	/** XLSX: sheet name or 1-based position (default: the first sheet). */
	readonly sheet?: string | number;
	readonly limits?: Partial<IngestLimits>;
}

/**
 * Reads an upload's bytes into an `OpenedSource`: detects gzip, XLSX and mistaken binary files,
 * decompresses (with a size limit), decodes to UTF-8, sniffs the delimiter and finds the header
 * (skipping title rows). Never throws for bad input: problems come back as issues.
 */
export async function openSource(
	name: string,
	bytes: Uint8Array,
	options: OpenOptions = {}
): Promise<OpenResult> {
	const limits = resolveLimits(options.limits);
	const fail = (i: ValidationIssue): OpenResult => ({ ok: false, issues: [i] });
	const detected = detectFormat(name, bytes);
	let text = bytes;
	let format: OpenedSource['format'] = 'csv';
	let sheet: string | undefined;
	let sheets: readonly string[] | undefined;
	const notices: ValidationIssue[] = [];
	if (detected.kind === 'gzip') {
		const result = await gunzip(bytes, limits.maxDecompressedBytes);
		if (!result.ok && result.reason === 'too_large') {
			return fail(
				issue(
					'error',
					'too_large',
					name,
					`The file expands to more than ${formatBytes(limits.maxDecompressedBytes)} when decompressed, the limit here. Split it into smaller files, or use the command line.`
				)
			);
		}
		if (!result.ok) {
			return fail(
				issue(
					'error',
					'gzip_invalid',
					name,
					'The file starts like gzip but could not be decompressed: it is corrupt or cut off. Download it again.'
				)
			);
		}
		text = result.bytes;
		format = 'csv.gz';
		const inner = detectFormat(name.replace(/\.gz$/i, ''), text);
		if (inner.kind === 'unsupported') {
			return fail(
				issue(
					'error',
					'binary_file',
					name,
					`The decompressed file is ${inner.what}, not a CSV: ${inner.advice}.`
				)
			);
		}
	} else if (detected.kind === 'xlsx') {
		const result = await xlsxToCsv(name, bytes, limits, options.sheet);
		if (!result.ok) return { ok: false, issues: result.issues };
		text = result.bytes;
		format = 'xlsx';
		sheet = result.sheet;
		sheets = result.sheets;
		notices.push(...result.notices);
	} else if (detected.kind === 'empty') {
		return fail(issue('error', 'empty_file', name, 'The file is empty (0 bytes).'));
	} else if (detected.kind === 'utf16_without_bom') {
		return fail(
			issue(
				'error',
				'utf16_without_bom',
				name,
				'The file looks like UTF-16 text without a byte-order mark, which cannot be decoded safely. Save it as "CSV UTF-8".'
			)
		);
	} else if (detected.kind === 'unsupported') {
		const code =
			detected.what.startsWith('an Excel') || detected.what.startsWith('a ZIP')
				? 'unsupported_format'
				: 'binary_file';
		return fail(
			issue('error', code, name, `This is ${detected.what}, not a CSV: ${detected.advice}.`)
		);
	}
	const decoded = toUtf8(name, text);
	notices.push(...decoded.notices);
	return layOut(
		name,
		decoded.bytes,
		{ format, encoding: decoded.encoding, sheet, sheets, bytesReceived: bytes.length, notices },
		options.headerLine
	);
}

function layOut(
	name: string,
	bytes: Uint8Array,
	meta: Pick<OpenedSource, 'format' | 'encoding' | 'sheet' | 'sheets' | 'bytesReceived'> & {
		notices: ValidationIssue[];
	},
	headerLine?: number
): OpenResult {
	const dialect = sniffDialect(bytes);
	const header = findHeader(bytes, dialect.delimiter, headerLine);
	if (!header) {
		const message =
			headerLine === undefined
				? 'The file has no rows: it holds nothing but spaces, line breaks and delimiters.'
				: `Line ${headerLine} was chosen as the header, but the file has no non-blank line there.`;
		return {
			ok: false,
			issues: [issue('error', headerLine === undefined ? 'empty_file' : 'no_header', name, message)]
		};
	}
	if (header.tooLong !== undefined) {
		const message = `Line ${header.line}, where the header should be, is ${formatBytes(header.tooLong)} long; a header over ${formatBytes(MAX_RECORD_BYTES)} cannot be read. This does not look like a CSV file: check that it has one line per row.`;
		return {
			ok: false,
			issues: [issue('error', 'record_too_long', name, message, { line: header.line })]
		};
	}
	const notices = [...meta.notices];
	if (header.skipped.length > 0) {
		const first = header.skipped[0]!;
		const last = header.skipped[header.skipped.length - 1]!;
		const lines =
			first.line === last.line ? `line ${first.line}` : `lines ${first.line}–${last.line}`;
		notices.push(
			issue(
				'notice',
				'title_rows_skipped',
				name,
				`The header is on line ${header.line}; ${lines} above it (${header.skipped.map((s) => `"${shown(s.text, 40)}"`).join(', ')}) ${header.skipped.length === 1 ? 'was' : 'were'} skipped as titles.`,
				{ line: header.line }
			)
		);
	}
	for (const duplicate of new Set(header.duplicates)) {
		notices.push(
			issue(
				'notice',
				'duplicate_header',
				name,
				`The header has more than one column named "${duplicate}"; the later ones are called "${duplicate} (2)", "${duplicate} (3)", …`,
				{ line: header.line, column: duplicate }
			)
		);
	}
	const { sheet, sheets, ...rest } = meta;
	return {
		ok: true,
		source: {
			name,
			...rest,
			...(sheet === undefined ? {} : { sheet }),
			...(sheets === undefined ? {} : { sheets }),
			dialect,
			header,
			layout: {
				bytes,
				dialect,
				width: header.fields.length,
				dataOffset: header.dataOffset,
				dataLine: header.dataLine
			},
			notices
		}
	};
}

/**
 * Size limits of the ingest, with the reason for each. Every limit that is hit produces an error
 * naming the limit and what to do; none truncates silently.
 */
export interface IngestLimits {
	/** A `.csv.gz` may expand to at most this many bytes (a zip bomb stops here, not in memory). */
	readonly maxDecompressedBytes: number;
	/** XLSX workbooks are parsed whole in memory by exceljs, so they get a much lower limit. */
	readonly maxXlsxBytes: number;
	/**
	 * The workbook's parts may expand to at most this many bytes, checked from the ZIP directory
	 * before exceljs reads anything: a small workbook holding a huge sheet stops here.
	 */
	readonly maxXlsxExpandedBytes: number;
	readonly maxXlsxRows: number;
	/** Rejected rows listed one by one in a report; beyond this, only counted (the count is stated). */
	readonly maxRejectedListed: number;
	/** Row-level warnings listed per warning code; beyond this, only counted. */
	readonly maxWarningsListedPerCode: number;
	/**
	 * Decoded bytes handed to DuckDB per chunk (progress and cancellation happen between chunks).
	 * 32 MB: each chunk is one `read_csv` insert, and fewer, larger ones stage faster (1M rows,
	 * 90 MB, in Node: 2.3–2.7 s in 8 MB chunks, 1.6–1.8 s in 32 MB ones) while a chunk still
	 * stages in well under a second.
	 */
	readonly chunkBytes: number;
}

export const DEFAULT_LIMITS: IngestLimits = {
	maxDecompressedBytes: 1024 ** 3,
	maxXlsxBytes: 50 * 1024 ** 2,
	maxXlsxExpandedBytes: 256 * 1024 ** 2,
	maxXlsxRows: 500_000,
	maxRejectedListed: 100_000,
	maxWarningsListedPerCode: 1_000,
	chunkBytes: 32 * 1024 ** 2
};

/** The defaults with some limits overridden. */
export function resolveLimits(overrides: Partial<IngestLimits> = {}): IngestLimits {
	return { ...DEFAULT_LIMITS, ...overrides };
}

/** `1.5 GB`, `12.3 MB`, `512 bytes`: sizes for messages. */
export function formatBytes(bytes: number): string {
	if (bytes < 1024) return `${bytes} bytes`;
	const units = ['KB', 'MB', 'GB'];
	let value = bytes / 1024;
	let unit = 0;
	while (value >= 1024 && unit < units.length - 1) {
		value /= 1024;
		unit += 1;
	}
	return `${Number(value.toFixed(1))} ${units[unit]}`;
}

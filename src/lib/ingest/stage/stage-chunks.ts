import type { Database } from '../../db/database.ts';
import { identifier, join, literal, raw, sql, type SqlQuery } from '../../db/sql.ts';
import type { RecordChunk, StructuralReject } from '../csv/chunks.ts';
import type { Dialect } from '../csv/dialect.ts';
import type { Delimiter, Newline } from '../csv/scanner.ts';

/** Where a load stands, for a progress bar. Byte counts refer to the decoded text. */
export interface IngestProgress {
	readonly phase: 'staging' | 'validating' | 'loading' | 'done';
	readonly bytesDone: number;
	readonly bytesTotal: number;
	/** Data records read so far (loaded or rejected; blank lines excluded). */
	readonly rowsDone: number;
}

/**
 * A file's data records in DuckDB as text: `<table>` has VARCHAR columns `c1 … cN` in file order
 * (record number = `rowid + 1`) and `<lines>` the line breakpoints; records taken out in
 * JavaScript are in `structural`.
 */
export interface StagedFile {
	readonly table: string;
	readonly lines: string;
	readonly width: number;
	readonly records: number;
	readonly structural: readonly StructuralReject[];
	readonly blankRecords: number;
	readonly bytesTotal: number;
	/** `line - rec` when it is the same for every record (no blank or multi-line records). */
	readonly lineOffset?: number;
}

export interface StageOptions {
	readonly id: string;
	readonly width: number;
	readonly dialect: Dialect;
	readonly signal?: AbortSignal;
	readonly onProgress?: (progress: IngestProgress) => void;
}

/** Line breakpoints are inserted as bound parameters, this many per statement. */
const BREAKS_PER_INSERT = 1000;

const NEW_LINE = { lf: '\\n', crlf: '\\r\\n', cr: '\\r' } as const;

/** `c1`, `c2`, …: staging column names never come from the user's header. */
export function stageColumn(index: number): string {
	return `c${index + 1}`;
}

/**
 * Loads chunks into a staging table with DuckDB's own CSV reader (explicit VARCHAR columns, no
 * sniffing), checking the abort signal and reporting progress between chunks. An abort drops the
 * staging tables and rethrows the signal's reason, so nothing half-loaded remains. Each chunk's
 * row count is checked against the chunker's: a mismatch is a bug and throws.
 */
export async function stageChunks(
	db: Database,
	chunks: Iterable<RecordChunk> | AsyncIterable<RecordChunk>,
	options: StageOptions
): Promise<StagedFile> {
	const table = `ingest_stage_${options.id}`;
	const lines = `ingest_lines_${options.id}`;
	const columns = Array.from({ length: options.width }, (_, i) => stageColumn(i));
	await db.exec(
		sql`CREATE TABLE ${identifier(table)} (${join(
			columns.map((c) => sql`${identifier(c)} VARCHAR`),
			', '
		)})`
	);
	await db.exec(sql`CREATE TABLE ${identifier(lines)} (rec BIGINT, line BIGINT)`);
	const structural: StructuralReject[] = [];
	let records = 0;
	let blankRecords = 0;
	let bytesTotal = 0;
	const offsets = new Set<number>();
	try {
		for await (const chunk of chunks) {
			options.signal?.throwIfAborted();
			await insertChunk(db, table, lines, chunk, columns, options);
			records += chunk.records;
			const [count] = await db.query<{ n: number }>(
				sql`SELECT count(*) AS n FROM ${identifier(table)}`
			);
			if (count?.n !== records) {
				throw new Error(
					`staging ${table}: expected ${records} rows after chunk ${chunk.index}, found ${count?.n}`
				);
			}
			for (let i = 0; i < chunk.lineBreaks.length; i += 2)
				offsets.add(chunk.lineBreaks[i + 1]! - chunk.lineBreaks[i]!);
			structural.push(...chunk.rejected);
			blankRecords += chunk.blankRecords;
			bytesTotal = chunk.bytesTotal;
			options.onProgress?.({
				phase: 'staging',
				bytesDone: chunk.bytesDone,
				bytesTotal,
				rowsDone: records + structural.length
			});
			options.signal?.throwIfAborted();
		}
		options.signal?.throwIfAborted();
	} catch (error) {
		await dropStaged(db, { table, lines });
		throw error;
	}
	const lineOffset = offsets.size === 1 ? [...offsets][0] : undefined;
	return {
		table,
		lines,
		width: options.width,
		records,
		structural,
		blankRecords,
		bytesTotal,
		...(lineOffset === undefined ? {} : { lineOffset })
	};
}

async function insertChunk(
	db: Database,
	table: string,
	lines: string,
	chunk: RecordChunk,
	columns: readonly string[],
	options: StageOptions
): Promise<void> {
	if (chunk.records > 0) {
		const path = await db.registerFile(
			`ingest/${options.id}/chunk-${chunk.index}.csv`,
			ownBuffer(chunk.bytes)
		);
		try {
			await db.exec(
				sql`INSERT INTO ${identifier(table)} SELECT * FROM read_csv(${literal(path)}, ${readOptions(columns, options.dialect.delimiter, chunk.newline)})`
			);
		} finally {
			await db.dropFile(path);
		}
	}
	const pairs = chunk.lineBreaks;
	for (let start = 0; start < pairs.length; start += 2 * BREAKS_PER_INSERT) {
		const rows: SqlQuery[] = [];
		for (let i = start; i < Math.min(pairs.length, start + 2 * BREAKS_PER_INSERT); i += 2) {
			rows.push(sql`(${pairs[i]!}, ${pairs[i + 1]!})`);
		}
		await db.exec(sql`INSERT INTO ${identifier(lines)} VALUES ${join(rows, ', ')}`);
	}
}

/**
 * The browser build of DuckDB-WASM transfers the registered array's whole `ArrayBuffer` to its
 * worker (detaching it here), so a chunk that is a view into the file is copied first.
 */
function ownBuffer(bytes: Uint8Array): Uint8Array {
	return bytes.byteOffset === 0 && bytes.byteLength === bytes.buffer.byteLength
		? bytes
		: bytes.slice();
}

function readOptions(columns: readonly string[], delimiter: Delimiter, newline: Newline): SqlQuery {
	const types = join(
		columns.map((c) => sql`${literal(c)}: 'VARCHAR'`),
		', '
	);
	return sql`header = false, auto_detect = false, delim = ${literal(delimiter)}, quote = '"', escape = '"', new_line = ${raw(`'${NEW_LINE[newline]}'`)}, columns = {${types}}`;
}

/**
 * The staged records with their number and line: the line of the nearest breakpoint at or before
 * the record, plus the records since (ASOF join); or, when every record's line is its number
 * plus the same offset, that sum (the join costs a few hundred ms a million rows in the browser).
 */
export function stagedWithLines(
	staged: Pick<StagedFile, 'table' | 'lines' | 'lineOffset'>
): SqlQuery {
	if (staged.lineOffset !== undefined)
		return sql`(SELECT rowid + 1 AS rec, *, rowid + 1 + ${raw(String(staged.lineOffset))} AS line FROM ${identifier(staged.table)})`;
	return sql`(SELECT s.*, b.line + (s.rec - b.rec) AS line FROM (SELECT rowid + 1 AS rec, * FROM ${identifier(staged.table)}) s ASOF JOIN ${identifier(staged.lines)} b ON s.rec >= b.rec)`;
}

/** Drops a load's staging tables. */
export async function dropStaged(
	db: Database,
	staged: Pick<StagedFile, 'table' | 'lines'>
): Promise<void> {
	await db.exec(sql`DROP TABLE IF EXISTS ${identifier(staged.table)}`);
	await db.exec(sql`DROP TABLE IF EXISTS ${identifier(staged.lines)}`);
}

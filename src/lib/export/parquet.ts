import { tableFromIPC, type Table } from 'apache-arrow';
import type * as ParquetWasm from 'parquet-wasm/esm';
import { toArrowIpc } from './arrow.ts';
import type { ExportTable } from './table.ts';

/** The parts of parquet-wasm used here, loaded by `parquet-browser.ts` or `parquet-node.ts`. */
export type ParquetModule = Pick<typeof ParquetWasm, 'Table' | 'writeParquet' | 'readParquet'>;

/**
 * A table as a Parquet file through parquet-wasm (DuckDB-WASM has no Parquet extension
 * offline): the Arrow IPC stream of `toArrowTable`, so the column types are the same.
 */
export function toParquet(parquet: ParquetModule, table: ExportTable): Uint8Array {
	const arrow = parquet.Table.fromIPCStream(toArrowIpc(table, 'stream'));
	return parquet.writeParquet(arrow);
}

/** Reads a Parquet file back into an Arrow table (for round-trip checks and re-import). */
export function readParquetTable(parquet: ParquetModule, bytes: Uint8Array): Table {
	return tableFromIPC(parquet.readParquet(bytes).intoIPCStream());
}

import type { ParquetModule } from './parquet.ts';

/** parquet-wasm in Node (the command line and tests): its node build reads the wasm from disk. */
export async function loadParquetNode(): Promise<ParquetModule> {
	return (await import('parquet-wasm/node')) as ParquetModule;
}

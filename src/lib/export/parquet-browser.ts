import type { ParquetModule } from './parquet.ts';

let loaded: Promise<ParquetModule> | undefined;

/**
 * parquet-wasm in the browser, loaded on first use: the module and its wasm (self-hosted through
 * a Vite `?url` import, never a CDN) stay out of the first-load JavaScript.
 */
export function loadParquetBrowser(): Promise<ParquetModule> {
	loaded ??= (async () => {
		const [parquet, wasm] = await Promise.all([
			import('parquet-wasm/esm'),
			import('parquet-wasm/esm/parquet_wasm_bg.wasm?url')
		]);
		await parquet.default({ module_or_path: new URL(wasm.default, location.href) });
		return parquet;
	})();
	loaded.catch(() => (loaded = undefined));
	return loaded;
}

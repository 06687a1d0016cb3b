import type { ReadFile } from '../ingest/canonical.ts';

/**
 * Reads the site's own data files over `fetch`. A missing file is an error that names it, not a
 * 404 page handed to DuckDB (which would surface as a confusing CSV error).
 */
export function assetReader(urlFor: (path: string) => string): ReadFile {
	return async (name) => {
		const response = await fetch(urlFor(`data/${name}`));
		if (!response.ok) throw new Error(`Could not load data/${name}: HTTP ${response.status}`);
		return new Uint8Array(await response.arrayBuffer());
	};
}

import type { Database } from '../db/database.ts';
import { browserMaxBytes } from '../ingest/worker/browser-limits.ts';
import { IndexedDbStore } from './idb-store.ts';
import { MemoryStore } from './store.ts';
import { Workspace, type DataChange } from './workspace.svelte.ts';

/**
 * The workspace as the site runs it: files read in the ingest worker (a .csv.gz may expand only
 * to the browser's file-size limit), kept files in IndexedDB (in memory where the browser has none). Safe to construct while prerendering: the worker and
 * the engine are imported only when a file is read or loaded.
 */
export function browserWorkspace(hooks: {
	database: () => Promise<Database>;
	onChange: (change: DataChange) => void;
}): Workspace {
	const hasIndexedDb = typeof indexedDB !== 'undefined';
	const memory = typeof navigator === 'undefined' ? undefined : navigatorMemory(navigator);
	return new Workspace({
		store: hasIndexedDb ? new IndexedDbStore(indexedDB) : new MemoryStore(),
		open: async (file, name, options) => {
			const { openInWorker } = await import('../ingest/worker/client.ts');
			// A .csv.gz may expand no further than a CSV this browser would take.
			const limits = { maxDecompressedBytes: browserMaxBytes(memory), ...options?.limits };
			return openInWorker(file, name, { ...options, limits });
		},
		database: hooks.database,
		deviceMemoryGb: memory,
		onChange: hooks.onChange
	});
}

/** `navigator.deviceMemory` (Chromium only; GB, rounded down by the browser). */
function navigatorMemory(nav: Navigator): number | undefined {
	return (nav as Navigator & { deviceMemory?: number }).deviceMemory;
}

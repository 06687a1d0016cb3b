import type { FunnelCounts } from './figures.ts';
import type { Timings } from './timing.ts';

/** The alternatives measured in Node, each run in a fresh process (`run.ts` starts them). */
export const NODE_ALTERNATIVES = {
	'app-node': 'This app in Node (DuckDB-WASM, same engine as the browser)',
	'native-1': 'Native DuckDB, 1 thread (same SQL)',
	'native-all': 'Native DuckDB, all threads (same SQL)',
	papaparse: 'papaparse + plain JS',
	arquero: 'arquero'
} as const;

export type NodeAlternative = keyof typeof NODE_ALTERNATIVES;

/** What one run reports on stdout (one JSON line). */
export interface RunResult {
	readonly timings: Timings;
	readonly peakMb: number;
	readonly counts: FunnelCounts[];
}

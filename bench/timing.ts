/** The phases every alternative reports (milliseconds); `filter` holds one latency per change. */
export interface Timings {
	startup?: number;
	ingest?: number;
	metrics?: number;
	export?: number;
	filter?: number[];
}

export type Phase = Exclude<keyof Timings, 'filter'>;

/** Runs `task` and records its wall-clock duration under `phase`. */
export async function time<T>(
	timings: Timings,
	phase: Phase,
	task: () => Promise<T> | T
): Promise<T> {
	const started = performance.now();
	const result = await task();
	timings[phase] = performance.now() - started;
	return result;
}

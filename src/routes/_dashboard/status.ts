import type { PageStatus } from '#lib/state/page-model.svelte.ts';

interface PagePart {
	readonly status: PageStatus;
	readonly source: 'live' | 'build';
	readonly error: string | null;
	readonly progress: string;
}

/** A page made of several parts: ready when all are, in error when any is, live when all are. */
export function combinedStatus(parts: readonly PagePart[]) {
	const error = parts.find((p) => p.error !== null)?.error ?? null;
	const status: PageStatus =
		error !== null ? 'error' : parts.every((p) => p.status === 'ready') ? 'ready' : 'loading';
	return {
		status,
		source: parts.every((p) => p.source === 'live') ? ('live' as const) : ('build' as const),
		error,
		progress: parts
			.map((p) => p.progress)
			.filter(Boolean)
			.join(' ')
	};
}

export type CombinedStatus = ReturnType<typeof combinedStatus>;

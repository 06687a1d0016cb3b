import type { DataKind } from '#lib/state/dashboard.svelte.ts';
import type { PageStatus } from '#lib/state/page-model.svelte.ts';

interface PagePart {
	readonly status: PageStatus;
	readonly source: 'live' | 'build';
	readonly error: string | null;
	readonly progress: string;
	readonly kind: DataKind;
}

/**
 * A page made of several parts: ready when all are ready or have no data to show, in error when
 * any is, live when all parts with data are; `missing` lists the kinds of data the parts lack.
 */
export function combinedStatus(parts: readonly PagePart[]) {
	const error = parts.find((p) => p.error !== null)?.error ?? null;
	const shown = parts.filter((p) => p.status !== 'no_data');
	const settled = shown.every((p) => p.status === 'ready');
	const status: Exclude<PageStatus, 'no_data'> =
		error !== null ? 'error' : settled ? 'ready' : 'loading';
	return {
		status,
		source: shown.every((p) => p.source === 'live') ? ('live' as const) : ('build' as const),
		error,
		progress: parts
			.map((p) => p.progress)
			.filter(Boolean)
			.join(' '),
		missing: parts.filter((p) => p.status === 'no_data').map((p) => p.kind)
	};
}

export type CombinedStatus = ReturnType<typeof combinedStatus>;

import { encodeViewState } from '../view/url-codec.ts';
import type { AsyncValue } from './async-value.svelte.ts';
import type { Dashboard, DataKind } from './dashboard.svelte.ts';

/** `no_data`: the loaded data has none of the kind this part needs, so it has nothing to show. */
export type PageStatus = 'loading' | 'ready' | 'error' | 'no_data';

/**
 * What one part of a page shows: the live model once the browser has computed it, else the
 * figures prerendered for the default view (demo data only: never in place of the user's data). `status` feeds the page's explicit ready signal
 * (`<main data-status>`); `stale` says the figures shown are not yet those of the view asked
 * for (a newer result is loading, or the link's view differs from the prerendered default).
 */
export class PageModel<T> {
	readonly current: T | null;
	readonly source: 'live' | 'build';
	readonly error: string | null;
	readonly status: PageStatus;
	readonly stale: boolean;
	/** What is being computed, for the progress note. */
	readonly progress: string;
	/** The kind of data this part shows. */
	readonly kind: DataKind;

	constructor(
		dashboard: Dashboard,
		live: () => T | null,
		built: () => T | null,
		needs: readonly AsyncValue<unknown>[],
		kind: DataKind
	) {
		this.kind = kind;
		this.current = $derived(live() ?? (dashboard.showsUserData ? null : built()));
		this.source = $derived(live() ? 'live' : 'build');
		this.error = $derived.by(() => {
			const session = dashboard.session;
			if (session.status === 'error') return session.message;
			return (
				needs.map((n) => (n.state.status === 'error' ? n.state.message : null)).find(Boolean) ??
				null
			);
		});
		this.status = $derived(
			this.error !== null
				? 'error'
				: dashboard.session.status === 'ready' && dashboard.lacks[kind]
					? 'no_data'
					: dashboard.session.status === 'ready' &&
						  needs.every((n) => n.state.status === 'ready') &&
						  live() !== null
						? 'ready'
						: 'loading'
		);
		this.stale = $derived(
			needs.some((n) => n.busy) || (live() === null && encodeViewState(dashboard.view, null) !== '')
		);
		this.progress = $derived(
			needs
				.map((n) => (n.state.status === 'loading' ? n.state.progress : ''))
				.filter(Boolean)
				.join(' ')
		);
	}
}

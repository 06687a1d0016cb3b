import { goto } from '$app/navigation';
import { page } from '$app/state';
import { decodeViewState, encodeViewState, type DecodedView } from '../view/url-codec.ts';
import { DEFAULT_VIEW_STATE, type ViewState } from '../view/view-state.ts';

/** The address shown: the last shallow write's, else the page's (a navigation clears it). */
function currentUrl(): { readonly search: string } {
	return page.shallow?.url ?? page.url;
}

const PRERENDERED: DecodedView = { state: DEFAULT_VIEW_STATE, dataVersion: null, notices: [] };

/**
 * The view state in the URL, the single source of truth for what every page shows. Prerendered
 * pages cannot read the query at build time, so the state is the default until the app has
 * hydrated (`hydrate()`), then whatever the address says.
 */
export class ViewUrl {
	#hydrated = $state(false);

	readonly decoded: DecodedView = $derived(
		this.#hydrated ? decodeViewState(currentUrl().search) : PRERENDERED
	);

	/** Call once the app runs in the browser. */
	hydrate(): void {
		this.#hydrated = true;
	}

	get hydrated(): boolean {
		return this.#hydrated;
	}

	/** The current query string, with "?" (empty for the default view). */
	get search(): string {
		return this.#hydrated ? currentUrl().search : '';
	}

	/**
	 * Writes a new view into the address without a new history entry or a navigation (shallow:
	 * no page reloads its data for a filter), keeping focus and scroll, so every view reads it
	 * back. The data version is always written, so a shared link knows which data it was made
	 * with.
	 */
	async write(state: ViewState, dataVersion: string | null): Promise<void> {
		const query = encodeViewState(state, dataVersion);
		// The current page's own path (already under the base path), with a new query.
		// eslint-disable-next-line svelte/no-navigation-without-resolve
		await goto(`${page.url.pathname}${query ? `?${query}` : ''}`, {
			replace: true,
			shallow: true
		});
	}
}

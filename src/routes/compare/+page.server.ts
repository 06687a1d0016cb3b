import { prerenderedCompare } from '#lib/state/compare-prerender.server.ts';
import { prerenderedView } from '#lib/state/prerender.server.ts';

export const prerender = true;

/** The default view's figures (no district picked: the poverty-vs-outcome plot), at build time. */
export async function load() {
	const [view, compare] = await Promise.all([prerenderedView(), prerenderedCompare()]);
	return { catalog: view.catalog, compare };
}

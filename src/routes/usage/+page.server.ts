import { prerenderedView } from '#lib/state/prerender.server.ts';

export const prerender = true;

/** The default view's figures, computed at build time with the browser's engine and code. */
export async function load() {
	return { view: await prerenderedView() };
}

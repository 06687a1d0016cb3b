/**
 * One headline figure: a proportion with its 95% interval (null when it cannot be computed).
 * The first page's figures are now the dashboard's default view (`src/lib/view/`), computed at
 * build time by `src/lib/state/prerender.server.ts` and live in the browser with the same code.
 */
export interface Figure {
	readonly estimate: number | null;
	readonly lo: number | null;
	readonly hi: number | null;
}

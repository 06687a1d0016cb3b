import { PEER_DEFAULTS } from '../peers/options.ts';
import { outcomeData } from '../view/outcome-data.ts';
import { outcomeModel } from '../view/outcome-model.ts';
import { DEFAULT_VIEW_STATE, USAGE_FALLBACK_SCHEME } from '../view/view-state.ts';
import { ensurePooledCells, buildViewUnits } from '../view/view-units.ts';
import { POOLED } from '../view/view-tables.ts';
import { povertyScheme } from '../poverty/schemes.ts';
import type { CompareView } from './compare.svelte.ts';
import { openPrerenderDemo } from './prerender.server.ts';

/**
 * The compare page's default view computed at build time (no district picked, so only the
 * poverty-vs-outcome plot), in Node with the browser's engine and the same code the browser
 * runs.
 */
export async function prerenderedCompare(): Promise<CompareView> {
	const { db, catalog } = await openPrerenderDemo();
	try {
		const year = catalog.years.at(-1);
		if (year === undefined || catalog.districtYear === null) return { rows: [], outcome: null };
		const units = await buildViewUnits(db, { schoolYear: year, source: 'aggregate', rules: {} });
		const products = units.products.map((p) => p.id);
		if (products.length > 1) await ensurePooledCells(db, products);
		const data = await outcomeData(db, {
			kind: 'dosage',
			state: DEFAULT_VIEW_STATE,
			districtYear: catalog.districtYear,
			measure: povertyScheme(USAGE_FALLBACK_SCHEME).measure ?? PEER_DEFAULTS.measure,
			product: products.length > 1 ? POOLED : (products[0] ?? null),
			survey: null
		});
		const outcome = outcomeModel(data, [], catalog.origin);
		// Drawing precision is enough for the page data (it is shipped in the prerendered page).
		const points = outcome.points.map((p) => ({ ...p, x: round(p.x, 2), y: round(p.y, 5) }));
		return { rows: [], outcome: { ...outcome, points } };
	} finally {
		await db.close();
	}
}

const round = (v: number, digits: number) => Math.round(v * 10 ** digits) / 10 ** digits;

import type { Database } from '../lib/db/database.ts';
import type { DataOrigin, DisclosurePolicy } from '../lib/disclosure/view.ts';
import { usageViewFigures } from '../lib/export/view-figures.ts';
import type { FigureRow } from '../lib/report/figure-row.ts';
import { usageView } from '../lib/view/usage-view.ts';
import type { ViewState } from '../lib/view/view-state.ts';
import { selectedProducts } from '../lib/view/groups.ts';
import { buildViewUnits, type ViewProduct } from '../lib/view/view-units.ts';
import { DataError } from './usage-error.ts';

/**
 * The usage figures of a command-line run, computed and disclosed as the site's usage view
 * computes and discloses them for the same filters (`state`): the view's units table for the
 * year (logs when loaded, with each product's default rule), the funnel of each product and of
 * all products pooled by poverty level, and the multiple-release guard (§6.4 rule 5). When the
 * guard refuses the filters, the run stops with its explanation (a data error: the site
 * withholds the figures for the same reason). Also returns the products shown, with their grain.
 */
export async function usageRows(
	db: Database,
	state: ViewState,
	origin: DataOrigin,
	policy: DisclosurePolicy
): Promise<{ rows: FigureRow[]; products: readonly ViewProduct[] }> {
	const schoolYear = state.year!;
	const units = await buildViewUnits(db, { schoolYear, source: state.source, rules: {} });
	const view = await usageView(db, units, state, policy);
	if (!view.release.allowed) throw new DataError(view.release.explanation);
	const products = selectedProducts(units.products, state);
	return { rows: usageViewFigures(view, state, schoolYear, origin, policy), products };
}

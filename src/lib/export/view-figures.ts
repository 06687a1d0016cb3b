import { PUBLIC_POLICY } from '../disclosure/disclose-view.ts';
import type { DataOrigin, DisclosurePolicy } from '../disclosure/view.ts';
import { disclosedFields, type FigureRow } from '../report/figure-row.ts';
import { PUBLISHED_RATES } from '../report/usage-figures.ts';
import { discloseUsage, VIEW_RATES, type ViewRate } from '../view/usage-disclosure.ts';
import { evaluatedFrom } from '../view/usage-model.ts';
import type { UsageView } from '../view/usage-view.ts';
import { usageScheme, type ViewState } from '../view/view-state.ts';

/** The confidence level of the dashboard's usage intervals (`usageView` uses z for 95%). */
const USAGE_LEVEL = 0.95;

/** The rates the command line publishes; the screen shows every one of them. */
const RATES = PUBLISHED_RATES.filter((r): r is ViewRate =>
	(VIEW_RATES as readonly string[]).includes(r)
);

/**
 * The published usage rows of a dashboard view, disclosed exactly as the screen discloses them:
 * the same funnels (each product, and all products pooled) and prices go through
 * `discloseUsage`, so complementary suppression sees the same cells as on screen. Rows: each
 * funnel's four published rates for every group, unknown group and all students, and, for
 * funnels evaluated from logs, the share of licensed students left not evaluable
 * (`not_evaluable_share`). Withheld entirely (no rows) when the multiple-release guard refuses
 * the view's filters. `policy` is the mode and profile the screen shows (public unless the
 * reader switched research mode on).
 */
export function usageViewFigures(
	view: UsageView,
	state: ViewState,
	schoolYear: number,
	origin: DataOrigin,
	policy: DisclosurePolicy = PUBLIC_POLICY
): FigureRow[] {
	if (!view.release.allowed) return [];
	const funnels = [...view.products, ...(view.pooled ? [view.pooled] : [])];
	const disclosed = discloseUsage(funnels, origin, {
		prices: new Map(Object.entries(state.prices)),
		policy
	});
	const scheme = state.groupBy === 'poverty' ? usageScheme(state.scheme) : state.groupBy;
	const grains = (id: string) =>
		view.products.filter((p) => id === view.pooled?.product_id || p.product_id === id);
	return funnels.flatMap((f) => {
		const cells = disclosed.funnels.get(f.product_id)!;
		const rows = [...f.groups, ...(f.unknown ? [f.unknown] : []), f.overall];
		const common = (row: (typeof rows)[number]) => ({
			dataset: 'usage',
			period: String(schoolYear),
			product_id: f.product_id,
			scheme,
			group: row.poverty_group,
			level: USAGE_LEVEL,
			flags: row.flags.join(' '),
			item_missing_rate: null,
			mode: disclosed.mode
		});
		const rates = RATES.flatMap((rate) =>
			rows.map((row) => ({
				...common(row),
				metric: rate,
				n_eff: row.rates[rate].n_eff,
				method: row.rates[rate].ci_method ?? row.rates[rate].ci_missing ?? '',
				...disclosedFields(cells.cell(rate, row.poverty_group))
			}))
		);
		const logs = evaluatedFrom(grains(f.product_id).map((p) => p.grain)) !== 'aggregates';
		const notEvaluable = logs
			? rows.map((row) => ({
					...common(row),
					metric: 'not_evaluable_share',
					n_eff: null,
					method: '',
					...disclosedFields(cells.notEvaluable(row.poverty_group))
				}))
			: [];
		return [...rates, ...notEvaluable];
	});
}

import { PUBLIC_POLICY, discloseView } from '../disclosure/disclose-view.ts';
import { countedRateCell } from '../disclosure/result-cells.ts';
import type { CellInput, DataOrigin, DisclosurePolicy } from '../disclosure/view.ts';
import type { FunnelGroupRow } from '../metrics/usage/funnel-groups.ts';
import type { RateId } from '../metrics/usage/funnel-rates.ts';
import type { UsageFunnelByPoverty } from '../metrics/usage/usage-funnel-by-poverty.ts';
import { disclosedFields, type FigureRow } from './figure-row.ts';

/** The funnel rates every usage view and export publishes. */
export const PUBLISHED_RATES: readonly RateId[] = [
	'access_rate',
	'activation_rate',
	'regular_rate',
	'dosage_rate_access'
];

function groupsOf(product: UsageFunnelByPoverty['products'][number]): FunnelGroupRow[] {
	return [...product.groups, ...(product.unknown ? [product.unknown] : []), product.overall];
}

/**
 * The published rows of a usage-funnel result: each product's rates per poverty group and for
 * all students, through the one disclosure function. The groups of a product and rate form a
 * displayed partition whose total is the all-students cell, so complementary suppression
 * protects any hidden group.
 */
export function usageFigures(
	result: UsageFunnelByPoverty,
	origin: DataOrigin,
	policy: DisclosurePolicy = PUBLIC_POLICY
): FigureRow[] {
	const entries = result.products.flatMap((product) =>
		PUBLISHED_RATES.flatMap((rateId) => groupsOf(product).map((row) => ({ product, rateId, row })))
	);
	const cells: CellInput[] = entries.map(({ product, rateId, row }, i) => {
		const partition = `${product.product_id}:${rateId}`;
		const isTotal = row === product.overall;
		return countedRateCell(
			String(i),
			{ product_id: product.product_id, rate: rateId, group: row.poverty_group },
			row.rates[rateId],
			isTotal ? { totalOf: [partition], allStudents: true } : { partOf: [partition] }
		);
	});
	const disclosed = discloseView({ records: 'student', origin, cells }, policy);
	return entries.map(({ product, rateId, row }, i) => ({
		dataset: 'usage',
		metric: rateId,
		period: String(result.school_year_start),
		product_id: product.product_id,
		scheme: result.scheme,
		group: row.poverty_group,
		level: result.level,
		n_eff: row.rates[rateId].n_eff,
		method: row.rates[rateId].ci_method ?? row.rates[rateId].ci_missing ?? '',
		flags: row.flags.join(' '),
		mode: disclosed.mode,
		...disclosedFields(disclosed.cells[i]!)
	}));
}

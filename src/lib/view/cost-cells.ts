import { fromInput, withheld, type DisplayValue } from '../disclosure/display-value.ts';
import type { CellInput, DerivedInput, DisclosedCell } from '../disclosure/view.ts';
import { ALL_PRODUCTS, costLens, type CostRow } from '../metrics/usage/cost-lens.ts';
import type { FunnelGroupRow } from '../metrics/usage/funnel-groups.ts';

/** The cost lens of one group after disclosure control. */
export interface DisclosedCost {
	readonly product_id: string;
	readonly group: string;
	readonly price: number | null;
	/** Share of licences never activated, `(L − A) / L`: a rate, coded like any other. */
	readonly never_activated_share: DisplayValue;
	/** `(L − A) × price`: a count times a price, so withheld whenever the count is. */
	readonly never_activated_spend: DisplayValue;
	/** `L × price`, withheld whenever L is not shown exactly. */
	readonly total_spend: DisplayValue;
	readonly cost_per_activated: DisplayValue;
	readonly cost_per_dosage_met: DisplayValue;
	/** `L / A`, licences bought per licence used: `1 / (1 − share)`, hidden with the share. */
	readonly cost_multiplier: DisplayValue;
}

const costId = (row: CostRow) => `cost|${row.product_id}|${row.poverty_group}`;

/** The products a cost row is built from: itself, or every priced product for the pooled row. */
function sourcesOf(row: CostRow, rows: readonly CostRow[]): string[] {
	if (row.product_id !== ALL_PRODUCTS) return [row.product_id];
	return [...new Set(rows.filter((r) => r.price_per_license !== null).map((r) => r.product_id))];
}

/**
 * The cost lens (`costLens`) of the given funnel rows as disclosure cells and derived figures.
 * Each group's cell counts never-activated licences over licences, in the same kind of displayed
 * partition as the funnel (the all-students row is its total); cost per activated student,
 * `cost_multiplier = L / A` and cost per student who met the rule are derived from it (the last
 * also from the funnel's dosage cells, `dosageCellId`), so they are hidden whenever those are.
 */
export function costCells(
	rows: readonly FunnelGroupRow[],
	prices: ReadonlyMap<string, number>,
	dosageCellId: (productId: string, group: string) => string
): { costs: CostRow[]; cells: CellInput[]; derived: DerivedInput[] } {
	const costs = costLens(rows, prices);
	const cells = costs.map((row): CellInput => {
		const partition = `cost:${row.product_id}`;
		const never = row.activated_n === null ? null : row.licensed_n - row.activated_n;
		const isTotal = row.poverty_group === 'all';
		return {
			id: costId(row),
			keys: { product_id: row.product_id, group: row.poverty_group, figure: 'never_activated' },
			numerator: never,
			denominator: row.licensed_n,
			...(isTotal ? { totalOf: [partition], allStudents: true } : { partOf: [partition] })
		};
	});
	const derived = costs.flatMap((row): DerivedInput[] => {
		const dosage = sourcesOf(row, costs).map((p) => dosageCellId(p, row.poverty_group));
		return [
			{ id: `${costId(row)}|per_activated`, value: row.cost_per_activated, from: [costId(row)] },
			{ id: `${costId(row)}|multiplier`, value: row.cost_multiplier, from: [costId(row)] },
			{
				id: `${costId(row)}|per_dosage_met`,
				value: row.cost_per_dosage_met,
				from: [costId(row), ...dosage]
			}
		];
	});
	return { costs, cells, derived };
}

/** An amount built from a count: shown only when the count itself is shown exactly. */
function gate(count: DisplayValue, amount: number | null): DisplayValue {
	if (count.status === 'shown' || count.status === 'true_zero') return fromInput(amount);
	return count.status === 'coarsened' ? withheld('counts_withheld') : count;
}

/** Reads the disclosed cost figures back, one per cost row. */
export function disclosedCosts(
	costs: readonly CostRow[],
	cells: ReadonlyMap<string, DisclosedCell>,
	derived: ReadonlyMap<string, DisplayValue>
): DisclosedCost[] {
	return costs.map((row) => {
		const cell = cells.get(costId(row))!;
		return {
			product_id: row.product_id,
			group: row.poverty_group,
			price: row.price_per_license,
			never_activated_share: cell.rate,
			never_activated_spend: gate(cell.numerator, row.never_activated_spend),
			total_spend: gate(cell.denominator, row.total_cost),
			cost_per_activated: derived.get(`${costId(row)}|per_activated`)!,
			cost_per_dosage_met: derived.get(`${costId(row)}|per_dosage_met`)!,
			cost_multiplier: derived.get(`${costId(row)}|multiplier`)!
		};
	});
}

import { isAbsence } from '#lib/components/missingness.ts';
import type { TableCell, TableData } from '#lib/components/table.ts';
import type { DisplayValue } from '#lib/disclosure/display-value.ts';
import { count } from '#lib/format/number.ts';
import { moneyLabel, rateLabel, valueOf } from '#lib/view/display.ts';
import type { FunnelModel, ProductModel } from '#lib/view/usage-model.ts';

function cell(v: DisplayValue, format: (v: DisplayValue) => string): TableCell {
	return isAbsence(v) && v.status !== 'true_zero' ? { absent: v, zeroText: format(v) } : format(v);
}

const countLabel = (v: DisplayValue) => {
	const n = valueOf(v);
	return n === null ? rateLabel(v) : count(n);
};

/**
 * The funnel table with one more row per group: the licensed students left not evaluable (too
 * few eligible weeks), whom the dosage rate leaves out of its numerator and denominator, with
 * the sentence as a note (for aggregates only the note: they have no such count).
 */
export function withNotEvaluable(table: TableData, funnel: FunnelModel): TableData {
	const rows = funnel.notEvaluable.map((r) => ({
		key: `not_evaluable|${r.group}`,
		header: 'Not evaluable (too few eligible weeks)',
		cells: {
			group: r.label,
			rate: cell(r.share, rateLabel),
			ci: 'no interval',
			numerator: cell(r.count, countLabel),
			denominator: cell(r.licensed, countLabel),
			of: 'licensed students'
		}
	}));
	return {
		...table,
		rows: [...table.rows, ...rows],
		notes: [...(table.notes ?? []), funnel.notEvaluableSentence]
	};
}

/** "2.5×" (at most two decimals), or why it is not shown. */
const multiplierLabel = (v: DisplayValue) => {
	const x = valueOf(v);
	return x === null ? rateLabel(v) : `${Number(x.toFixed(2))}×`;
};

/** The cost lens of one priced product by group, every figure as disclosure control allows. */
export function costTable(product: ProductModel, groupLabel: (group: string) => string): TableData {
	return {
		caption: `What ${product.name} costs per student reached, at $${product.costs[0]?.price ?? ''} per licence`,
		columns: [
			{ id: 'group', label: 'Group' },
			{ id: 'per_activated', label: 'Per student who activated', numeric: true },
			{ id: 'per_met', label: 'Per student who met the rule', numeric: true },
			{ id: 'multiplier', label: 'Licences bought per licence used (L / A)', numeric: true },
			{ id: 'never_share', label: 'Spend on never-activated licences', numeric: true },
			{ id: 'never_spend', label: 'Never-activated spend ($)', numeric: true },
			{ id: 'total', label: 'Total licence spend', numeric: true }
		],
		rows: product.costs.map((c) => ({
			key: c.group,
			header: groupLabel(c.group),
			cells: {
				per_activated: cell(c.cost_per_activated, moneyLabel),
				per_met: cell(c.cost_per_dosage_met, moneyLabel),
				multiplier: cell(c.cost_multiplier, multiplierLabel),
				never_share: cell(c.never_activated_share, rateLabel),
				never_spend: cell(c.never_activated_spend, moneyLabel),
				total: cell(c.total_spend, moneyLabel)
			}
		})),
		notes: [
			'Dollar totals are student counts times the price, so in public mode they are withheld like the counts; the shares and per-student costs are shown.',
			'Cost per student who met the rule divides all licence spend by the students who met it: the price of each student actually reached.',
			'Licences bought per licence used is licensed ÷ activated students: 2× means half the licences were never used.'
		]
	};
}

/**
 * Which districts the spread leaves out and why: "Not drawn, to protect privacy: 84 districts
 * shown only as “≤5%”, 37 as “≤10%” (small districts near 0% or 100%); 20 with fewer than 10
 * students. The medians describe the districts drawn."
 */
export function undrawnNote(
	coded: Readonly<Record<string, number>>,
	hidden: number
): string | null {
	const ranges = Object.entries(coded)
		.sort(([, a], [, b]) => b - a)
		.map(([label, n], i) => `${count(n)}${i === 0 ? ' districts shown only' : ''} as “${label}”`);
	const parts = [
		...(ranges.length ? [`${ranges.join(', ')} (small districts near 0% or 100%)`] : []),
		...(hidden ? [`${count(hidden)} with fewer than 10 students`] : [])
	];
	if (!parts.length) return null;
	return `Not drawn, to protect privacy: ${parts.join('; ')}. The medians describe the districts drawn.`;
}

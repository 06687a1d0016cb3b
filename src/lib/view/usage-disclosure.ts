import { discloseView, PUBLIC_POLICY } from '../disclosure/disclose-view.ts';
import type { DisplayValue } from '../disclosure/display-value.ts';
import { countedRateCell } from '../disclosure/result-cells.ts';
import type {
	CellInput,
	DataOrigin,
	DerivedInput,
	DisclosedCell,
	DisclosureMode,
	DisclosurePolicy
} from '../disclosure/view.ts';
import type { FunnelGroupRow } from '../metrics/usage/funnel-groups.ts';
import type { RateId } from '../metrics/usage/funnel-rates.ts';
import { costCells, disclosedCosts, type DisclosedCost } from './cost-cells.ts';
import { POOLED } from './view-tables.ts';
import type { GroupedFunnel } from './usage-view.ts';

/** The rates a usage view shows (the enrolled-base dosage rate feeds the representation index). */
export const VIEW_RATES = [
	'access_rate',
	'activation_rate',
	'regular_rate',
	'dosage_rate_access',
	'dosage_rate_enrolled'
] as const satisfies readonly RateId[];
export type ViewRate = (typeof VIEW_RATES)[number];

/** Figures built from several cells, hidden when any of them is. */
export const DERIVED_FIGURES = [
	'gap',
	'gap_lo',
	'gap_hi',
	'access_ratio',
	'conversion_ratio',
	'access_share'
] as const;
export type DerivedFigure = (typeof DERIVED_FIGURES)[number];

/** The disclosed figures of one grouped funnel (a product, or all products pooled). */
export interface DisclosedFunnel {
	readonly id: string;
	cell(rate: ViewRate, group: string): DisclosedCell;
	derived(figure: DerivedFigure): DisplayValue;
	/** Share of enrolment, share of dosage-meeters and the representation index of a group. */
	representation(group: string, part: 'base_share' | 'dosage_share' | 'index'): DisplayValue;
	/** Licensed students with too few eligible weeks to evaluate, out of licensed students. */
	notEvaluable(group: string): DisclosedCell;
}

const rowsOf = (f: GroupedFunnel): FunnelGroupRow[] => [
	...f.groups,
	...(f.unknown ? [f.unknown] : []),
	f.overall
];

const cellId = (funnel: string, rate: string, group: string) => `${funnel}|${rate}|${group}`;

const NOT_EVALUABLE = 'not_evaluable';

/** How a funnel relates to the others of the view: a product's, the pooled one, or alone. */
type Pooling = 'alone' | 'product' | 'pooled';

/**
 * A group's cells of one rate across the products form a displayed partition whose total is
 * the pooled cell: pooled counts are student–product pairs, the products' counts added up, so
 * without it a product's hidden cell is the pooled cell minus the other products'.
 */
const acrossProducts = (rate: string, group: string) => `products:${rate}:${group}`;

function funnelCells(f: GroupedFunnel, pooling: Pooling): CellInput[] {
	return VIEW_RATES.flatMap((rate) =>
		rowsOf(f).map((row) => {
			const partition = `${f.product_id}:${rate}`;
			const isTotal = row === f.overall;
			const across = pooling === 'alone' ? [] : [acrossProducts(rate, row.poverty_group)];
			return countedRateCell(
				cellId(f.product_id, rate, row.poverty_group),
				{ product_id: f.product_id, rate, group: row.poverty_group },
				row.rates[rate],
				{
					totalOf: [...(isTotal ? [partition] : []), ...(pooling === 'pooled' ? across : [])],
					partOf: [...(isTotal ? [] : [partition]), ...(pooling === 'product' ? across : [])],
					allStudents: isTotal,
					splitsBlock: f.splitGroups?.has(row.poverty_group) ?? false
				}
			);
		})
	);
}

/**
 * Each group's not-evaluable licensed students (`not_evaluable_n / licensed_n`, domain-spec §4.2
 * step 5) as a counted cell in its own displayed partition, the all-students row its total (and,
 * beside a pooled funnel, in the products' partition as the rates are), so the count they leave
 * out of "met dosage" is shown under the same rules as the funnel.
 */
function notEvaluableCells(f: GroupedFunnel, pooling: Pooling): CellInput[] {
	const partition = `${f.product_id}:${NOT_EVALUABLE}`;
	return rowsOf(f).map((row) => {
		const isTotal = row === f.overall;
		const across = pooling === 'alone' ? [] : [acrossProducts(NOT_EVALUABLE, row.poverty_group)];
		return {
			id: cellId(f.product_id, NOT_EVALUABLE, row.poverty_group),
			keys: { product_id: f.product_id, figure: NOT_EVALUABLE, group: row.poverty_group },
			numerator: row.not_evaluable_n,
			denominator: row.licensed_n,
			totalOf: [...(isTotal ? [partition] : []), ...(pooling === 'pooled' ? across : [])],
			partOf: [...(isTotal ? [] : [partition]), ...(pooling === 'product' ? across : [])],
			allStudents: isTotal,
			splitsBlock: f.splitGroups?.has(row.poverty_group) ?? false
		};
	});
}

function funnelDerived(f: GroupedFunnel): DerivedInput[] {
	const id = (name: string) => `${f.product_id}|${name}`;
	const out: DerivedInput[] = [];
	const h = f.headline;
	if (h) {
		const pair = (rate: ViewRate) => [
			cellId(f.product_id, rate, h.high_group),
			cellId(f.product_id, rate, h.low_group)
		];
		const gapFrom = pair('dosage_rate_access');
		const d = h.decomposition;
		const ratioFrom = [...pair('access_rate'), ...gapFrom];
		out.push(
			{ id: id('gap'), value: h.gap.estimate, from: gapFrom },
			{ id: id('gap_lo'), value: h.gap.lo, from: gapFrom },
			{ id: id('gap_hi'), value: h.gap.hi, from: gapFrom },
			{ id: id('access_ratio'), value: d?.access_ratio ?? null, from: ratioFrom },
			{ id: id('conversion_ratio'), value: d?.conversion_ratio ?? null, from: ratioFrom },
			{ id: id('access_share'), value: d?.access_share ?? null, from: ratioFrom }
		);
	}
	const groups = f.groups.map((g) => g.poverty_group);
	const enrolledFrom = groups.map((g) => cellId(f.product_id, 'access_rate', g));
	const metFrom = groups.map((g) => cellId(f.product_id, 'dosage_rate_enrolled', g));
	for (const row of f.representation) {
		const rep = (part: string) => id(`rep|${row.poverty_group}|${part}`);
		out.push(
			{ id: rep('base_share'), value: row.base_share, from: enrolledFrom },
			{ id: rep('dosage_share'), value: row.dosage_share, from: metFrom },
			{ id: rep('index'), value: row.representation_index, from: [...enrolledFrom, ...metFrom] }
		);
	}
	return out;
}

const NOT_APPLICABLE: DisplayValue = { status: 'not_applicable', reason: 'no_comparison' };

export interface DisclosedUsage {
	/** The mode the figures were published in (`research`: the page shows a banner). */
	readonly mode: DisclosureMode;
	readonly funnels: ReadonlyMap<string, DisclosedFunnel>;
	readonly costs: readonly DisclosedCost[];
}

function readFunnel(
	f: GroupedFunnel,
	cells: ReadonlyMap<string, DisclosedCell>,
	derived: ReadonlyMap<string, DisplayValue>
): DisclosedFunnel {
	return {
		id: f.product_id,
		cell: (rate, group) => {
			const cell = cells.get(cellId(f.product_id, rate, group));
			if (!cell) throw new Error(`no disclosed cell: ${f.product_id} ${rate} ${group}`);
			return cell;
		},
		derived: (figure) => derived.get(`${f.product_id}|${figure}`) ?? NOT_APPLICABLE,
		representation: (group, part) =>
			derived.get(`${f.product_id}|rep|${group}|${part}`) ?? NOT_APPLICABLE,
		notEvaluable: (group) => {
			const cell = cells.get(cellId(f.product_id, NOT_EVALUABLE, group));
			if (!cell) throw new Error(`no not-evaluable cell: ${f.product_id} ${group}`);
			return cell;
		}
	};
}

/**
 * The figures of a usage view through the one disclosure function, as a single view (so
 * complementary suppression sees every cell shown together): each funnel's rates per group,
 * for unknown poverty and for all students (the partition total), the not-evaluable share, each
 * pooled cell as the total of the products' cells of its figure and group, the figures built
 * from them (gap, decomposition, representation) and, for priced products, the cost lens; a
 * built figure is hidden when a source cell is. `products` are the funnels whose rows are priced.
 */
export function discloseUsage(
	funnels: readonly GroupedFunnel[],
	origin: DataOrigin,
	options: { prices?: ReadonlyMap<string, number>; policy?: DisclosurePolicy } = {}
): DisclosedUsage {
	const pooled = funnels.some((f) => f.product_id === POOLED);
	const poolingOf = (f: GroupedFunnel): Pooling =>
		!pooled ? 'alone' : f.product_id === POOLED ? 'pooled' : 'product';
	const priced = funnels.filter((f) => options.prices?.has(f.product_id));
	const cost = costCells(priced.flatMap(rowsOf), options.prices ?? new Map(), (product, group) =>
		cellId(product, 'dosage_rate_access', group)
	);
	const result = discloseView(
		{
			records: 'student',
			origin,
			cells: [
				...funnels.flatMap((f) => funnelCells(f, poolingOf(f))),
				...funnels.flatMap((f) => notEvaluableCells(f, poolingOf(f))),
				...cost.cells
			],
			derived: [...funnels.flatMap(funnelDerived), ...cost.derived]
		},
		options.policy ?? PUBLIC_POLICY
	);
	const cells = new Map(result.cells.map((c) => [c.id, c]));
	const derived = new Map(result.derived.map((d) => [d.id, d.value]));
	return {
		mode: result.mode,
		funnels: new Map(funnels.map((f) => [f.product_id, readFunnel(f, cells, derived)])),
		costs: disclosedCosts(cost.costs, cells, derived)
	};
}

import type { BriefModel } from '../brief/brief-model.ts';
import type { SqlQuery } from '../db/sql.ts';
import { ALL_PRODUCTS } from '../metrics/usage/cost-lens.ts';
import { sizeOf } from '../report/figure-row.ts';
import type { DisclosedCost } from '../view/cost-cells.ts';
import { FUNNEL_STAGES } from '../view/usage-model.ts';
import type { ViewState } from '../view/view-state.ts';
import type { ViewUnits } from '../view/view-units.ts';
import { briefScript } from './brief-script.ts';
import type { ChartTables } from './chart-export.ts';
import {
	disclosedCells,
	integerField,
	numberField,
	PROPORTION,
	proportionFields,
	statusFields,
	textField
} from './disclosed.ts';
import type { ExportTable } from './table.ts';

/**
 * The brief's funnel table: one row per stage of the district's funnel (selected products
 * pooled, or the one product), its share after disclosure control in public mode (empty with
 * status and note when withheld or range-coded), its 95% interval (only for a share shown
 * exactly) and the size of its denominator as published (a band such as "100–299").
 */
export function briefFunnelTable(model: BriefModel): ExportTable {
	return {
		name: 'brief-funnel',
		title: `From licence to recommended use, ${model.name} (${model.scope})`,
		keys: ['stage'],
		fields: [
			textField('leaid', 'NCES district id (LEAID)'),
			integerField('school_year', 'School year, by its fall year'),
			textField(
				'scope',
				'Units counted: students, or student–product pairs when products are pooled'
			),
			textField('stage', 'Funnel stage (metric id, see docs/methodology.md)'),
			textField('stage_label', 'The stage as the brief names it'),
			textField('of', 'Whom the share is a share of'),
			...proportionFields('share', 'Share at this stage; empty when not shown exactly'),
			textField('n', 'Units in the share’s denominator, as a band in public mode'),
			...statusFields('share')
		],
		rows: FUNNEL_STAGES.map((stage) => {
			const cell = model.funnel.cells.find((c) => c.stage === stage.id && c.group === 'all')!;
			return {
				leaid: model.leaid,
				school_year: model.schoolYear,
				scope: model.scope,
				stage: stage.id,
				stage_label: stage.label,
				of: stage.of,
				...disclosedCells('share', cell.value),
				lo: cell.lo,
				hi: cell.hi,
				n: sizeOf(cell.n)
			};
		})
	};
}

/**
 * The brief's product table without costs: each product the district uses, its dosage rule and
 * the share of its students with access who met it, as disclosed, with its 95% interval.
 */
export function briefProductsTable(model: BriefModel): ExportTable {
	return {
		name: 'brief-products',
		title: `Products: recommended use, ${model.name}`,
		keys: ['product_id'],
		fields: [
			textField('leaid', 'NCES district id (LEAID)'),
			textField('product_id', 'Product id'),
			textField('product', 'Product name'),
			textField('rule', 'The product’s dosage rule, in words'),
			...proportionFields(
				'dosage_rate',
				'Share of students with access who met the dosage rule; empty when not shown exactly'
			),
			...statusFields('dosage_rate')
		],
		rows: model.products.map((p) => ({
			leaid: model.leaid,
			product_id: p.id,
			product: p.name,
			rule: p.rule,
			...disclosedCells('dosage_rate', p.dosage.value),
			lo: p.dosage.lo,
			hi: p.dosage.hi
		}))
	};
}

/** The cost figures the brief states (its table and cost sentences), with their units. */
const COST_FIGURES = [
	['cost_per_dosage_met', 'US dollars per student who met the dosage rule'],
	['never_activated_share', PROPORTION],
	['never_activated_spend', 'US dollars']
] as const satisfies readonly (readonly [keyof DisclosedCost, string])[];

/**
 * The brief's cost lens at the prices entered, long: for each priced product (and every priced
 * product together when several are priced), the cost per student who met the dosage rule,
 * the share of licences never activated and the spend on them, each as disclosed (a figure
 * built from a withheld count is empty with its reason). Empty when no price was entered.
 */
export function briefCostsTable(model: BriefModel): ExportTable {
	const costs = [
		...model.products.flatMap((p) => (p.cost ? [{ name: p.name, cost: p.cost }] : [])),
		...(model.allPricedCost
			? [{ name: 'All priced products together', cost: model.allPricedCost }]
			: [])
	];
	return {
		name: 'brief-costs',
		title: `Cost of recommended use at the prices entered, ${model.name}`,
		keys: ['product_id', 'figure'],
		fields: [
			textField('leaid', 'NCES district id (LEAID)'),
			textField('product_id', `Product id; "${ALL_PRODUCTS}" for every priced product together`),
			textField('product', 'Product name'),
			numberField('price', 'Price per licence entered (empty for products together)', 'US dollars'),
			textField('figure', 'cost_per_dosage_met, never_activated_share or never_activated_spend'),
			textField('unit', 'Unit of value'),
			numberField('value', 'The figure; empty when not shown exactly'),
			...statusFields('value')
		],
		rows: costs.flatMap(({ name, cost }) =>
			COST_FIGURES.map(([figure, unit]) => ({
				leaid: model.leaid,
				product_id: cost.product_id,
				product: name,
				price: cost.price,
				figure,
				unit,
				...disclosedCells('value', cost[figure])
			}))
		)
	};
}

/** Every table of a district's board brief, in the order the brief shows them. */
export function briefTables(model: BriefModel): ExportTable[] {
	return [briefFunnelTable(model), briefProductsTable(model), briefCostsTable(model)];
}

/**
 * The board brief's download: its tables, the district, school year and products (file name
 * and sidecar), the prices and usage source (sidecar), the SQL recorded when it was computed
 * (`sql` null when not recorded) and, given the usage units it was computed from, its
 * reproduce script (`briefScript`).
 */
export function briefChartTables(
	model: BriefModel,
	state: ViewState,
	sql: readonly SqlQuery[] | null,
	units: ViewUnits | null
): ChartTables {
	const reproduce = units ? briefScript(model.leaid, units, state) : null;
	return {
		view: 'board brief',
		tables: briefTables(model),
		filters: [
			{ name: 'district', values: [model.leaid] },
			{ name: 'year', values: [model.schoolYear] },
			{ name: 'product', values: state.products }
		],
		settings: { prices: state.prices, usage_source: state.source, rules: state.rules },
		filterNote:
			'A brief is for the first picked district: the view’s district filters do not apply, and its peers are the 20 nearest by default (domain-spec §7.2).',
		sql: sql ?? [],
		sqlNote:
			(sql
				? 'The SQL this page ran to compute the brief (district, peer search, statistics), in order; it reads the usage tables the dashboard built for the view. Disclosure control (public mode), intervals and cost figures are computed by the app’s code (src/lib/brief/brief-model.ts), documented in docs/methodology.md.'
				: 'Not recorded for this brief.') +
			(reproduce
				? ' reproduce.sql rebuilds the funnel shares, dosage rates and cost figures (prices written in as literals) from the canonical CSVs included.'
				: ''),
		reproduce
	};
}

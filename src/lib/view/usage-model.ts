import type { DisplayValue } from '../disclosure/display-value.ts';
import type { FilterDecision } from '../disclosure/release-guard.ts';
import type { DisclosureMode } from '../disclosure/view.ts';
import { describeDosageRule, formatDosageRule } from '../dosage/rule.ts';
import type { RuleSource } from '../metrics/usage/resolve-rules.ts';
import type { DataCatalog } from './catalog.ts';
import type { DisclosedCost } from './cost-cells.ts';
import type { DistrictSpread } from './district-rates.ts';
import { valueOf } from './display.ts';
import { groupingLabel, type GroupSpec } from './groups.ts';
import {
	decompositionSentence,
	dosageSentence,
	gapSentence,
	notEvaluableSentence,
	type Compared,
	type EvaluatedFrom,
	type GapFigure,
	type NotEvaluableFigure
} from './sentences.ts';
import type { DisclosedFunnel, DisclosedUsage, ViewRate } from './usage-disclosure.ts';
import type { GroupedFunnel, UsageView } from './usage-view.ts';
import type { ViewState } from './view-state.ts';
import type { ViewUnits } from './view-units.ts';

/** The stages of the funnel chart, each with the students its rate is a share of. */
export const FUNNEL_STAGES = [
	{ id: 'access_rate', label: 'Given access (licensed)', of: 'enrolled students' },
	{ id: 'activation_rate', label: 'Activated an account', of: 'licensed students' },
	{ id: 'regular_rate', label: 'Used it regularly', of: 'licensed students' },
	{
		id: 'dosage_rate_access',
		label: 'Met the recommended dosage',
		of: 'licensed students with enough eligible weeks'
	}
] as const satisfies readonly { id: ViewRate; label: string; of: string }[];

export interface FunnelCellModel extends Compared {
	readonly stage: ViewRate;
	readonly group: string;
	/** Students in the rate's denominator, as a size band in public mode. */
	readonly n: DisplayValue;
}

export interface NotEvaluableModel extends NotEvaluableFigure {
	readonly group: string;
}

export interface FunnelModel {
	readonly id: string;
	readonly label: string;
	/** The view's groups, then unknown (when any unit has no group), then everyone. */
	readonly rows: readonly GroupSpec[];
	readonly cells: readonly FunnelCellModel[];
	/** Where the products were evaluated; aggregates have no not-evaluable count. */
	readonly evaluatedFrom: EvaluatedFrom;
	/** Per row, the licensed students left out of the dosage rate (empty for aggregates only). */
	readonly notEvaluable: readonly NotEvaluableModel[];
	/** `notEvaluable` in words, for the chart summary and the method note. */
	readonly notEvaluableSentence: string;
}

export interface HeadlineModel {
	readonly low: Compared;
	readonly high: Compared;
	readonly gap: GapFigure;
	readonly accessRatio: DisplayValue;
	readonly conversionRatio: DisplayValue;
	readonly accessShare: DisplayValue;
	readonly sentence: string;
	readonly decomposition: string | null;
}

export interface RepresentationModel {
	readonly group: string;
	readonly label: string;
	readonly base_share: DisplayValue;
	readonly dosage_share: DisplayValue;
	readonly index: DisplayValue;
}

export interface ProductModel {
	readonly id: string;
	readonly name: string;
	readonly grain: 'student_week' | 'aggregate';
	readonly rule: {
		description: string;
		json: string | null;
		source: RuleSource;
		sourceKeys: string[];
	};
	readonly funnel: FunnelModel;
	readonly headline: HeadlineModel | null;
	readonly representation: readonly RepresentationModel[];
	readonly costs: readonly DisclosedCost[];
	readonly spread: DistrictSpread | null;
}

export interface UsageModel {
	/** The disclosure mode the figures were published in (`research`: the page shows a banner). */
	readonly mode: DisclosureMode;
	readonly schoolYear: number;
	readonly source: ViewUnits['source'];
	readonly window: ViewUnits['window'];
	readonly groupingLabel: string;
	readonly release: FilterDecision;
	/** Every selected product pooled, or the one selected product. */
	readonly overall: FunnelModel | null;
	readonly overallHeadline: HeadlineModel | null;
	readonly dosageSentence: string;
	readonly products: readonly ProductModel[];
}

const rowsOf = (f: GroupedFunnel, groups: readonly GroupSpec[]): GroupSpec[] => [
	...groups,
	...(f.unknown
		? [{ group: 'unknown', label: 'Students whose group is unknown', short: '?' }]
		: []),
	{ group: 'all', label: 'All students', short: 'All' }
];

function compared(d: DisclosedFunnel, rate: ViewRate, spec: GroupSpec): Compared {
	const cell = d.cell(rate, spec.group);
	const shown = valueOf(cell.rate) !== null;
	return {
		label: spec.label,
		value: cell.rate,
		lo: shown ? valueOf(cell.values.lo!) : null,
		hi: shown ? valueOf(cell.values.hi!) : null
	};
}

/** Where products of these grains were evaluated. */
export function evaluatedFrom(grains: readonly ('student_week' | 'aggregate')[]): EvaluatedFrom {
	const logs = grains.filter((g) => g === 'student_week').length;
	return logs === 0 ? 'aggregates' : logs === grains.length ? 'logs' : 'mixed';
}

/**
 * A grouped funnel as the chart and its table show it: each stage's disclosed rate per row and,
 * unless every product came from aggregates (`from`), each row's not-evaluable share.
 */
export function funnelModel(
	f: GroupedFunnel,
	d: DisclosedFunnel,
	groups: readonly GroupSpec[],
	label: string,
	from: EvaluatedFrom = 'aggregates'
): FunnelModel {
	const rows = rowsOf(f, groups);
	const cells = FUNNEL_STAGES.flatMap((stage) =>
		rows.map((spec) => ({
			...compared(d, stage.id, spec),
			stage: stage.id,
			group: spec.group,
			n: d.cell(stage.id, spec.group).denominator
		}))
	);
	const notEvaluable =
		from === 'aggregates'
			? []
			: rows.map((spec) => {
					const cell = d.notEvaluable(spec.group);
					return {
						group: spec.group,
						label: spec.label,
						share: cell.rate,
						count: cell.numerator,
						licensed: cell.denominator
					};
				});
	return {
		id: f.product_id,
		label,
		rows,
		cells,
		evaluatedFrom: from,
		notEvaluable,
		notEvaluableSentence: notEvaluableSentence(notEvaluable, from)
	};
}

function headlineModel(
	f: GroupedFunnel,
	d: DisclosedFunnel,
	groups: readonly GroupSpec[]
): HeadlineModel | null {
	const h = f.headline;
	if (!h) return null;
	const spec = (g: string) => groups.find((s) => s.group === g) ?? { group: g, label: g, short: g };
	const [low, high] = [
		compared(d, 'dosage_rate_access', spec(h.low_group)),
		compared(d, 'dosage_rate_access', spec(h.high_group))
	];
	const gap = { estimate: d.derived('gap'), lo: d.derived('gap_lo'), hi: d.derived('gap_hi') };
	const accessShare = d.derived('access_share');
	return {
		low,
		high,
		gap,
		accessRatio: d.derived('access_ratio'),
		conversionRatio: d.derived('conversion_ratio'),
		accessShare,
		sentence: gapSentence(high, low, gap, 'met the dosage'),
		decomposition: decompositionSentence(accessShare, high.label, low.label)
	};
}

function representationModel(
	f: GroupedFunnel,
	d: DisclosedFunnel,
	groups: readonly GroupSpec[]
): RepresentationModel[] {
	return f.representation.map((r) => ({
		group: r.poverty_group,
		label: groups.find((g) => g.group === r.poverty_group)?.label ?? r.poverty_group,
		base_share: d.representation(r.poverty_group, 'base_share'),
		dosage_share: d.representation(r.poverty_group, 'dosage_share'),
		index: d.representation(r.poverty_group, 'index')
	}));
}

/**
 * The usage page's figures as plain data (serialisable, so the build can prerender them): each
 * selected product's funnel, headline gap, decomposition, representation and costs, all of them
 * pooled, and the sentences, every figure as `discloseUsage` published it.
 */
export function usageModel(
	view: UsageView,
	disclosed: DisclosedUsage,
	units: ViewUnits,
	catalog: DataCatalog,
	state: ViewState,
	spreads: readonly DistrictSpread[] = []
): UsageModel {
	const name = (id: string) => catalog.products.find((p) => p.id === id)?.name ?? id;
	const products = view.products.map((p): ProductModel => {
		const d = disclosed.funnels.get(p.product_id)!;
		return {
			id: p.product_id,
			name: name(p.product_id),
			grain: p.grain,
			rule: {
				description: p.rule.rule ? describeDosageRule(p.rule.rule) : 'no dosage rule',
				json: p.rule.rule ? formatDosageRule(p.rule.rule) : null,
				source: p.rule.source,
				sourceKeys: p.rule.source_keys
			},
			funnel: funnelModel(p, d, view.groups, name(p.product_id), evaluatedFrom([p.grain])),
			headline: headlineModel(p, d, view.groups),
			representation: representationModel(p, d, view.groups),
			costs: disclosed.costs.filter((c) => c.product_id === p.product_id),
			spread: spreads.find((s) => s.product_id === p.product_id) ?? null
		};
	});
	const overallFunnel = view.pooled ?? view.products[0] ?? null;
	const overallDisclosed = overallFunnel ? disclosed.funnels.get(overallFunnel.product_id)! : null;
	const overallLabel = view.pooled ? 'All selected products' : (products[0]?.name ?? '');
	const overall =
		overallFunnel && overallDisclosed
			? funnelModel(
					overallFunnel,
					overallDisclosed,
					view.groups,
					overallLabel,
					evaluatedFrom(view.products.map((p) => p.grain))
				)
			: null;
	const all = overall?.cells.find((c) => c.stage === 'dosage_rate_access' && c.group === 'all');
	return {
		mode: disclosed.mode,
		schoolYear: units.schoolYear,
		source: units.source,
		window: units.window,
		groupingLabel: groupingLabel(state),
		release: view.release,
		overall,
		overallHeadline:
			overallFunnel && overallDisclosed
				? headlineModel(overallFunnel, overallDisclosed, view.groups)
				: null,
		dosageSentence: all
			? dosageSentence(all, view.pooled ? 'student–product pairs' : 'students')
			: 'No product is selected.',
		products
	};
}

import { discloseView, PUBLIC_POLICY } from '../disclosure/disclose-view.ts';
import type { DisplayValue } from '../disclosure/display-value.ts';
import { surveyEstimateCell } from '../disclosure/result-cells.ts';
import type { DataOrigin, DisclosureMode, DisclosurePolicy } from '../disclosure/view.ts';
import type { GroupEstimateRow } from '../metrics/survey/estimate-rows.ts';
import type { Reliability } from '../stats/reliability.ts';
import { valueOf } from './display.ts';

/** One group's training rate after disclosure control, as charts and tables draw it. */
export interface TrainingRow {
	readonly group: string;
	readonly label: string;
	readonly value: DisplayValue;
	/** 95% interval; null whenever the estimate is not shown exactly. */
	readonly lo: number | null;
	readonly hi: number | null;
	readonly reliability: Reliability;
	readonly n_unweighted: number;
	readonly n_eff: number | null;
	/** Weighted share of the group's respondents who skipped or said "don't know" (excluded). */
	readonly item_missing_rate: number | null;
}

type Interval = { estimate: number; lo: number; hi: number };

/** The high-vs-low contrast of a survey result and the groups it compares (`GapResult`). */
export interface SurveyGap {
	readonly low: string;
	readonly high: string;
	readonly difference: Interval | null;
	readonly ratio?: Interval | null;
	readonly odds_ratio?: Interval | null;
}

/** A derived figure with its interval bounds, after disclosure. */
export interface DisclosedInterval {
	readonly estimate: DisplayValue;
	readonly lo: DisplayValue;
	readonly hi: DisplayValue;
}

/**
 * The gap in points (low minus high) after disclosure, with its interval bounds; the rate ratio
 * (high/low); the odds ratio in research mode only (null in public mode, §3.3); and the gap's
 * reliability, the worse of its two groups' flags (§5.5).
 */
export interface DisclosedGap extends DisclosedInterval {
	readonly ratio: DisclosedInterval;
	readonly oddsRatio: DisclosedInterval | null;
	readonly reliability: Reliability;
}

const RELIABILITY_RANK: readonly Reliability[] = ['ok', 'caution', 'unreliable'];

/** The worse of several reliability flags ("‡" over "!" over none). */
export function worstReliability(flags: readonly Reliability[]): Reliability {
	return RELIABILITY_RANK[Math.max(0, ...flags.map((f) => RELIABILITY_RANK.indexOf(f)))]!;
}

const GAP_FIGURES = ['difference', 'ratio', 'odds_ratio'] as const;

const NO_GAP: DisplayValue = { status: 'not_applicable', reason: 'no_comparison' };

const SURVEY_LABELS: Readonly<Record<string, string>> = {
	low: 'Low-poverty districts',
	middle: 'Middle-poverty districts',
	high: 'High-poverty districts',
	urban: 'Urban districts',
	suburban: 'Suburban districts',
	rural: 'Rural districts',
	unknown: 'Poverty level unknown',
	all: 'All districts'
};

/** "High-poverty districts", "Q4 (highest poverty) districts". */
export function surveyGroupLabel(group: string, levels: readonly string[]): string {
	if (SURVEY_LABELS[group]) return SURVEY_LABELS[group];
	if (group === levels[0]) return `${group} districts (lowest poverty)`;
	if (group === levels.at(-1)) return `${group} districts (highest poverty)`;
	return `${group} districts`;
}

/**
 * Survey estimates through the one disclosure function (survey cells: the reliability rule, §5.5,
 * not privacy rules): a "‡" estimate is withheld with its reason and loses its interval; an
 * empty group is missing. Rows keep the given order.
 */
export function discloseTraining(
	rows: readonly GroupEstimateRow[],
	levels: readonly string[],
	origin: DataOrigin,
	gap: SurveyGap | null = null,
	policy: DisclosurePolicy = PUBLIC_POLICY
): { rows: TrainingRow[]; gap: DisclosedGap; mode: DisclosureMode } {
	const sources = gap
		? [gap.low, gap.high].map((g) => String(rows.findIndex((r) => r.group === g)))
		: [];
	const derivable = gap !== null && sources.every((id) => id !== '-1');
	const result = discloseView(
		{
			records: 'survey',
			origin,
			cells: rows.map((row, i) => surveyEstimateCell(String(i), { group: row.group }, row)),
			derived: derivable
				? GAP_FIGURES.flatMap((figure) =>
						(['estimate', 'lo', 'hi'] as const).map((k) => ({
							id: `${figure}.${k}`,
							value: gap[figure]?.[k] ?? null,
							from: sources
						}))
					)
				: []
		},
		policy
	);
	const derived = (id: string): DisplayValue =>
		result.derived.find((d) => d.id === id)?.value ?? NO_GAP;
	const figure = (name: (typeof GAP_FIGURES)[number]): DisclosedInterval => ({
		estimate: derived(`${name}.estimate`),
		lo: derived(`${name}.lo`),
		hi: derived(`${name}.hi`)
	});
	const compared = gap ? rows.filter((r) => r.group === gap.low || r.group === gap.high) : [];
	const disclosed = rows.map((row, i) => {
		const cell = result.cells[i]!;
		const value: DisplayValue = row.flags.includes('no_data')
			? { status: 'missing', reason: 'no_data' }
			: cell.rate;
		return {
			group: row.group,
			label: surveyGroupLabel(row.group, levels),
			value,
			lo: valueOf(value) === null ? null : valueOf(cell.values.lo!),
			hi: valueOf(value) === null ? null : valueOf(cell.values.hi!),
			reliability: row.reliability,
			n_unweighted: row.n_unweighted,
			n_eff: row.n_eff,
			item_missing_rate: row.item_missing_rate
		};
	});
	return {
		rows: disclosed,
		gap: {
			...figure('difference'),
			ratio: figure('ratio'),
			oddsRatio: result.mode === 'research' ? figure('odds_ratio') : null,
			reliability: worstReliability(compared.map((r) => r.reliability))
		},
		mode: result.mode
	};
}

import { discloseView, PUBLIC_POLICY } from '../disclosure/disclose-view.ts';
import type { DisplayValue } from '../disclosure/display-value.ts';
import { surveyEstimateCell } from '../disclosure/result-cells.ts';
import type { DataOrigin, DisclosureMode, DisclosurePolicy } from '../disclosure/view.ts';
import type { WaveChangeResult, WaveChangeRow } from '../metrics/survey/training-change.ts';
import type { EstimateInterval } from '../stats/proportion.ts';
import { PUBLISHED_FIGURES } from '../metrics/survey/published.ts';
import {
	headlineLevels,
	povertyScheme,
	RAND_GROUPS_LABEL,
	UNKNOWN_POVERTY
} from '../poverty/schemes.ts';
import type { TrainingByPovertyResult } from '../metrics/survey/training-by-poverty.ts';
import { count, percent } from '../format/number.ts';
import type { DataCatalog } from './catalog.ts';
import { povertyLevelLabel } from './groups.ts';
import type { CompositionRow } from './sample-composition-sql.ts';
import { gapSentence } from './sentences.ts';
import type { SurveyBundle } from './survey-view.ts';
import {
	discloseTraining,
	surveyGroupLabel,
	type DisclosedGap,
	type TrainingRow
} from './training-rows.ts';
import { usageScheme, type ViewState } from './view-state.ts';

export interface ChangeRow {
	readonly group: string;
	readonly label: string;
	readonly from: TrainingRow;
	readonly to: TrainingRow;
	/** `to − from` in points, withheld when either wave's estimate is. */
	readonly change: DisplayValue;
	readonly lo: DisplayValue;
	readonly hi: DisplayValue;
}

export interface TrainingModel {
	readonly surveyId: string;
	/** The disclosure mode the figures were published in (`research`: the page shows a banner). */
	readonly mode: DisclosureMode;
	readonly wave: string;
	readonly weighting: ViewState['weighting'];
	readonly groupBy: 'poverty' | 'locale';
	readonly schemeLabel: string;
	readonly schemeCaveat: string;
	readonly rows: readonly TrainingRow[];
	readonly overall: TrainingRow;
	readonly gap: DisclosedGap;
	/** Labels of the two groups the gap compares; null when there is no gap (locale grouping). */
	readonly gapGroups: { readonly low: string; readonly high: string } | null;
	readonly sentence: string | null;
	/** Published figures marked on the survey's own levels (district-weighted, same wave only). */
	readonly references: readonly { group: string; value: number }[];
	readonly referenceLabel: string;
	readonly change: {
		readonly from: string;
		readonly to: string;
		/** Waves linked by `panel_id` with a design: the interval is Δ ± z·SE of the difference. */
		readonly linked: boolean;
		readonly assumesIndependence: boolean;
		readonly rows: readonly ChangeRow[];
	} | null;
	/** The text beside the "CEP-affected" badge of an FRPL scheme (§2.3); null when none has it. */
	readonly cepBadge: string | null;
	/** Answered respondents of unknown poverty: in the overall, excluded from the gap (§2). */
	readonly excludedUnknown: number;
	readonly composition: readonly (CompositionRow & { label: string })[];
	readonly compositionScheme: string;
	readonly notes: readonly string[];
}

/**
 * The interval a change row shows: Newcombe for independent waves; for panel-linked waves (no
 * Newcombe) the design variance of the difference, Δ ± z·SE (`trainingChange`, §3.3).
 */
function changeInterval(r: WaveChangeRow): EstimateInterval | null {
	return r.change ?? r.change_design;
}

function changeModel(
	change: WaveChangeResult,
	levels: readonly string[],
	origin: DataOrigin,
	policy: DisclosurePolicy
) {
	const rows = [...change.groups, change.overall];
	const cells = rows.flatMap((r, i) => [
		surveyEstimateCell(`from${i}`, { group: r.group, wave: 'from' }, r.from),
		surveyEstimateCell(`to${i}`, { group: r.group, wave: 'to' }, r.to)
	]);
	const derived = rows.flatMap((r, i) =>
		(['estimate', 'lo', 'hi'] as const).map((k) => ({
			id: `${k}${i}`,
			value: changeInterval(r)?.[k] ?? null,
			from: [`from${i}`, `to${i}`]
		}))
	);
	const result = discloseView({ records: 'survey', origin, cells, derived }, policy);
	const value = (id: string) => result.derived.find((d) => d.id === id)!.value;
	const from = discloseTraining(
		rows.map((r) => r.from),
		levels,
		origin,
		null,
		policy
	).rows;
	const to = discloseTraining(
		rows.map((r) => r.to),
		levels,
		origin,
		null,
		policy
	).rows;
	return rows.map((r, i) => ({
		group: r.group,
		label: surveyGroupLabel(r.group === 'all' ? 'all' : r.group, levels),
		from: from[i]!,
		to: to[i]!,
		change: value(`estimate${i}`),
		lo: value(`lo${i}`),
		hi: value(`hi${i}`)
	}));
}

/** The three levels of RAND's own poverty variable, the only axis its marks may be drawn on. */
const RAND_LEVELS = ['low', 'middle', 'high'];

/**
 * RAND's published A1 figures as reference marks (domain-spec §2.1, §3.4): only on the survey's
 * own poverty variable (passthrough) when its known levels are exactly low/middle/high, only for
 * district-weighted A1 (RAND's unit and weighting) and only the same wave. Anything else (a
 * scheme the app classifies, A1-S, another outcome, a 2- or 4-level survey) gets no marks.
 */
export function randReferences(
	t: TrainingByPovertyResult
): readonly { group: string; value: number }[] {
	const known = t.groups.map((g) => g.group).filter((g) => g !== UNKNOWN_POVERTY);
	const threeLevels =
		known.length === RAND_LEVELS.length && RAND_LEVELS.every((l) => known.includes(l));
	if (
		t.scheme !== 'survey' ||
		t.group_by !== 'poverty' ||
		t.weighting !== 'district' ||
		t.outcome !== 'trained' ||
		!threeLevels
	) {
		return [];
	}
	return PUBLISHED_FIGURES.filter(
		(f) =>
			f.metric === 'trained-teachers-ai' &&
			f.group_dim === 'poverty_level' &&
			f.population_unit === 'districts' &&
			f.weighting === 'district' &&
			f.survey_wave === t.wave
	).map((f) => ({ group: f.group_value, value: f.value }));
}

/** Display order of survey groups: the scheme's levels, else the survey's usual labels; all last. */
function groupRank(levels: readonly string[]): (group: string) => number {
	const order = levels.length ? levels : ['low', 'middle', 'high', 'urban', 'suburban', 'rural'];
	return (g) =>
		g === 'all' ? order.length + 1 : order.includes(g) ? order.indexOf(g) : order.length;
}

/**
 * "2 of 13 responding districts (24% of their enrollment) serve…" under an FRPL scheme
 * when any responding district is CEP-flagged or suspected (domain-spec §2.3); else null.
 */
export function cepBadge(t: TrainingByPovertyResult): string | null {
	if (!t.cep || t.cep.n_cep === 0) return null;
	const share =
		t.cep.enrollment_share === null
			? ''
			: ` (${percent(t.cep.enrollment_share)} of their enrollment)`;
	return `${count(t.cep.n_cep)} of ${count(t.cep.n_respondents)} responding districts${share} serve all students free meals under the Community Eligibility Provision, so their FRPL share overstates poverty and their level may be too high.`;
}

/** What each rate and the gap leave out: item non-response (weighted share) and unknown poverty. */
export function exclusionNotes(t: TrainingByPovertyResult): string[] {
	const notes: string[] = [];
	const missing = t.overall.item_missing_rate;
	if (missing !== null && missing > 0) {
		notes.push(
			`${percent(missing)} of responses (weighted) were “don't know” or skipped; they are left out of every rate, and each group's share is in the table.`
		);
	}
	const unknown = t.gap?.n_unknown_excluded ?? 0;
	if (unknown > 0) {
		notes.push(
			`${count(unknown)} responding ${unknown === 1 ? 'district' : 'districts'} of unknown poverty level ${unknown === 1 ? 'counts' : 'count'} in the overall rate but ${unknown === 1 ? 'is' : 'are'} excluded from the gap.`
		);
	}
	return notes;
}

/** Which filters a sample survey cannot apply, said once. */
export function surveyFilterNotes(state: ViewState): string[] {
	const notes: string[] = [];
	const cut = [
		state.states.length && 'state',
		state.locales.length && 'locale',
		state.sizes.length && 'enrollment size',
		state.levels.length && 'poverty level'
	].filter(Boolean);
	if (cut.length) {
		notes.push(
			`The ${cut.join(', ')} filter${cut.length > 1 ? 's are' : ' is'} not applied to the survey: cutting a weighted sample before estimating its variance would understate the uncertainty, so survey figures describe every district the survey represents.`
		);
	}
	if (state.products.length || state.year !== null) {
		notes.push('Product and school-year filters apply to usage figures only.');
	}
	return notes;
}

/** The AI-training figures of a view as plain data, every estimate through `discloseView`. */
export function trainingModel(
	catalog: DataCatalog,
	survey: SurveyBundle,
	state: ViewState,
	policy: DisclosurePolicy = PUBLIC_POLICY
): TrainingModel {
	const { origin } = catalog;
	const t = survey.training;
	const scheme = povertyScheme(t.scheme);
	const levels = t.group_by === 'poverty' ? scheme.levels : [];
	const { low, high } = headlineLevels(scheme);
	const all = [...t.groups, { ...t.overall, group: 'all' }];
	const { rows, gap, mode } = discloseTraining(
		all,
		levels,
		origin,
		{
			low,
			high,
			difference: t.gap?.difference ?? null,
			ratio: t.gap?.ratio ?? null,
			odds_ratio: t.gap?.odds_ratio ?? null
		},
		policy
	);
	const rank = groupRank(levels);
	const groups = rows.slice(0, -1).sort((a, b) => rank(a.group) - rank(b.group));
	const [lowRow, highRow] = [
		groups.find((r) => r.group === low),
		groups.find((r) => r.group === high)
	];
	const references = randReferences(t);
	const compositionScheme = povertyScheme(usageScheme(state.scheme));
	return {
		surveyId: t.survey_id,
		mode,
		wave: t.wave,
		weighting: t.weighting,
		groupBy: t.group_by === 'locale' ? 'locale' : 'poverty',
		schemeLabel: t.group_by === 'locale' ? "The survey's own locale" : t.scheme_label,
		schemeCaveat: t.group_by === 'locale' ? '' : t.scheme_caveat,
		rows: groups,
		overall: rows.at(-1)!,
		gap,
		gapGroups: t.gap
			? { low: surveyGroupLabel(low, levels), high: surveyGroupLabel(high, levels) }
			: null,
		sentence:
			lowRow && highRow && t.group_by === 'poverty'
				? gapSentence(highRow, lowRow, gap, 'trained')
				: null,
		references,
		referenceLabel: RAND_GROUPS_LABEL,
		change: survey.change
			? {
					from: survey.change.from_wave,
					to: survey.change.to_wave,
					linked: survey.change.linked && !survey.change.assumes_independence,
					assumesIndependence: survey.change.assumes_independence,
					rows: changeModel(survey.change, levels, origin, policy).sort(
						(a, b) => groupRank(levels)(a.group) - groupRank(levels)(b.group)
					)
				}
			: null,
		excludedUnknown: t.gap?.n_unknown_excluded ?? 0,
		cepBadge: cepBadge(t),
		composition: survey.composition.map((c) => ({
			...c,
			label:
				c.group === 'unknown'
					? 'Not matched / unknown'
					: povertyLevelLabel(c.group, compositionScheme.levels)
		})),
		compositionScheme: compositionScheme.label,
		notes: [
			...surveyFilterNotes(state),
			...(survey.groupingNote ? [survey.groupingNote] : []),
			...(t.unweighted
				? ['The survey has no weights: figures describe the respondents only.']
				: []),
			...exclusionNotes(t)
		]
	};
}

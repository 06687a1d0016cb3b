import type { Database } from '../../db/database.ts';
import {
	povertyCutpointsQuery,
	type PovertyCutpointRow,
	type QuartileBasis,
	type QuartileScope
} from '../../poverty/district-poverty.ts';
import {
	headlineLevels,
	povertyScheme,
	UNKNOWN_POVERTY,
	type PovertySchemeId
} from '../../poverty/schemes.ts';
import type { IntervalMethod } from '../../stats/domain-interval.ts';
import type { ReliabilityThresholds } from '../../stats/reliability.ts';
import type { GroupBy, Outcome, Weighting } from './analysis-rows.ts';
import { cepShareQuery, type CepShareRow } from './cep-share.ts';
import { estimateRow, type GroupEstimateRow } from './estimate-rows.ts';
import { fitGroups, type VarianceMethod } from './fit-groups.ts';
import { highLowGap, type GapResult } from './gap.ts';

export interface TrainingByPovertyOptions {
	surveyId: string;
	wave: string;
	/** Default `survey` (the survey's own levels, for reproducing a published figure, §2.5). */
	scheme?: PovertySchemeId;
	/** Default `district` (A1); `student` gives A1-S. */
	weighting?: Weighting;
	/** Default 0.95. */
	level?: number;
	/** Default `wilson`. */
	intervalMethod?: IntervalMethod;
	/** Default `trained` (A1); `planned` is A2, `projected` A3. */
	outcome?: Outcome;
	/** Default `poverty`. */
	groupBy?: GroupBy;
	basis?: QuartileBasis;
	scope?: QuartileScope;
	/** The survey's own labels of its bottom and top levels (default `low`, `high`). */
	passthroughLevels?: { low: string; high: string };
	/** Fay's ρ, required for Fay replicate weights. */
	fayRho?: number | null;
	reliability?: ReliabilityThresholds;
}

export interface TrainingByPovertyResult {
	survey_id: string;
	wave: string;
	outcome: Outcome;
	/** `projected` (A3) is a plan, not an observed rate. */
	projected: boolean;
	weighting: Weighting;
	group_by: GroupBy;
	scheme: PovertySchemeId;
	scheme_label: string;
	scheme_caveat: string;
	variance_method: VarianceMethod;
	unweighted: boolean;
	groups: GroupEstimateRow[];
	overall: GroupEstimateRow;
	/** High-vs-low contrast (poverty grouping only). */
	gap: GapResult | null;
	/** Under an FRPL scheme, the responding districts with the "CEP-affected" badge; else null. */
	cep: CepShareRow | null;
	/** Quantile cutpoints of the scheme for the survey's school years, stored with the result. */
	cutpoints: PovertyCutpointRow[];
}

function groupOrder(
	levels: readonly string[]
): (a: GroupEstimateRow, b: GroupEstimateRow) => number {
	const rank = (g: string) => {
		if (g === UNKNOWN_POVERTY) return Number.MAX_SAFE_INTEGER;
		const i = levels.indexOf(g);
		return i === -1 ? levels.length : i;
	};
	return (a, b) => rank(a.group) - rank(b.group) || a.group.localeCompare(b.group);
}

/**
 * AI-training rates by poverty level for one survey wave (domain-spec §3): per-group and
 * overall design-based estimates with intervals, reliability flags and item non-response, and
 * the high-vs-low gap. Unknown poverty stays in the overall and is excluded from the gap.
 */
export async function trainingByPoverty(
	db: Database,
	options: TrainingByPovertyOptions
): Promise<TrainingByPovertyResult> {
	const scheme = povertyScheme(options.scheme ?? 'survey');
	const settings = {
		level: options.level ?? 0.95,
		intervalMethod: options.intervalMethod ?? 'wilson',
		reliability: options.reliability
	};
	const analysis = {
		surveyId: options.surveyId,
		wave: options.wave,
		outcome: options.outcome ?? 'trained',
		weighting: options.weighting ?? 'district',
		scheme: scheme.id,
		groupBy: options.groupBy ?? 'poverty',
		basis: options.basis,
		scope: options.scope
	};
	const survey = await fitGroups(db, analysis, {
		fayRho: options.fayRho ?? null,
		needDf: settings.intervalMethod === 'korn-graubard'
	});
	const levels = analysis.groupBy === 'poverty' ? scheme.levels : [];
	const groups = survey.groups
		.map((g) => estimateRow(survey, g, settings))
		.sort(groupOrder(levels));
	const gap =
		analysis.groupBy === 'poverty'
			? highLowGap(
					survey,
					groups,
					scheme,
					headlineLevels(scheme, options.passthroughLevels),
					UNKNOWN_POVERTY,
					settings.level
				)
			: null;
	const cutpoints =
		scheme.quantiles && scheme.id !== 'survey' && analysis.groupBy === 'poverty'
			? await db.query<PovertyCutpointRow>(
					povertyCutpointsQuery({
						scheme: scheme.id,
						basis: options.basis,
						scope: options.scope,
						schoolYearStart: survey.school_year_start
					})
				)
			: [];
	const [cep] =
		scheme.measure === 'frpl' && scheme.id !== 'survey' && analysis.groupBy === 'poverty'
			? await db.query<CepShareRow>(
					cepShareQuery({ surveyId: options.surveyId, wave: options.wave, scheme: scheme.id })
				)
			: [];
	return {
		survey_id: options.surveyId,
		wave: options.wave,
		outcome: analysis.outcome,
		projected: analysis.outcome === 'projected',
		weighting: analysis.weighting,
		group_by: analysis.groupBy,
		scheme: scheme.id,
		scheme_label: scheme.label,
		scheme_caveat: scheme.caveat,
		variance_method: survey.variance_method,
		unweighted: survey.unweighted,
		groups,
		overall: estimateRow(survey, survey.overall, settings),
		gap,
		cep: cep ?? null,
		cutpoints
	};
}

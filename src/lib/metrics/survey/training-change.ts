import type { Database } from '../../db/database.ts';
import { sql } from '../../db/sql.ts';
import { psuCounts, subtractTotals } from '../../stats/domain.ts';
import { newcombeDifference, zForLevel, type EstimateInterval } from '../../stats/proportion.ts';
import { replicateVariance } from '../../stats/replicate.ts';
import type { DomainFit } from '../../stats/survey-design.ts';
import { linearizedVariance } from '../../stats/taylor.ts';
import type { AnalysisOptions } from './analysis-rows.ts';
import { estimateRow, type GroupEstimateRow, type IntervalSettings } from './estimate-rows.ts';
import { povertyScheme, type PovertySchemeId } from '../../poverty/schemes.ts';
import { fitGroups, type GroupFit, type SurveyFit, type VarianceMethod } from './fit-groups.ts';

/**
 * Change of a survey rate between two waves, `Δ_t = p̂_to − p̂_from`, overall and per group
 * (domain-spec §3.3). Waves are independent samples unless a `panel_id` links respondents:
 * - independent: Var = Var_from + Var_to, and the Newcombe interval of the two waves' intervals;
 * - linked, strata/PSUs: linearised variance on the stacked waves as one design (PSU totals of
 *   `z_to − z_from`, `n_h` over both waves), as R's `svyby(~y, ~wave, stacked)` + `svycontrast`;
 * - linked, replicate weights (same method and count): `c Σ_r ((p̂_to,r − p̂_from,r) − Δ)²`,
 *   replicate r being the same half-sample in both waves;
 * - linked without a design: treated as independent and flagged `assumes_independence`.
 */
export interface WaveChangeRow {
	group: string;
	from: GroupEstimateRow;
	to: GroupEstimateRow;
	/** Newcombe interval (independent waves only; null when linked). */
	change: EstimateInterval | null;
	/** Δ ± z·SE with the variance above. */
	change_design: (EstimateInterval & { se: number }) | null;
}

export interface WaveChangeResult {
	from_wave: string;
	to_wave: string;
	/** The poverty scheme of the groups (the grouping when not by poverty). */
	scheme: PovertySchemeId;
	scheme_label: string;
	/** Confidence level of every interval. */
	level: number;
	/** Interval of the change shown: Newcombe (independent waves) or Δ ± z·SE (linked design). */
	interval_method: 'newcombe' | 'design';
	/** Variance of each wave's design (from, to). */
	variance_method: { from: VarianceMethod; to: VarianceMethod };
	linked: boolean;
	assumes_independence: boolean;
	overall: WaveChangeRow;
	groups: WaveChangeRow[];
}

async function panelLinked(db: Database, surveyId: string, from: string, to: string) {
	const [row] = await db.query<{ n: number }>(sql`SELECT count(*)::DOUBLE AS n
		FROM survey_responses a JOIN survey_responses b ON a.panel_id = b.panel_id
		WHERE a.survey_id = ${surveyId} AND b.survey_id = ${surveyId}
		AND a.survey_wave = ${from} AND b.survey_wave = ${to} AND nullif(a.panel_id, '') IS NOT NULL`);
	return (row?.n ?? 0) > 0;
}

function linkedVariance(from: SurveyFit, to: SurveyFit, a: DomainFit, b: DomainFit): number | null {
	const [dFrom, dTo] = [from.design, to.design];
	if (dFrom.kind === 'taylor' && dTo.kind === 'taylor') {
		const stacked = psuCounts([...from.psus, ...to.psus]);
		return linearizedVariance(subtractTotals(b.z, a.z), stacked);
	}
	if (
		dFrom.kind === 'replicate' &&
		dTo.kind === 'replicate' &&
		dFrom.method === dTo.method &&
		dFrom.replicates === dTo.replicates
	) {
		const diffs = b.replicateEstimates.map((e, r) => e - (a.replicateEstimates[r] ?? Number.NaN));
		return replicateVariance(b.estimate - a.estimate, diffs, dTo.scale);
	}
	return null;
}

export async function trainingChange(
	db: Database,
	options: Omit<AnalysisOptions, 'wave'> & {
		fromWave: string;
		toWave: string;
		fayRho?: number | null;
	},
	settings: IntervalSettings
): Promise<WaveChangeResult> {
	const fitSettings = {
		fayRho: options.fayRho ?? null,
		needDf: settings.intervalMethod === 'korn-graubard'
	};
	const from = await fitGroups(db, { ...options, wave: options.fromWave }, fitSettings);
	const to = await fitGroups(db, { ...options, wave: options.toWave }, fitSettings);
	const linked = await panelLinked(db, options.surveyId, options.fromWave, options.toWave);
	let assumesIndependence = false;

	const compare = (a: GroupFit, b: GroupFit): WaveChangeRow => {
		const rowFrom = estimateRow(from, a, settings);
		const rowTo = estimateRow(to, b, settings);
		const result: WaveChangeRow = {
			group: a.group,
			from: rowFrom,
			to: rowTo,
			change: null,
			change_design: null
		};
		if (!a.fit || !b.fit) return result;
		const estimate = b.fit.estimate - a.fit.estimate;
		let variance = linked ? linkedVariance(from, to, a.fit, b.fit) : null;
		if (variance === null) {
			assumesIndependence ||= linked;
			variance = a.fit.variance + b.fit.variance;
			if (rowFrom.lo !== null && rowFrom.hi !== null && rowTo.lo !== null && rowTo.hi !== null) {
				result.change = newcombeDifference(
					b.fit.estimate,
					{ lo: rowTo.lo, hi: rowTo.hi },
					a.fit.estimate,
					{ lo: rowFrom.lo, hi: rowFrom.hi }
				);
			}
		}
		if (Number.isFinite(variance)) {
			const se = Math.sqrt(variance);
			const half = zForLevel(settings.level) * se;
			result.change_design = { estimate, se, lo: estimate - half, hi: estimate + half };
		}
		return result;
	};

	const groups = from.groups.flatMap((a) => {
		const b = to.groups.find((g) => g.group === a.group);
		return b ? [compare(a, b)] : [];
	});
	const overall = compare(from.overall, to.overall);
	const scheme = povertyScheme(options.scheme);
	return {
		from_wave: options.fromWave,
		to_wave: options.toWave,
		scheme: scheme.id,
		scheme_label: scheme.label,
		level: settings.level,
		interval_method: linked && !assumesIndependence ? 'design' : 'newcombe',
		variance_method: { from: from.variance_method, to: to.variance_method },
		linked,
		assumes_independence: assumesIndependence,
		overall,
		groups
	};
}

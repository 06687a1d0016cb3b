import type { Database } from '../db/database.ts';
import { sql } from '../db/sql.ts';
import {
	kishEffectiveN,
	newcombeDifference,
	wilsonInterval,
	type EstimateInterval
} from '../stats/proportion.ts';

/** One headline figure: a proportion with its 95% interval (null when it cannot be computed). */
export interface Figure {
	readonly estimate: number | null;
	readonly lo: number | null;
	readonly hi: number | null;
}

/** The figures of the first page: the training gap and the 5 percent problem. */
export interface HeadlineFigures {
	readonly survey_wave: string;
	readonly training: readonly (Figure & { group: string; n_unweighted: number })[];
	readonly training_gap: Figure;
	readonly school_year_start: number;
	readonly dosage_share: Figure & { licensed: number };
}

const NO_FIGURE: Figure = { estimate: null, lo: null, hi: null };

function toFigure(e: EstimateInterval | null): Figure {
	return e ?? NO_FIGURE;
}

interface TrainingRow {
	group: string;
	trained_weight: number;
	answered_weight: number;
	weights: number[];
}

/**
 * Headline figures for the first page. Training: share of districts that had trained teachers on
 * AI (A1, domain-spec §3.1), district-weighted with survey weights, by the survey's own poverty
 * level, answered items only; interval Wilson with the Kish effective n (§5.2). Usage: share of
 * licensed students who met the dosage rule (D/L, §4.1), over district aggregates.
 */
export async function computeHeadline(
	db: Database,
	options: { surveyId: string; wave: string; schoolYear: number }
): Promise<HeadlineFigures> {
	const rows = await db.query<TrainingRow>(sql`
		SELECT poverty_level_source AS "group",
			sum(weight * trained_teachers_ai) AS trained_weight,
			sum(weight) AS answered_weight,
			list(weight) AS weights
		FROM survey_responses
		WHERE survey_id = ${options.surveyId} AND survey_wave = ${options.wave}
			AND item_response_status = 'answered' AND trained_teachers_ai IS NOT NULL
			AND poverty_level_source IN ('low', 'middle', 'high')
		GROUP BY ALL`);
	const training = ['low', 'middle', 'high'].map((group) => {
		const row = rows.find((r) => r.group === group);
		if (!row || row.answered_weight <= 0) return { group, n_unweighted: 0, ...NO_FIGURE };
		const p = row.trained_weight / row.answered_weight;
		const ci = wilsonInterval(p, kishEffectiveN(Array.from(row.weights)) ?? 0);
		return {
			group,
			n_unweighted: row.weights.length,
			estimate: p,
			lo: ci?.lo ?? null,
			hi: ci?.hi ?? null
		};
	});
	const [low, , high] = training;
	const gap =
		low?.estimate != null && high?.estimate != null && low.lo != null && high.lo != null
			? newcombeDifference(low.estimate, { lo: low.lo, hi: low.hi as number }, high.estimate, {
					lo: high.lo,
					hi: high.hi as number
				})
			: null;
	const [usage] = await db.query<{ licensed: number; met: number }>(sql`
		SELECT coalesce(sum(licensed_n), 0) AS licensed, coalesce(sum(dosage_met_n), 0) AS met
		FROM usage_aggregate
		WHERE unit_type = 'district' AND school_year_start = ${options.schoolYear}`);
	const licensed = usage?.licensed ?? 0;
	const share = licensed > 0 ? (usage?.met ?? 0) / licensed : null;
	const shareCi = share === null ? null : wilsonInterval(share, licensed);
	return {
		survey_wave: options.wave,
		training,
		training_gap: toFigure(gap),
		school_year_start: options.schoolYear,
		dosage_share: {
			licensed,
			estimate: share,
			lo: shareCi?.lo ?? null,
			hi: shareCi?.hi ?? null
		}
	};
}

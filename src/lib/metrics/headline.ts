import type { Database } from '../db/database.ts';
import { sql } from '../db/sql.ts';
import { wilsonInterval, type EstimateInterval } from '../stats/proportion.ts';
import { RELIABILITY_SYMBOL } from '../stats/reliability.ts';
import { trainingByPoverty } from './survey/training-by-poverty.ts';

/** One headline figure: a proportion with its 95% interval (null when it cannot be computed). */
export interface Figure {
	readonly estimate: number | null;
	readonly lo: number | null;
	readonly hi: number | null;
}

/** The figures of the first page: the training gap and the 5 percent problem. */
export interface HeadlineFigures {
	readonly survey_wave: string;
	/** Reliability symbol of domain-spec §5.5: '' ok, '!' interpret with caution, '‡' not met. */
	readonly training: readonly (Figure & {
		group: string;
		n_unweighted: number;
		reliability: string;
	})[];
	readonly training_gap: Figure;
	readonly school_year_start: number;
	readonly dosage_share: Figure & { licensed: number };
}

const NO_FIGURE: Figure = { estimate: null, lo: null, hi: null };

function toFigure(e: EstimateInterval | null): Figure {
	return e ?? NO_FIGURE;
}

/**
 * Headline figures for the first page. Training: share of districts that had trained teachers on
 * AI (A1, domain-spec §3.1), district-weighted with survey weights, by the survey's own poverty
 * level, with design-based intervals and reliability flags (`trainingByPoverty`). Usage: share of
 * licensed students who met the dosage rule (D/L, §4.1), over district aggregates.
 */
export async function computeHeadline(
	db: Database,
	options: { surveyId: string; wave: string; schoolYear: number }
): Promise<HeadlineFigures> {
	const training = await trainingByPoverty(db, { surveyId: options.surveyId, wave: options.wave });
	const levels = ['low', 'middle', 'high'];
	const groups = levels.map((level) => {
		const row = training.groups.find((g) => g.group === level);
		return {
			group: level,
			n_unweighted: row?.n_unweighted ?? 0,
			reliability: RELIABILITY_SYMBOL[row?.reliability ?? 'unreliable'],
			estimate: row?.estimate ?? null,
			lo: row?.lo ?? null,
			hi: row?.hi ?? null
		};
	});
	const [usage] = await db.query<{ licensed: number; met: number }>(sql`
		SELECT coalesce(sum(licensed_n), 0) AS licensed, coalesce(sum(dosage_met_n), 0) AS met
		FROM usage_aggregate
		WHERE unit_type = 'district' AND school_year_start = ${options.schoolYear}`);
	const licensed = usage?.licensed ?? 0;
	const share = licensed > 0 ? (usage?.met ?? 0) / licensed : null;
	const shareCi = share === null ? null : wilsonInterval(share, licensed);
	return {
		survey_wave: options.wave,
		training: groups,
		training_gap: toFigure(training.gap?.difference ?? null),
		school_year_start: options.schoolYear,
		dosage_share: {
			licensed,
			estimate: share,
			lo: shareCi?.lo ?? null,
			hi: shareCi?.hi ?? null
		}
	};
}

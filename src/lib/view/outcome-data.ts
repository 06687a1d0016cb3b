import type { Database } from '../db/database.ts';
import { sql } from '../db/sql.ts';
import { PEER_DEFAULTS } from '../peers/options.ts';
import { scoredUniverseSql } from '../peers/peer-sql.ts';
import type { PovertyMeasure } from '../poverty/schemes.ts';
import type { DistrictRateRow, TrainingAnswerRow } from './compare-data.ts';
import { districtRatesSql } from './district-rates.ts';
import { ensureViewBlocks, withBlocksSql } from './view-blocks.ts';
import { PUBLIC_POLICY } from '../disclosure/disclose-view.ts';
import type { ViewState } from './view-state.ts';

/** What the poverty-vs-outcome plot can show on its y axis. */
export type OutcomeKind = 'dosage' | 'training';

/** A district's national poverty percentile (0–100) under the active measure. */
export interface PercentileRow {
	readonly leaid: string;
	readonly lea_name: string | null;
	readonly state_abbr: string | null;
	readonly poverty_percentile: number;
}

export interface OutcomeData {
	readonly kind: OutcomeKind;
	readonly percentiles: readonly PercentileRow[];
	/** Dosage cells of the districts in the view (filters applied); empty for training. */
	readonly rates: readonly DistrictRateRow[];
	/** Training answers of the wave; empty for dosage. */
	readonly answers: readonly TrainingAnswerRow[];
}

/**
 * Every district's national poverty percentile: `100 · percent_rank()` of the measure over the
 * peer universe of §7.2 (one school year, enrollment > 0, a non-NULL measure, regular agency
 * types), the same percentile the peer search uses.
 */
export function percentilesSql(schoolYear: number, measure: PovertyMeasure) {
	const options = { ...PEER_DEFAULTS, leaid: '', schoolYearStart: schoolYear, measure };
	return sql`${scoredUniverseSql('locale_region', options)}
SELECT s.leaid, s.lea_name, d.state_abbr, s.poverty_percentile FROM scored s
JOIN districts d ON d.leaid = s.leaid AND d.school_year_start = ${schoolYear}`;
}

/**
 * Reads the plot's inputs: percentiles, and either the view's dosage cells for `product`
 * (`POOLED` or the single product shown, filters applied) or the wave's training answers.
 */
export async function outcomeData(
	db: Database,
	options: {
		kind: OutcomeKind;
		state: ViewState;
		districtYear: number;
		measure: PovertyMeasure;
		product: string | null;
		survey: { readonly id: string; readonly wave: string } | null;
	}
): Promise<OutcomeData> {
	const { kind, state, product, survey } = options;
	const percentiles = await db.query<PercentileRow>(
		percentilesSql(options.districtYear, options.measure)
	);
	if (kind === 'dosage' && product) await ensureViewBlocks(db, PUBLIC_POLICY);
	const rates =
		kind === 'dosage' && product
			? await db.query<DistrictRateRow>(
					sql`SELECT leaid, met, base, in_block
	FROM (${withBlocksSql(districtRatesSql(state, [product]), PUBLIC_POLICY)})`
				)
			: [];
	const answers =
		kind === 'training' && survey
			? await db.query<TrainingAnswerRow>(sql`SELECT leaid, trained_teachers_ai AS trained,
	item_response_status AS status FROM survey_responses
WHERE survey_id = ${survey.id} AND survey_wave = ${survey.wave} AND leaid IS NOT NULL
ORDER BY leaid, respondent_id`)
			: [];
	return { kind, percentiles, rates, answers };
}

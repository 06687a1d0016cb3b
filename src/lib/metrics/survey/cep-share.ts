import { sql, type SqlQuery } from '../../db/sql.ts';
import { districtPovertyQuery } from '../../poverty/district-poverty.ts';
import type { PovertySchemeId } from '../../poverty/schemes.ts';

/** How many responding districts carry the "CEP-affected" badge under an FRPL scheme (§2.3). */
export interface CepShareRow {
	/** Respondents of the wave (every row, answered or not). */
	n_respondents: number;
	/** Respondents whose district is CEP-flagged, or suspected when it has no flag. */
	n_cep: number;
	/** Their share of the respondents' enrollment (`enrollment_total` of the survey rows); NULL without any. */
	enrollment_share: number | null;
}

/**
 * CEP exposure of a survey wave under an FRPL scheme (domain-spec §2.3, [D]): respondents are
 * matched to `districts` by LEAID and school year; a district has the badge when `cep_flag` is
 * true or, without a flag, when free lunch ≥ 99.5% of enrollment. Unmatched respondents count in
 * `n_respondents` only. Unweighted: it describes the responding districts, not the population.
 */
export function cepShareQuery(options: {
	surveyId: string;
	wave: string;
	scheme: Exclude<PovertySchemeId, 'survey'>;
}): SqlQuery {
	return sql`WITH dp AS (${districtPovertyQuery({ scheme: options.scheme })})
	SELECT count(*)::DOUBLE AS n_respondents,
		count(*) FILTER (WHERE dp.cep_badge)::DOUBLE AS n_cep,
		sum(r.enrollment_total) FILTER (WHERE dp.cep_badge)::DOUBLE
			/ nullif(sum(r.enrollment_total), 0) AS enrollment_share
	FROM survey_responses r
	LEFT JOIN dp ON dp.leaid = r.leaid AND dp.school_year_start = r.school_year_start
	WHERE r.survey_id = ${options.surveyId} AND r.survey_wave = ${options.wave}`;
}

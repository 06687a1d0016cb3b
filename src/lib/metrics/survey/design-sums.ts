import { sql, type SqlQuery } from '../../db/sql.ts';
import { analysisRowsQuery, type AnalysisOptions } from './analysis-rows.ts';

/**
 * The sums SQL computes for survey estimates (TypeScript finishes the arithmetic): weighted
 * totals per stratum × PSU × group, replicate totals per group × replicate, and the design's
 * description. The analysis weight is `base_weight × multiplier` (survey weight × enrollment for
 * student weighting).
 */

/** What the survey wave provides, deciding the variance method (domain-spec §3.2). */
export interface DesignInfoRow {
	n_rows: number;
	n_weighted: number;
	n_stratum: number;
	n_psu: number;
	/** Distinct `repwt_method` values, comma-separated, or null. */
	repwt_methods: string | null;
	n_replicates: number;
	/** The wave's school year (the first, should a wave span two). */
	school_year_start: number | null;
}

export function designInfoQuery(surveyId: string, wave: string): SqlQuery {
	return sql`SELECT count(*)::DOUBLE AS n_rows, count(weight)::DOUBLE AS n_weighted,
		count(stratum)::DOUBLE AS n_stratum, count(psu)::DOUBLE AS n_psu,
		string_agg(DISTINCT repwt_method, ',' ORDER BY repwt_method) AS repwt_methods,
		min(school_year_start) AS school_year_start,
		(SELECT count(DISTINCT replicate) FROM survey_replicate_weights
			WHERE survey_id = ${surveyId} AND survey_wave = ${wave})::DOUBLE AS n_replicates
	FROM survey_responses WHERE survey_id = ${surveyId} AND survey_wave = ${wave}`;
}

/** Sums for one group within one PSU; answered rows in `n`…`sum_w2`, missing ones apart. */
export interface PsuGroupRow {
	stratum: string;
	psu: string;
	grp: string;
	n: number;
	sum_w: number;
	sum_wy: number;
	sum_w2: number;
	/** Survey-weighted (base weight) totals of all rows and of rows with the item missing. */
	sum_base_w: number;
	sum_base_w_missing: number;
	n_missing: number;
}

export function psuGroupSumsQuery(options: AnalysisOptions): SqlQuery {
	return sql`WITH a AS (SELECT *, base_weight * multiplier AS w FROM (${analysisRowsQuery(options)}))
	SELECT stratum, psu, grp,
		count(*) FILTER (WHERE y IS NOT NULL)::DOUBLE AS n,
		coalesce(sum(w) FILTER (WHERE y IS NOT NULL), 0) AS sum_w,
		coalesce(sum(w * y) FILTER (WHERE y IS NOT NULL), 0) AS sum_wy,
		coalesce(sum(w * w) FILTER (WHERE y IS NOT NULL), 0) AS sum_w2,
		sum(base_weight) AS sum_base_w,
		coalesce(sum(base_weight) FILTER (WHERE y IS NULL), 0) AS sum_base_w_missing,
		count(*) FILTER (WHERE y IS NULL)::DOUBLE AS n_missing
	FROM a GROUP BY stratum, psu, grp ORDER BY stratum, psu, grp`;
}

/** Replicate totals of one group: `Σ w_r·m` and `Σ w_r·m·y` over answered rows. */
export interface ReplicateGroupRow {
	grp: string;
	replicate: number;
	sum_w: number;
	sum_wy: number;
}

export function replicateGroupSumsQuery(options: AnalysisOptions): SqlQuery {
	return sql`WITH a AS (${analysisRowsQuery(options)})
	SELECT a.grp, rw.replicate,
		coalesce(sum(rw.weight * a.multiplier) FILTER (WHERE a.y IS NOT NULL), 0) AS sum_w,
		coalesce(sum(rw.weight * a.multiplier * a.y) FILTER (WHERE a.y IS NOT NULL), 0) AS sum_wy
	FROM a JOIN survey_replicate_weights rw ON rw.respondent_id = a.respondent_id
		AND rw.survey_id = ${options.surveyId} AND rw.survey_wave = ${options.wave}
	GROUP BY a.grp, rw.replicate ORDER BY a.grp, rw.replicate`;
}

/** Replicate analysis weights of answered rows, for the replicate design's df (rank). */
export interface ReplicateWeightRow {
	grp: string;
	respondent_id: string;
	replicate: number;
	weight: number;
}

export function replicateWeightsQuery(options: AnalysisOptions): SqlQuery {
	return sql`WITH a AS (${analysisRowsQuery(options)})
	SELECT a.grp, a.respondent_id, rw.replicate, rw.weight * a.multiplier AS weight
	FROM a JOIN survey_replicate_weights rw ON rw.respondent_id = a.respondent_id
		AND rw.survey_id = ${options.surveyId} AND rw.survey_wave = ${options.wave}
	WHERE a.y IS NOT NULL ORDER BY a.grp, a.respondent_id, rw.replicate`;
}

/** The range of replicate-to-full weight ratios of a wave (respondents with a positive weight). */
export interface ReplicateRatioRow {
	min_ratio: number | null;
	max_ratio: number | null;
}

export function replicateRatioQuery(surveyId: string, wave: string): SqlQuery {
	return sql`SELECT min(rw.weight / r.weight) AS min_ratio, max(rw.weight / r.weight) AS max_ratio
	FROM survey_replicate_weights rw JOIN survey_responses r
		ON r.survey_id = rw.survey_id AND r.survey_wave = rw.survey_wave
		AND r.respondent_id = rw.respondent_id
	WHERE rw.survey_id = ${surveyId} AND rw.survey_wave = ${wave} AND r.weight > 0`;
}

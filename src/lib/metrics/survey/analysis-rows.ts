import { literal, raw, sql, valueList, type SqlQuery } from '../../db/sql.ts';
import {
	districtPovertyQuery,
	type QuartileBasis,
	type QuartileScope
} from '../../poverty/district-poverty.ts';
import { UNKNOWN_POVERTY, type PovertySchemeId } from '../../poverty/schemes.ts';

/**
 * The survey outcomes of domain-spec §3.1, as SQL on a `survey_responses` row: 1/0, or NULL when
 * the item is missing (item non-response, "don't know", skipped or empty), which excludes the
 * row from numerator and denominator.
 * - `trained` (A1): had trained teachers on AI by the wave.
 * - `planned` (A2): not yet trained and planning first-time training this school year, on the
 *   full base (already-trained districts count 0).
 * - `projected` (A3): trained or planning to (A1 + A2 on the A2 base) — a plan, not a rate.
 */
export const OUTCOMES = ['trained', 'planned', 'projected'] as const;
export type Outcome = (typeof OUTCOMES)[number];

const TRAINED = `CASE WHEN coalesce(r.item_response_status, 'answered') = 'answered' AND r.trained_teachers_ai IN (0, 1) THEN r.trained_teachers_ai END`;

const OUTCOME_SQL: Record<Outcome, string> = {
	trained: TRAINED,
	planned: `CASE WHEN (${TRAINED}) = 1 THEN 0 WHEN (${TRAINED}) = 0 AND r.plans_train_ai_this_year IN (0, 1) THEN r.plans_train_ai_this_year END`,
	projected: `CASE WHEN (${TRAINED}) = 1 THEN 1 WHEN (${TRAINED}) = 0 AND r.plans_train_ai_this_year IN (0, 1) THEN r.plans_train_ai_this_year END`
};

/** `district`: each district counts once (A1); `student`: weighted by enrollment (A1-S). */
export type Weighting = 'district' | 'student';

/** What the rows are grouped by: poverty level (scheme), the survey's locale, or nothing. */
export type GroupBy = 'poverty' | 'locale' | 'none';

export interface AnalysisOptions {
	surveyId: string;
	wave: string;
	outcome: Outcome;
	weighting: Weighting;
	scheme: PovertySchemeId;
	groupBy: GroupBy;
	basis?: QuartileBasis;
	scope?: QuartileScope;
	/**
	 * Districts of a domain (e.g. a peer group): when given, rows are grouped `in`/`out` of it
	 * by LEAID instead of `groupBy`, still on the full design.
	 */
	domain?: readonly string[];
}

/** One analysis row per respondent: the design, the analysis weight and the outcome. */
export interface AnalysisRow {
	respondent_id: string;
	stratum: string;
	psu: string;
	panel_id: string | null;
	/** Survey weight, 1 when the survey has no weights, 0 when a weighted row lacks one. */
	base_weight: number;
	/** Enrollment for `student` weighting (0 when missing), else 1. */
	multiplier: number;
	/** 1/0, or NULL when missing (also when `student` weighting lacks enrollment). */
	y: number | null;
	grp: string;
}

function groupSql(options: AnalysisOptions): SqlQuery {
	if (options.domain) {
		if (options.domain.length === 0) return literal('out');
		return sql`CASE WHEN r.leaid IN (${valueList(options.domain)}) THEN 'in' ELSE 'out' END`;
	}
	const unknown = literal(UNKNOWN_POVERTY);
	if (options.groupBy === 'none') return literal('all');
	if (options.groupBy === 'locale') return sql`coalesce(nullif(r.locale_source, ''), ${unknown})`;
	if (options.scheme === 'survey') {
		return sql`coalesce(nullif(r.poverty_level_source, ''), ${unknown})`;
	}
	return sql`coalesce(dp.poverty_level, ${unknown})`;
}

function povertyJoinSql(options: AnalysisOptions): SqlQuery {
	if (options.domain || options.groupBy !== 'poverty' || options.scheme === 'survey')
		return raw('');
	const dp = districtPovertyQuery({
		scheme: options.scheme,
		basis: options.basis,
		scope: options.scope
	});
	return sql`LEFT JOIN (${dp}) dp ON dp.leaid = r.leaid AND dp.school_year_start = r.school_year_start`;
}

/**
 * Every respondent of one survey wave (respondents are never dropped before variance
 * estimation: domains are estimated on the full design). Strata default to one stratum, PSUs
 * to the panel member (`panel_id`), else the respondent (`nest = TRUE`: a PSU is identified within its stratum). The survey is
 * unweighted when no row has a weight.
 */
export function analysisRowsQuery(options: AnalysisOptions): SqlQuery {
	const multiplier =
		options.weighting === 'student'
			? raw('CASE WHEN r.enrollment_total > 0 THEN r.enrollment_total::DOUBLE ELSE 0.0 END')
			: raw('1.0');
	return sql`SELECT r.respondent_id, coalesce(r.stratum, '') AS stratum,
		coalesce(r.psu, 'panel:' || nullif(r.panel_id, ''), 'respondent:' || r.respondent_id) AS psu, nullif(r.panel_id, '') AS panel_id,
		CASE WHEN count(r.weight) OVER () = 0 THEN 1.0 ELSE coalesce(r.weight, 0.0) END AS base_weight,
		${multiplier} AS multiplier,
		CASE WHEN (${multiplier}) > 0 THEN (${raw(OUTCOME_SQL[options.outcome])})::DOUBLE END AS y,
		${groupSql(options)} AS grp
	FROM survey_responses r ${povertyJoinSql(options)}
	WHERE r.survey_id = ${options.surveyId} AND r.survey_wave = ${options.wave}`;
}

import { join, literal, raw, sql, type SqlQuery } from '../db/sql.ts';
import {
	CEP_SUSPECT_SQL,
	FRPL_GT_ENROLLMENT_SQL,
	FRPL_TENTHS_SQL,
	measureSql,
	missingReasonSql
} from './measures.ts';
import { povertyScheme, UNKNOWN_POVERTY, type PovertySchemeId } from './schemes.ts';

/** How quantile cutpoints count districts (§2.2): each once, or by enrolled students. */
export type QuartileBasis = 'districts' | 'students';
/** Whether quantile cutpoints are national or computed within each state (§2.2). */
export type QuartileScope = 'national' | 'within_state';

export interface DistrictPovertyOptions {
	/** Any scheme but `survey` (the passthrough has no district table to classify). */
	scheme: Exclude<PovertySchemeId, 'survey'>;
	/** Restrict to one school year; cutpoints are always per school year. */
	schoolYearStart?: number | null;
	basis?: QuartileBasis;
	scope?: QuartileScope;
}

/** One row of `districtPovertyQuery`. */
export interface DistrictPovertyRow {
	leaid: string;
	school_year_start: number;
	state_fips: string | null;
	poverty_scheme: PovertySchemeId;
	poverty_value: number | null;
	/** 1 = lowest poverty … number of levels; NULL when unknown. */
	poverty_rank: number | null;
	/** Level label of the scheme, or `unknown`. */
	poverty_level: string;
	missing_reason: string | null;
	frpl_gt_enrollment: boolean;
	cep_flag: boolean | null;
	cep_suspect: boolean;
	/** Shown as the "CEP-affected" badge in FRPL schemes: flagged, or suspected when no flag. */
	cep_badge: boolean;
}

/** One quantile cutpoint: values `≤ cutpoint` fall in group `k` or below (ties go lower). */
export interface PovertyCutpointRow {
	school_year_start: number;
	scope_key: string;
	k: number;
	cutpoint: number;
}

function measuredSql(options: DistrictPovertyOptions): SqlQuery {
	const scheme = povertyScheme(options.scheme);
	if (!scheme.measure) throw new Error(`invalid district poverty scheme: ${options.scheme}`);
	const year = options.schoolYearStart ?? null;
	const basisWeight =
		options.basis === 'students'
			? raw('CASE WHEN enrollment_total > 0 THEN enrollment_total::DOUBLE END')
			: raw('1.0');
	const scopeKey = options.scope === 'within_state' ? raw("coalesce(state_fips, '')") : raw("''");
	return sql`SELECT leaid, school_year_start, state_fips, ${scopeKey} AS scope_key,
		${measureSql(scheme.measure)} AS poverty_value, ${missingReasonSql(scheme.measure)} AS missing_reason,
		${FRPL_TENTHS_SQL} AS frpl_tenths, ${basisWeight} AS basis_weight,
		${FRPL_GT_ENROLLMENT_SQL} AS frpl_gt_enrollment, cep_flag, ${CEP_SUSPECT_SQL} AS cep_suspect
		FROM districts WHERE (${year}::INTEGER IS NULL OR school_year_start = ${year}::INTEGER)`;
}

/**
 * Quantile cutpoints per school year (and state when `within_state`): the k-th of G cutpoints is
 * the smallest value whose cumulative basis weight reaches k/G of the total (the inverse
 * empirical CDF, R's `quantile(type = 1)` when district-weighted). Compared as
 * `cum·G ≥ k·total` so no rounded fraction decides a tie. §2.2 [D].
 */
export function povertyCutpointsQuery(options: DistrictPovertyOptions): SqlQuery {
	const groups = povertyScheme(options.scheme).quantiles;
	if (!groups) throw new Error(`invalid quantile scheme: ${options.scheme}`);
	const g = raw(String(groups));
	return sql`WITH measured AS (${measuredSql(options)}),
	cumulative AS (
		SELECT school_year_start, scope_key, poverty_value,
			sum(basis_weight) OVER (PARTITION BY school_year_start, scope_key ORDER BY poverty_value
				RANGE BETWEEN UNBOUNDED PRECEDING AND CURRENT ROW) AS cum_weight,
			sum(basis_weight) OVER (PARTITION BY school_year_start, scope_key) AS total_weight
		FROM measured WHERE poverty_value IS NOT NULL AND basis_weight > 0
	)
	SELECT school_year_start, scope_key, k::INTEGER AS k, min(poverty_value) AS cutpoint
	FROM cumulative CROSS JOIN range(1, ${g}) AS t(k)
	WHERE cum_weight * ${g} >= k * total_weight
	GROUP BY school_year_start, scope_key, k
	ORDER BY school_year_start, scope_key, k`;
}

function rankSql(options: DistrictPovertyOptions): SqlQuery {
	switch (options.scheme) {
		case 'frpl-nces4':
			return raw(
				'CASE WHEN m.frpl_tenths IS NULL THEN NULL WHEN m.frpl_tenths <= 250 THEN 1 WHEN m.frpl_tenths <= 500 THEN 2 WHEN m.frpl_tenths <= 750 THEN 3 ELSE 4 END'
			);
		case 'frpl-nces3':
			return raw(
				'CASE WHEN m.frpl_tenths IS NULL THEN NULL WHEN m.frpl_tenths <= 250 THEN 1 WHEN m.frpl_tenths <= 750 THEN 2 ELSE 3 END'
			);
		default:
			return sql`CASE WHEN m.poverty_value IS NOT NULL THEN 1 + (SELECT count(*) FROM cutpoints c
				WHERE c.school_year_start = m.school_year_start AND c.scope_key = m.scope_key
				AND m.poverty_value > c.cutpoint) END`;
	}
}

/**
 * Every district of `districts` (per school year) with its poverty category under the scheme:
 * quantiles of SAIPE or MEPS (ties at a cutpoint go to the lower group) or the NCES FRPL cutoffs
 * on the share rounded half-up to 0.1 pp (§2.2). Districts whose measure is NULL get `unknown`
 * and stay in the table. CEP flag, suspicion and badge come along (§2.3). Use it as a CTE:
 * `WITH district_poverty AS (${districtPovertyQuery(o)}) …`.
 */
export function districtPovertyQuery(options: DistrictPovertyOptions): SqlQuery {
	const scheme = povertyScheme(options.scheme);
	const cutpoints = scheme.quantiles
		? sql`, cutpoints AS (${povertyCutpointsQuery(options)})`
		: raw('');
	const labels = join(
		scheme.levels.map((level, i) => sql`WHEN ${raw(String(i + 1))} THEN ${literal(level)}`),
		' '
	);
	return sql`WITH m AS (${measuredSql(options)})${cutpoints},
	ranked AS (SELECT m.*, (${rankSql(options)})::INTEGER AS poverty_rank FROM m)
	SELECT leaid, school_year_start, state_fips, ${literal(scheme.id)} AS poverty_scheme,
		poverty_value, poverty_rank,
		CASE poverty_rank ${labels} ELSE ${literal(UNKNOWN_POVERTY)} END AS poverty_level,
		missing_reason, frpl_gt_enrollment, cep_flag, cep_suspect,
		coalesce(cep_flag, cep_suspect) AS cep_badge
	FROM ranked`;
}

import { raw, type SqlQuery } from '../db/sql.ts';
import type { PovertyMeasure } from './schemes.ts';

/**
 * SQL expressions over a `districts` row for the continuous poverty measures of domain-spec
 * §2.1 and their data-quality rules (§2.3). Each is NULL when it cannot be computed, with the
 * reason in `missing_reason`; nothing is substituted from another measure (§2.5).
 */

/** FRPL count: `frpl_count`, else free + reduced when only the components exist (§2.1). */
const FRPL_COUNT = 'coalesce(frpl_count, free_lunch_count + reduced_lunch_count)';

/**
 * FRPL share in tenths of a percentage point, rounded half-up from the exact counts:
 * `floor(1000·f/E + ½) = (2000·f + E) // (2E)` in integers, capped at 1000 when
 * `f > E` (§2.2). Integer arithmetic keeps 25.05% from rounding down through binary error.
 */
export const FRPL_TENTHS_SQL = raw(
	`CASE WHEN enrollment_total > 0 AND ${FRPL_COUNT} IS NOT NULL THEN least(1000, (2000 * ${FRPL_COUNT}::BIGINT + enrollment_total) // (2 * enrollment_total::BIGINT)) END`
);

const MEASURE_SQL: Record<PovertyMeasure, string> = {
	saipe: 'CASE WHEN saipe_pop_5_17 > 0 THEN saipe_pov_5_17::DOUBLE / saipe_pop_5_17 END',
	meps: 'meps_pct',
	frpl: `CASE WHEN enrollment_total > 0 THEN least(1.0, ${FRPL_COUNT}::DOUBLE / enrollment_total) END`
};

const MISSING_REASON_SQL: Record<PovertyMeasure, string> = {
	saipe: `CASE WHEN saipe_pop_5_17 IS NULL OR saipe_pop_5_17 <= 0 THEN 'no_saipe_population' WHEN saipe_pov_5_17 IS NULL THEN 'no_measure' END`,
	meps: `CASE WHEN meps_pct IS NULL THEN 'no_measure' END`,
	frpl: `CASE WHEN enrollment_total IS NULL OR enrollment_total <= 0 THEN 'no_enrollment' WHEN ${FRPL_COUNT} IS NULL THEN 'no_measure' END`
};

/** The measure as a proportion in [0, 1] (FRPL capped at 1). */
export function measureSql(measure: PovertyMeasure): SqlQuery {
	return raw(MEASURE_SQL[measure]);
}

/** Why the measure is NULL (`no_enrollment`, `no_saipe_population`, `no_measure`), else NULL. */
export function missingReasonSql(measure: PovertyMeasure): SqlQuery {
	return raw(MISSING_REASON_SQL[measure]);
}

/** `frpl_count > enrollment_total` (happens in CCD): the share is capped at 1 and flagged (§2.3). */
export const FRPL_GT_ENROLLMENT_SQL = raw(
	`coalesce(enrollment_total > 0 AND ${FRPL_COUNT} > enrollment_total, false)`
);

/**
 * CEP suspicion when no CEP flag is given: free-lunch count ≥ 99.5% of enrollment (§2.3),
 * compared in integers (`1000·free ≥ 995·E`).
 */
export const CEP_SUSPECT_SQL = raw(
	`coalesce(enrollment_total > 0 AND 1000 * free_lunch_count::BIGINT >= 995 * enrollment_total::BIGINT, false)`
);

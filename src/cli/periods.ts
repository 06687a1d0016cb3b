import type { Database } from '../lib/db/database.ts';
import { sql } from '../lib/db/sql.ts';

/**
 * Each survey with the wave to report: the one asked for, else its latest in the school year
 * asked for (`year`, the fall year), else its latest; a survey without such a wave is left out.
 */
export async function surveyWaves(
	db: Database,
	wave: string | undefined,
	year?: number
): Promise<{ surveyId: string; wave: string }[]> {
	return db.query<{ surveyId: string; wave: string }>(sql`
		SELECT survey_id AS "surveyId", arg_max(survey_wave, school_year_start) AS wave
		FROM survey_responses
		WHERE (${wave ?? null}::VARCHAR IS NULL OR survey_wave = ${wave ?? null})
			AND (${year ?? null}::INTEGER IS NULL OR school_year_start = ${year ?? null})
		GROUP BY survey_id ORDER BY survey_id`);
}

/** The latest school year with usage data, or null without any. */
export async function latestSchoolYear(db: Database): Promise<number | null> {
	const [row] = await db.query<{ year: number | null }>(sql`
		SELECT max(school_year_start) AS year FROM (
			SELECT school_year_start FROM usage_aggregate
			UNION ALL SELECT school_year_start FROM usage_roster)`);
	return row?.year ?? null;
}

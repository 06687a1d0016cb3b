import { sql, type SqlQuery } from '../db/sql.ts';
import { districtPovertyQuery } from '../poverty/district-poverty.ts';
import { povertyScheme, UNKNOWN_POVERTY, type PovertySchemeId } from '../poverty/schemes.ts';

/** One poverty level: its share of all districts and of the survey's respondents. */
export interface CompositionRow {
	readonly group: string;
	readonly population_n: number;
	readonly respondents_n: number;
	readonly population_share: number | null;
	/** Unweighted share of responding districts. */
	readonly sample_share: number | null;
	/** Share of the survey weights: what the weighted estimates stand for. */
	readonly weighted_share: number | null;
}

/**
 * How representative the responding districts are: per poverty level of a district scheme, all
 * districts of the district table's year against the wave's respondents (matched by `leaid`,
 * unmatched respondents as `unknown`), with the respondents' survey weights.
 */
export function sampleCompositionSql(options: {
	surveyId: string;
	wave: string;
	scheme: Exclude<PovertySchemeId, 'survey'>;
	districtYear: number | null;
}): SqlQuery {
	const dp = districtPovertyQuery({
		scheme: options.scheme,
		schoolYearStart: options.districtYear
	});
	return sql`WITH dp AS (${dp}),
pop AS (SELECT poverty_level AS grp, count(*)::DOUBLE AS population_n FROM dp GROUP BY 1),
resp AS (
	SELECT coalesce(dp.poverty_level, ${UNKNOWN_POVERTY}) AS grp, count(*)::DOUBLE AS respondents_n,
		sum(coalesce(r.weight, 1))::DOUBLE AS weight_sum
	FROM survey_responses r LEFT JOIN dp ON dp.leaid = r.leaid
	WHERE r.survey_id = ${options.surveyId} AND r.survey_wave = ${options.wave}
	GROUP BY 1
)
SELECT grp, coalesce(population_n, 0) AS population_n, coalesce(respondents_n, 0) AS respondents_n,
	coalesce(weight_sum, 0) AS weight_sum
FROM pop FULL JOIN resp USING (grp)`;
}

const share = (part: number, total: number) => (total > 0 ? part / total : null);

/** The query's rows as shares, in the scheme's level order with `unknown` last. */
export function compositionRows(
	rows: readonly { grp: string; population_n: number; respondents_n: number; weight_sum: number }[],
	scheme: PovertySchemeId
): CompositionRow[] {
	const order = [...povertyScheme(scheme).levels, UNKNOWN_POVERTY];
	const total = (key: 'population_n' | 'respondents_n' | 'weight_sum') =>
		rows.reduce((s, r) => s + r[key], 0);
	return order.flatMap((group) => {
		const row = rows.find((r) => r.grp === group);
		if (!row) return [];
		return [
			{
				group,
				population_n: row.population_n,
				respondents_n: row.respondents_n,
				population_share: share(row.population_n, total('population_n')),
				sample_share: share(row.respondents_n, total('respondents_n')),
				weighted_share: share(row.weight_sum, total('weight_sum'))
			}
		];
	});
}

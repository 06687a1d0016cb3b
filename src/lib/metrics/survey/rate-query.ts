import { sql, type SqlQuery } from '../../db/sql.ts';
import { analysisRowsQuery, type AnalysisOptions } from './analysis-rows.ts';

/** Point estimates of a survey rate per group and overall (`group = 'all'`). */
export interface SurveyRateRow {
	/** The poverty scheme in force (the grouping is `group_by` of the options). */
	scheme: string;
	group: string;
	/** `Σw·y / Σw` over answered rows; NULL without any. */
	estimate: number | null;
	n_unweighted: number;
	/** Survey-weighted share of rows whose item is missing. */
	item_missing_rate: number | null;
}

/**
 * The point-estimate SQL shared by the survey rate metrics: the ratio estimator over answered
 * rows, by group and overall (unknown poverty included in the overall). Intervals and variance
 * come from `trainingByPoverty`, which runs the design sums of `design-sums.ts`.
 */
export function surveyRateQuery(options: AnalysisOptions): SqlQuery {
	return sql`WITH a AS (SELECT *, base_weight * multiplier AS w FROM (${analysisRowsQuery(options)}))
	SELECT ${options.scheme}::VARCHAR AS scheme, coalesce(grp, 'all') AS "group",
		sum(w * y) FILTER (WHERE y IS NOT NULL) / nullif(sum(w) FILTER (WHERE y IS NOT NULL), 0) AS estimate,
		count(*) FILTER (WHERE y IS NOT NULL)::DOUBLE AS n_unweighted,
		sum(base_weight) FILTER (WHERE y IS NULL) / nullif(sum(base_weight), 0) AS item_missing_rate
	FROM a GROUP BY GROUPING SETS ((grp), ()) ORDER BY grp NULLS LAST`;
}

/** Parameters with which the registry validates the SQL (`EXPLAIN`) on the empty schema. */
export const EXAMPLE_ANALYSIS: AnalysisOptions = {
	surveyId: 'demo-asdp',
	wave: 'fall 2024',
	outcome: 'trained',
	weighting: 'district',
	scheme: 'saipe-quartiles',
	groupBy: 'poverty'
};

import type { MetricDefinition } from '../types.ts';
import type { AnalysisOptions } from './analysis-rows.ts';
import { EXAMPLE_ANALYSIS, surveyRateQuery } from './rate-query.ts';

/**
 * A2 — share of all districts that had not yet trained teachers on AI and planned first-time
 * training during the school year (domain-spec §3.1; RAND fall 2024: 26%) [S][S1]. Full base:
 * already-trained districts count 0; missing when the training item is missing, or the plan
 * item is missing for a not-yet-trained district. Row type: `SurveyRateRow`.
 */
export const aiTrainingPlanned: MetricDefinition<AnalysisOptions> = {
	id: 'ai-training-planned',
	label: 'Districts planning first-time AI training this school year',
	definition:
		'Share of all districts that had not trained teachers on AI yet and planned to do so for the first time during the school year.',
	sources: ['S1'],
	tables: ['survey_responses', 'districts'],
	query: (params) => surveyRateQuery({ ...params, outcome: 'planned' }),
	exampleParams: EXAMPLE_ANALYSIS
};

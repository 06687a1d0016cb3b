import type { MetricDefinition } from '../types.ts';
import type { AnalysisOptions } from './analysis-rows.ts';
import { EXAMPLE_ANALYSIS, surveyRateQuery } from './rate-query.ts';

/**
 * A1 — share of districts that had trained teachers on AI (domain-spec §3.1) [P wording][S1]:
 * `Σ w·y / Σ w` over respondents with an answer, w = final survey weight (each district counts
 * once; 1 and flagged `unweighted` without weights). Item non-response ("don't know", skipped,
 * empty) is excluded and its weighted share reported. Row type: `SurveyRateRow`.
 */
export const aiTrainingRate: MetricDefinition<AnalysisOptions> = {
	id: 'ai-training-rate',
	label: 'Districts that had trained teachers on AI',
	definition:
		'Survey-weighted share of districts that had trained their teachers on generative AI tools by the survey wave; districts that did not answer are left out and their share reported.',
	sources: ['S1', 'S3'],
	tables: ['survey_responses', 'districts'],
	query: (params) => surveyRateQuery({ ...params, outcome: 'trained', weighting: 'district' }),
	exampleParams: EXAMPLE_ANALYSIS
};

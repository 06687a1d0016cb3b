import type { MetricDefinition } from '../types.ts';
import type { AnalysisOptions } from './analysis-rows.ts';
import { EXAMPLE_ANALYSIS, surveyRateQuery } from './rate-query.ts';

/**
 * A3 — projected cumulative share = A1 + A2 (domain-spec §3.1; RAND 48% + 26% → 74% "by fall
 * 2025") [S][S1]: y = 1 when trained or planning first-time training, on the A2 base, so it
 * equals A1 + A2 computed on that base. A plan, not an observed rate: label it "projected".
 * Row type: `SurveyRateRow`.
 */
export const aiTrainingProjected: MetricDefinition<AnalysisOptions> = {
	id: 'ai-training-projected',
	label: 'Projected share of districts with AI-trained teachers (plan)',
	definition:
		'Districts that had trained teachers on AI plus those planning first-time training this school year: a projection from plans, not an observed rate.',
	sources: ['S1'],
	tables: ['survey_responses', 'districts'],
	query: (params) => surveyRateQuery({ ...params, outcome: 'projected' }),
	exampleParams: EXAMPLE_ANALYSIS
};

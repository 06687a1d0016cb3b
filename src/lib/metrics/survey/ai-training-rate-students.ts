import type { MetricDefinition } from '../types.ts';
import type { AnalysisOptions } from './analysis-rows.ts';
import { EXAMPLE_ANALYSIS, surveyRateQuery } from './rate-query.ts';

/**
 * A1-S — share of students in districts that had trained teachers on AI (domain-spec §3.1) [D]:
 * `Σ w·E·y / Σ w·E`, E = the district's enrollment. Respondents without enrollment count as
 * missing; item non-response is excluded as in A1. Row type: `SurveyRateRow`.
 */
export const aiTrainingRateStudents: MetricDefinition<AnalysisOptions> = {
	id: 'ai-training-rate-students',
	label: 'Students in districts that had trained teachers on AI',
	definition:
		'Share of enrolled students whose district had trained teachers on AI: the district rate weighted by survey weight times enrollment. Most districts are small, so it can differ a lot from the district share.',
	sources: ['D'],
	tables: ['survey_responses', 'districts'],
	query: (params) => surveyRateQuery({ ...params, outcome: 'trained', weighting: 'student' }),
	exampleParams: EXAMPLE_ANALYSIS
};

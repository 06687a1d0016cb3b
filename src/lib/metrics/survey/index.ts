import type { MetricDefinition } from '../types.ts';
import { aiTrainingPlanned } from './ai-training-planned.ts';
import { aiTrainingProjected } from './ai-training-projected.ts';
import { aiTrainingRateStudents } from './ai-training-rate-students.ts';
import { aiTrainingRate } from './ai-training-rate.ts';

/** The registry calls each metric only with its own `exampleParams`, so its type is erased. */
function registered<Params>(metric: MetricDefinition<Params>): MetricDefinition<never> {
	return metric as unknown as MetricDefinition<never>;
}

/** Survey metrics (AI training), registered in `../registry.ts`. */
export const SURVEY_METRICS: readonly MetricDefinition<never>[] = [
	registered(aiTrainingRate),
	registered(aiTrainingRateStudents),
	registered(aiTrainingPlanned),
	registered(aiTrainingProjected)
];

export { trainingByPoverty } from './training-by-poverty.ts';
export type { TrainingByPovertyOptions, TrainingByPovertyResult } from './training-by-poverty.ts';
export { trainingChange } from './training-change.ts';
export type { WaveChangeResult, WaveChangeRow } from './training-change.ts';
export { PUBLISHED_FIGURES, RAND_FALL_2024_BY_POVERTY } from './published.ts';

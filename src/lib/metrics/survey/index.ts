import type { MetricDefinition } from '../types.ts';

/** Survey metrics (AI training), registered in `../registry.ts`. */
export const SURVEY_METRICS: readonly MetricDefinition<never>[] = [];

import { SURVEY_METRICS } from './survey/index.ts';
import type { MetricDefinition } from './types.ts';
import { USAGE_METRICS } from './usage/index.ts';

/** Every metric of the app, in one list (the methodology page and the CLI read it). */
export const METRICS: readonly MetricDefinition<never>[] = [...SURVEY_METRICS, ...USAGE_METRICS];

export function metricById(id: string): MetricDefinition<never> {
	const metric = METRICS.find((m) => m.id === id);
	if (!metric) throw new Error(`unknown metric: ${id}`);
	return metric;
}

import { SURVEY_METRICS } from './survey/index.ts';
import type { ComputedMetric, MetricDefinition } from './types.ts';
import { USAGE_COMPUTED_METRICS, USAGE_METRICS } from './usage/index.ts';

/**
 * Every SQL metric of the app, in one list: tests check each is a valid query on the schema and
 * is named in `docs/methodology.md`.
 */
export const METRICS: readonly MetricDefinition<never>[] = [...SURVEY_METRICS, ...USAGE_METRICS];

/**
 * The metrics computed in TypeScript from those queries' results: tests check each names an
 * exported function and is named in `docs/methodology.md`.
 */
export const COMPUTED_METRICS: readonly ComputedMetric[] = [...USAGE_COMPUTED_METRICS];

export function metricById(id: string): MetricDefinition<never> {
	const metric = METRICS.find((m) => m.id === id);
	if (!metric) throw new Error(`unknown metric: ${id}`);
	return metric;
}

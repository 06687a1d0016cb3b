import type { MetricDefinition } from '../types.ts';

/** Usage-funnel metrics, registered in `../registry.ts`. */
export const USAGE_METRICS: readonly MetricDefinition<never>[] = [];

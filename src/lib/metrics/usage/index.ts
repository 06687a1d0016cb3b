import type { MetricDefinition } from '../types.ts';
import { dailyTouchByFrplBin, dailyTouchRate } from './daily-touch-rate.ts';
import { usageFunnelAggregates } from './usage-funnel-aggregates.ts';
import { usageFunnelStudents } from './usage-funnel-students.ts';

/**
 * The registry calls each metric only with its own `exampleParams`, so a metric's parameter type
 * can be erased when it joins the list.
 */
function registered<Params>(metric: MetricDefinition<Params>): MetricDefinition<never> {
	return metric as unknown as MetricDefinition<never>;
}

/** Usage-funnel metrics, registered in `../registry.ts`. */
export const USAGE_METRICS: readonly MetricDefinition<never>[] = [
	registered(usageFunnelStudents),
	registered(usageFunnelAggregates),
	registered(dailyTouchRate),
	registered(dailyTouchByFrplBin)
];

import type { ComputedMetric, MetricDefinition } from '../types.ts';
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

/** Usage metrics computed in TypeScript from the funnel counts, registered in `../registry.ts`. */
export const USAGE_COMPUTED_METRICS: readonly ComputedMetric[] = [
	{
		id: 'rate-gap',
		label: 'Gap in points between two groups',
		definition:
			'r_low − r_high in dosage_rate_access with the Newcombe hybrid-score interval built from each rate’s Wilson interval.',
		sources: ['D'],
		computedBy: 'usage/equity.ts#rateGap'
	},
	{
		id: 'rate-ratio',
		label: 'Rate ratio between groups',
		definition:
			'r_high / r_low (RR_L) or r_high / r_rest (RR_rest) with the Katz log interval on effective counts; undefined when the reference rate is 0.',
		sources: ['D'],
		computedBy: 'usage/equity.ts#rateRatio'
	},
	{
		id: 'use-gap-decomposition',
		label: 'Access versus conversion',
		definition:
			'ln(U_H/U_L) = ln AR + ln CR with U = (L/E)·(D/L); the share of the log gap created by access.',
		sources: ['D'],
		computedBy: 'usage/equity.ts#decomposeUseGap'
	},
	{
		id: 'headline-gap',
		label: 'Headline gap, highest against lowest poverty',
		definition:
			'The rate gap and both rate ratios of dosage_rate_access between the scheme’s top and bottom groups, with the decomposition.',
		sources: ['D'],
		computedBy: 'usage/headline-gap.ts#headlineGap'
	},
	{
		id: 'representation-index',
		label: 'Representation among dosage-meeters',
		definition:
			'Each group’s share of the students who met the rule over its share of enrolled students (1 = parity).',
		sources: ['D'],
		computedBy: 'usage/representation-index.ts#representationIndex'
	},
	{
		id: 'representation-bootstrap',
		label: 'Bootstrap interval of the representation index',
		definition:
			'Schools resampled with replacement within each group, percentile limits; seeded and run on request only.',
		sources: ['D'],
		computedBy: 'usage/representation-bootstrap.ts#bootstrapRepresentationIndex'
	},
	{
		id: 'clustered-ratio',
		label: 'Clustered ratio estimator',
		definition:
			'A funnel rate over schools with the linearised cluster variance and a Wilson interval at the effective n; none under 5 schools.',
		sources: ['D'],
		computedBy: 'usage/clustered-ratio.ts#clusteredRatio'
	},
	{
		id: 'cost-lens',
		label: 'Licence cost per student reached',
		definition:
			'At a price per licence: cost per activated student and per dosage-meeter, never-activated spend and cost_multiplier = L/A, in whole cents.',
		sources: ['S20', 'D'],
		computedBy: 'usage/cost-lens.ts#costLens'
	}
];

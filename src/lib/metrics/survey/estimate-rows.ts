import { domainInterval, type IntervalMethod } from '../../stats/domain-interval.ts';
import {
	DEFAULT_RELIABILITY,
	reliability,
	type Reliability,
	type ReliabilityThresholds
} from '../../stats/reliability.ts';
import type { GroupFit, SurveyFit, VarianceMethod } from './fit-groups.ts';

/**
 * `unweighted`: no survey weights, not nationally representative; `kish_approx`: variance from
 * the Kish n_eff, ignoring strata and clusters; `zero_variance`: p̂ is 0 or 1, the Kish n_eff
 * stands in for n_eff*; `no_data`: no answered respondent; `caution` (!) and `unreliable` (‡,
 * estimate suppressed) are the reliability flags of domain-spec §5.5.
 */
export type EstimateFlag =
	'unweighted' | 'kish_approx' | 'zero_variance' | 'no_data' | 'caution' | 'unreliable';

/** One group's (or the overall) estimate as every survey result reports it. */
export interface GroupEstimateRow {
	group: string;
	/** Null when suppressed (`unreliable`) or without data. */
	estimate: number | null;
	/** The estimate even when suppressed, for research views and gaps. */
	estimate_unsuppressed: number | null;
	se: number | null;
	lo: number | null;
	hi: number | null;
	n_unweighted: number;
	n_eff: number | null;
	variance_method: VarianceMethod;
	interval_method: IntervalMethod;
	level: number;
	reliability: Reliability;
	flags: EstimateFlag[];
	item_missing_rate: number | null;
	n_item_missing: number;
}

export interface IntervalSettings {
	level: number;
	intervalMethod: IntervalMethod;
	reliability?: ReliabilityThresholds;
}

/** Turns a fitted group into its reported row (interval, n_eff, flags, suppression). */
export function estimateRow(
	survey: SurveyFit,
	group: GroupFit,
	settings: IntervalSettings
): GroupEstimateRow {
	const flags: EstimateFlag[] = [];
	if (survey.unweighted) flags.push('unweighted');
	if (survey.variance_method === 'kish') flags.push('kish_approx');
	const base = {
		group: group.group,
		variance_method: survey.variance_method,
		interval_method: settings.intervalMethod,
		level: settings.level,
		item_missing_rate: group.item_missing_rate,
		n_item_missing: group.n_item_missing
	};
	const { fit } = group;
	if (!fit) {
		return {
			...base,
			estimate: null,
			estimate_unsuppressed: null,
			se: null,
			lo: null,
			hi: null,
			n_unweighted: 0,
			n_eff: null,
			reliability: 'unreliable',
			flags: [...flags, 'no_data', 'unreliable']
		};
	}
	const result = domainInterval(fit, settings.intervalMethod, settings.level, group.df);
	if (result.zero_variance) flags.push('zero_variance');
	const rel = reliability(
		fit.estimate,
		result.n_eff,
		result.interval,
		settings.reliability ?? DEFAULT_RELIABILITY
	);
	if (rel !== 'ok') flags.push(rel);
	return {
		...base,
		estimate: rel === 'unreliable' ? null : fit.estimate,
		estimate_unsuppressed: fit.estimate,
		se: result.se,
		lo: result.interval?.lo ?? null,
		hi: result.interval?.hi ?? null,
		n_unweighted: fit.totals.n,
		n_eff: result.n_eff,
		reliability: rel,
		flags
	};
}

import type { RateId } from '../metrics/usage/funnel-rates.ts';

/**
 * The funnel rates every usage export and the command line publish (the rows of
 * `usageViewFigures`, disclosed as the site's usage view discloses them).
 */
export const PUBLISHED_RATES: readonly RateId[] = [
	'access_rate',
	'activation_rate',
	'regular_rate',
	'dosage_rate_access'
];

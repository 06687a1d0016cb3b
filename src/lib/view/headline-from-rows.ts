import { decomposeUseGap, rateGap, rateRatio } from '../metrics/usage/equity.ts';
import type { FunnelGroupRow } from '../metrics/usage/funnel-groups.ts';
import type { HeadlineGap } from '../metrics/usage/headline-gap.ts';
import { Z_95 } from '../stats/proportion.ts';

/**
 * `headlineGap` from group rows and the ready-made "everyone else of known poverty" row (the
 * statistics path has no units to filter): the gap in `dosage_rate_access` between the top and
 * bottom groups, both rate ratios and the access–conversion decomposition (§2.2, §4.4).
 */
export function headlineFromRows(
	rows: readonly FunnelGroupRow[],
	rest: FunnelGroupRow,
	levels: readonly string[],
	z: number = Z_95
): HeadlineGap | null {
	const lowGroup = levels[0];
	const highGroup = levels[levels.length - 1];
	const high = rows.find((r) => r.poverty_group === highGroup);
	const low = rows.find((r) => r.poverty_group === lowGroup);
	if (!high || !low || levels.length < 2) return null;
	const conversion = (r: FunnelGroupRow) => ({
		access: r.rates.access_rate.estimate,
		conversion: r.rates.dosage_rate_access.estimate
	});
	return {
		rate_id: 'dosage_rate_access',
		high_group: highGroup!,
		low_group: lowGroup!,
		high: high.rates.dosage_rate_access.estimate,
		low: low.rates.dosage_rate_access.estimate,
		gap: rateGap(high.rates.dosage_rate_access, low.rates.dosage_rate_access),
		ratio_vs_low: rateRatio(high.rates.dosage_rate_access, low.rates.dosage_rate_access, z),
		ratio_vs_rest: rateRatio(high.rates.dosage_rate_access, rest.rates.dosage_rate_access, z),
		decomposition: decomposeUseGap(conversion(high), conversion(low))
	};
}

import { Z_95 } from '../../stats/proportion.ts';
import {
	decomposeUseGap,
	rateGap,
	rateRatio,
	type GapEstimate,
	type UseGapDecomposition
} from './equity.ts';
import { summarizeFunnel, type FunnelGroupRow } from './funnel-groups.ts';
import type { FunnelUnitRow } from './funnel-unit.ts';

/** The headline contrast of one product: highest- versus lowest-poverty group. */
export interface HeadlineGap {
	rate_id: 'dosage_rate_access';
	high_group: string;
	low_group: string;
	high: number | null;
	low: number | null;
	/** `r_low − r_high` (proportion; Newcombe interval). */
	gap: GapEstimate;
	/** `RR_L = r_high / r_low` (Katz interval). */
	ratio_vs_low: GapEstimate;
	/** `RR_rest = r_high / r_(everyone else of known poverty)`. */
	ratio_vs_rest: GapEstimate;
	decomposition: UseGapDecomposition | null;
}

/**
 * The headline gap in `dosage_rate_access` (Holt's "used as recommended among students with
 * access") between the scheme's top and bottom groups (domain-spec §2.2 "High-vs-low headline",
 * §4.4); middle groups only enter `ratio_vs_rest`. Unknown-poverty units are left out.
 */
export function headlineGap(
	rows: readonly FunnelGroupRow[],
	units: readonly FunnelUnitRow[],
	levels: readonly string[],
	z: number = Z_95
): HeadlineGap | null {
	const highGroup = levels[levels.length - 1];
	const high = rows.find((r) => r.poverty_group === highGroup);
	if (!high) return null;
	const rest = units.filter(
		(u) => u.poverty_group !== highGroup && levels.includes(u.poverty_group ?? '')
	);
	return headlineFromRows(rows, summarizeFunnel(high.product_id, 'rest', rest, z), levels, z);
}

/**
 * `headlineGap` from the group rows and a ready-made row of everyone else of known poverty (for
 * callers that hold summed statistics rather than units, such as the dashboard's pre-aggregates).
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

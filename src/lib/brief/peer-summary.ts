import { discloseView } from '../disclosure/disclose-view.ts';
import { countedRateCell } from '../disclosure/result-cells.ts';
import type { DataOrigin } from '../disclosure/view.ts';
import { comparePeers, type PeerComparison } from '../peers/peer-comparison.ts';
import type { PeerGroup } from '../peers/options.ts';
import type { DistrictRateRow } from '../view/compare-data.ts';
import { valueOf } from '../view/display.ts';

/** One peer district's dosage-meeters and their evaluable base (null when unknown). */
export type PeerCounts = DistrictRateRow;

/** The brief's peer comparison: how the group was formed and where the district sits in it. */
export interface PeerSummary {
	/** Peers in the group (before any rate is withheld). */
	readonly size: number;
	readonly criteria: readonly string[];
	readonly fallbackReason: string | null;
	/** Fewer peers than wanted even after relaxing the criteria. */
	readonly short: boolean;
	/** Over the peers whose rate is shown exactly (see `summarizePeers`). */
	readonly comparison: PeerComparison;
}

/**
 * Compares a district's dosage rate with its peers' (domain-spec §7.2 step 6): each peer's rate
 * (met ÷ licensed students with enough eligible weeks) first goes through the disclosure
 * function in public mode, as on the district spread (a peer under the minimum group size is
 * withheld, and so is one in a block of small districts, one near 0% or 100% is coded as a
 * range); only rates shown exactly enter the median, quartiles, percentile and pooled rate of
 * `comparePeers`, so the comparison publishes nothing the peers' own figures would not. `target` is the district's disclosed rate (null when not
 * shown exactly).
 */
export function summarizePeers(
	group: Pick<PeerGroup, 'criteria' | 'fallbackReason' | 'short'>,
	target: { leaid: string; rate: number | null },
	peers: readonly PeerCounts[],
	origin: DataOrigin
): PeerSummary {
	const rateOf = (p: PeerCounts) => (p.met === null || !p.base ? null : p.met / p.base);
	const disclosed = discloseView({
		records: 'student',
		origin,
		cells: peers.map((p, i) =>
			countedRateCell(
				String(i),
				{ leaid: p.leaid },
				{ estimate: rateOf(p), numerator: p.met, denominator: p.base, lo: null, hi: null },
				{ splitsBlock: p.in_block }
			)
		)
	});
	const shown = peers.filter((_, i) => valueOf(disclosed.cells[i]!.rate) !== null);
	const comparison = comparePeers(
		{ leaid: target.leaid, estimate: target.rate, numerator: null, denominator: null },
		shown.map((p) => ({
			leaid: p.leaid,
			estimate: rateOf(p),
			numerator: p.met,
			denominator: p.base
		}))
	);
	return {
		size: peers.length,
		criteria: group.criteria,
		fallbackReason: group.fallbackReason,
		short: group.short,
		comparison
	};
}

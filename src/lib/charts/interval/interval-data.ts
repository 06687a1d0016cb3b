import { shown, withheld, type DisplayValue } from '../../disclosure/display-value.ts';
import type { Shape } from '../symbols.ts';

/** Reliability of a survey estimate (domain-spec §5.5): ok, "!" caution, "‡" not met. */
export type Reliability = 'ok' | 'caution' | 'unreliable';

/** One estimate the interval chart draws: a group (row) in one series, with its interval. */
export interface IntervalDatum {
	/** Row key, e.g. "high". */
	readonly group: string;
	/** Row label, e.g. "High-poverty districts". */
	readonly label: string;
	/** Series id ("" when the chart has one series). */
	readonly series: string;
	/** The estimate, or which kind of missing it is and why. */
	readonly value: DisplayValue;
	/** 95% interval; null when not shown (always null when the estimate is not shown). */
	readonly lo: number | null;
	readonly hi: number | null;
	readonly reliability: Reliability;
	readonly n_unweighted: number;
	readonly n_eff: number | null;
}

/** A series of a two-series chart and how its marks look without colour. */
export interface SeriesSpec {
	readonly id: string;
	/** e.g. "District-weighted", "Fall 2023". */
	readonly label: string;
	readonly shape: Shape;
	/** Outline only (the second encoding next to shape). */
	readonly hollow: boolean;
}

/** A published figure drawn as a reference mark on a group's row (no interval published). */
export interface ReferenceDatum {
	readonly group: string;
	readonly value: number;
}

/** The fields of a survey `GroupEstimateRow` the chart reads. */
export interface EstimateLike {
	readonly group: string;
	readonly estimate: number | null;
	readonly lo: number | null;
	readonly hi: number | null;
	readonly n_unweighted: number;
	readonly n_eff: number | null;
	readonly reliability: Reliability;
	readonly flags: readonly string[];
}

function estimateValue(row: EstimateLike): DisplayValue {
	if (row.estimate !== null) return shown(row.estimate);
	if (row.flags.includes('no_data')) return { status: 'missing', reason: 'no_data' };
	if (row.reliability === 'unreliable') return withheld('unreliable');
	return { status: 'missing', reason: 'missing' };
}

/**
 * Survey estimate rows (`GroupEstimateRow`) as chart data, in `order` (rows of other groups are
 * left out). A suppressed (‡) estimate becomes `suppressed` with its reason and loses its
 * interval; a group nobody answered becomes `missing` ("no_data"); 0 becomes a true zero.
 */
export function intervalData(
	rows: readonly EstimateLike[],
	order: readonly { group: string; label: string }[],
	series = ''
): IntervalDatum[] {
	return order.flatMap(({ group, label }) => {
		const row = rows.find((r) => r.group === group);
		if (!row) return [];
		const value = estimateValue(row);
		const visible = value.status === 'shown' || value.status === 'true_zero';
		return [
			{
				group,
				label,
				series,
				value,
				lo: visible ? row.lo : null,
				hi: visible ? row.hi : null,
				reliability: row.reliability,
				n_unweighted: row.n_unweighted,
				n_eff: row.n_eff
			}
		];
	});
}

import { quantileSorted } from 'd3';

/** One district's value of a district-level rate; null when it has none. */
export interface DistrictValue {
	readonly id: string;
	readonly group: string;
	readonly value: number | null;
}

/** A group's spread: counts and the five-number summary of its districts' values. */
export interface GroupSpread {
	readonly group: string;
	/** Districts with a value. */
	readonly n: number;
	/** Districts of the group without a value (not drawn, counted). */
	readonly n_missing: number;
	readonly min: number | null;
	readonly q1: number | null;
	readonly median: number | null;
	readonly q3: number | null;
	readonly max: number | null;
}

/** One bin of a group's histogram: [lo, hi), the last bin closed. */
export interface Bin {
	readonly lo: number;
	readonly hi: number;
	readonly count: number;
	/** Share of the group's districts with a value. */
	readonly share: number;
}

/**
 * Five-number summary of each group's district values (unweighted: each district counts once;
 * quartiles by linear interpolation, d3's `quantileSorted`, R type 7). Districts without a value
 * are counted in `n_missing`, never as zero.
 */
export function groupSpread(values: readonly DistrictValue[], group: string): GroupSpread {
	const own = values.filter((v) => v.group === group);
	const sorted = own.flatMap((v) => (v.value === null ? [] : [v.value])).sort((a, b) => a - b);
	const q = (p: number) => (sorted.length ? (quantileSorted(sorted, p) ?? null) : null);
	return {
		group,
		n: sorted.length,
		n_missing: own.length - sorted.length,
		min: sorted[0] ?? null,
		q1: q(0.25),
		median: q(0.5),
		q3: q(0.75),
		max: sorted[sorted.length - 1] ?? null
	};
}

/** The bin width for an axis from 0 to `max`: the smallest of 1, 2, 2.5 or 5 points giving ≤ 20 bins. */
export function binWidth(max: number): number {
	const widths = [0.01, 0.02, 0.025, 0.05];
	return widths.find((w) => Math.round(max / w) <= 20) ?? 0.05;
}

/** Counts a group's values into equal bins from 0 to `max` (values at `max` go in the last bin). */
export function histogram(values: readonly DistrictValue[], group: string, max: number): Bin[] {
	const width = binWidth(max);
	const bins = Math.round(max / width);
	const counts = new Array<number>(bins).fill(0);
	const own = values.flatMap((v) => (v.group === group && v.value !== null ? [v.value] : []));
	for (const value of own) {
		const index = Math.min(bins - 1, Math.max(0, Math.floor(value / width + 1e-9)));
		counts[index] = (counts[index] ?? 0) + 1;
	}
	return counts.map((count, i) => ({
		lo: Math.round(i * width * 1e4) / 1e4,
		hi: Math.round((i + 1) * width * 1e4) / 1e4,
		count,
		share: own.length ? count / own.length : 0
	}));
}

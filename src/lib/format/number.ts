import { format } from 'd3';

const wholePercent = format('.0%');
const onePlacePercent = format('.1%');

/** A proportion as a percentage: whole numbers, one decimal below 10% so small shares keep meaning. */
export function percent(p: number | null): string {
	if (p === null || !Number.isFinite(p)) return '—';
	return Math.abs(p) < 0.1 && p !== 0 ? onePlacePercent(p) : wholePercent(p);
}

/** An interval in percent, with an en dash: "31–47%". */
export function percentInterval(lo: number | null, hi: number | null): string {
	if (lo === null || hi === null) return 'CI not available';
	const [a, b] = [percent(lo), percent(hi)];
	return `${a.replace('%', '')}–${b}`;
}

/** Whole points from 10 up; one decimal below, so a 4.1-point gap does not read as "4 to 4". */
function pointValue(d: number, largest: number): string {
	return (d * 100).toFixed(Math.abs(largest) < 0.1 ? 1 : 0);
}

/** A difference of proportions in percentage points: "28 points", "4.1 points". */
export function points(d: number | null): string {
	if (d === null || !Number.isFinite(d)) return '—';
	const value = pointValue(Math.abs(d), d);
	return `${value} ${value === '1' ? 'point' : 'points'}`;
}

/** An interval of a difference in percentage points: "14 to 40 points". */
export function pointsInterval(lo: number | null, hi: number | null): string {
	if (lo === null || hi === null) return 'CI not available';
	const largest = Math.max(Math.abs(lo), Math.abs(hi));
	return `${pointValue(lo, largest)} to ${pointValue(hi, largest)} points`;
}

/** An integer with thousands separators. */
export const count = format(',d');

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

/** A difference of proportions in percentage points: "28 points". */
export function points(d: number | null): string {
	if (d === null || !Number.isFinite(d)) return '—';
	const value = Math.round(Math.abs(d) * 100);
	return `${value} ${value === 1 ? 'point' : 'points'}`;
}

/** An integer with thousands separators. */
export const count = format(',d');

import type { TableData } from '../../components/table.ts';
import { count, percent, percentInterval } from '../../format/number.ts';
import type { LegendItem } from '../legend.ts';
import { counted } from '../format.ts';
import { groupSpread, type DistrictValue } from './distribution-stats.ts';

const lowerFirst = (s: string) => s.charAt(0).toLowerCase() + s.slice(1);

/**
 * The distribution's summary: each group's median and middle half ("Median district: 41% in
 * low-poverty districts (middle half 30–52%), 12% in high-poverty districts (middle half 8.0–17%).")
 * and whether the middle halves of the first and last groups overlap. These are spreads across
 * districts, not confidence intervals.
 */
export function distributionSummary(
	values: readonly DistrictValue[],
	groups: readonly { group: string; label: string }[]
): string {
	const spreads = groups.map((g) => ({ g, s: groupSpread(values, g.group) }));
	const withValues = spreads.filter(({ s }) => s.median !== null);
	if (!withValues.length) return 'No district has a value to show.';
	const parts = withValues.map(
		({ g, s }) =>
			`${percent(s.median)} in ${lowerFirst(g.label)} (middle half ${percentInterval(s.q1, s.q3)})`
	);
	const sentences = [`Median district: ${parts.join(', ')}.`];
	const missing = spreads.reduce((n, { s }) => n + s.n_missing, 0);
	if (missing)
		sentences.push(
			`${counted(missing, 'districts')} without a value ${missing === 1 ? 'is' : 'are'} not shown.`
		);
	const [first, last] = [withValues[0]!, withValues[withValues.length - 1]!];
	if (first !== last) {
		const overlap = (first.s.q1 ?? 0) <= (last.s.q3 ?? 0) && (last.s.q1 ?? 0) <= (first.s.q3 ?? 0);
		sentences.push(
			`The middle halves of ${lowerFirst(first.g.label)} and ${lowerFirst(last.g.label)} ${overlap ? 'overlap' : 'do not overlap'}.`
		);
	}
	return sentences.join(' ');
}

/** The distribution as a table: per group the districts with and without a value and the five-number summary. */
export function distributionTable(
	values: readonly DistrictValue[],
	groups: readonly { group: string; label: string }[],
	caption: string,
	unit: string
): TableData {
	const columns = [
		{ id: 'group', label: 'Group' },
		{
			id: 'n',
			label: `${unit.charAt(0).toUpperCase()}${unit.slice(1)} with a value`,
			numeric: true
		},
		{ id: 'n_missing', label: 'Without a value', numeric: true },
		{ id: 'min', label: 'Lowest', numeric: true },
		{ id: 'q1', label: 'Lower quartile', numeric: true },
		{ id: 'median', label: 'Median', numeric: true },
		{ id: 'q3', label: 'Upper quartile', numeric: true },
		{ id: 'max', label: 'Highest', numeric: true }
	];
	const none = { absent: { status: 'not_applicable', reason: 'no_values' } } as const;
	const rows = groups.map((g) => {
		const s = groupSpread(values, g.group);
		const cell = (v: number | null) => (v === null ? none : percent(v));
		return {
			key: g.group,
			header: g.label,
			cells: {
				n: count(s.n),
				n_missing: count(s.n_missing),
				min: cell(s.min),
				q1: cell(s.q1),
				median: cell(s.median),
				q3: cell(s.q3),
				max: cell(s.max)
			}
		};
	});
	return { caption, columns, rows };
}

/** The distribution's legend: the median line and the middle-half line. */
export function distributionLegend(): LegendItem[] {
	return [
		{ label: 'Median district', swatch: 'line', color: 'var(--ink)' },
		{ label: 'Middle half of districts (lower to upper quartile)', swatch: 'whisker' }
	];
}

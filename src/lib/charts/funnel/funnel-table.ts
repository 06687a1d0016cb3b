import type { TableCell, TableData, TableRow } from '../../components/table.ts';
import { count, percentInterval } from '../../format/number.ts';
import type { LegendItem } from '../legend.ts';
import { groupColor } from '../symbols.ts';
import { plotted, rateText } from '../values.ts';
import type { FunnelDatum, FunnelGroup, FunnelStage } from './funnel-data.ts';
import type { FunnelReference } from './funnel-text.ts';

function rateCell(d: FunnelDatum): TableCell {
	const { value } = d;
	if (value.status === 'shown' || value.status === 'coarsened') return rateText(value);
	return { absent: value, zeroText: '0%' };
}

function countCell(n: number | null): TableCell {
	return n === null
		? { absent: { status: 'suppressed', reason: 'counts_withheld', label: '—' } }
		: count(n);
}

/**
 * The funnel as a table: one row per stage and group with the rate, its 95% interval, the count
 * of students and the denominator it is out of (named). Withheld counts say so.
 */
export function funnelTable(
	stages: readonly FunnelStage[],
	groups: readonly FunnelGroup[],
	data: readonly FunnelDatum[],
	caption: string
): TableData {
	const rows = stages.flatMap((stage) =>
		groups.flatMap((group): TableRow[] => {
			const d = data.find((x) => x.stage === stage.id && x.group === group.group);
			if (!d) return [];
			const ci =
				plotted(d.value) === null
					? rateCell(d)
					: d.lo === null
						? 'not available'
						: percentInterval(d.lo, d.hi);
			return [
				{
					key: `${stage.id}|${group.group}`,
					header: stage.label,
					cells: {
						group: group.label,
						rate: rateCell(d),
						ci,
						numerator: countCell(d.numerator),
						denominator: countCell(d.denominator),
						of: stage.denominator
					}
				}
			];
		})
	);
	const columns = [
		{ id: 'stage', label: 'Stage' },
		{ id: 'group', label: 'Group' },
		{ id: 'rate', label: 'Rate', numeric: true },
		{ id: 'ci', label: '95% CI', numeric: true },
		{ id: 'numerator', label: 'Students', numeric: true },
		{ id: 'denominator', label: 'Out of', numeric: true },
		{ id: 'of', label: 'Denominator' }
	];
	return { caption, columns, rows };
}

/** The funnel's legend: one bar colour per group (named), the whisker and the reference line. */
export function funnelLegend(
	groups: readonly FunnelGroup[],
	reference?: FunnelReference
): LegendItem[] {
	return [
		...groups.map((g) => ({
			label: g.label,
			swatch: 'square' as const,
			color: groupColor(g.group)
		})),
		{ label: '95% confidence interval', swatch: 'whisker' },
		...(reference
			? [{ label: reference.label, swatch: 'line' as const, color: 'var(--ink)', dashed: true }]
			: [])
	];
}

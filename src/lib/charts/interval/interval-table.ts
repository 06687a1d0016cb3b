import { isAbsence } from '../../components/missingness.ts';
import type { TableCell, TableData, TableRow } from '../../components/table.ts';
import { count, percent, percentInterval } from '../../format/number.ts';
import type { LegendItem } from '../legend.ts';
import type { IntervalDatum, ReferenceDatum, Reliability, SeriesSpec } from './interval-data.ts';

const RELIABILITY_TEXT: Readonly<Record<Reliability, string>> = {
	ok: 'Meets standard',
	caution: '! Interpret with caution',
	unreliable: '‡ Not met'
};

function estimateCell(d: IntervalDatum): TableCell {
	if (d.value.status === 'shown') return percent(d.value.value);
	if (d.value.status === 'coarsened') return d.value.label;
	return { absent: d.value, zeroText: '0%' };
}

function intervalCell(d: IntervalDatum): TableCell {
	if (isAbsence(d.value) && d.value.status !== 'true_zero') return { absent: d.value };
	return d.lo === null ? 'not available' : percentInterval(d.lo, d.hi);
}

/**
 * The interval chart as a table: per group (and series) the estimate, its 95% interval, the
 * reliability standard, n and effective n, and the published reference figure when given.
 * A suppressed estimate hides its interval for the same reason.
 */
export function intervalTable(
	data: readonly IntervalDatum[],
	options: {
		caption: string;
		unit: string;
		series?: readonly SeriesSpec[];
		references?: readonly ReferenceDatum[];
		/** Column label of the reference figures (e.g. the source's group definition). */
		referenceLabel?: string;
	}
): TableData {
	const series = options.series ?? [];
	const references = options.references ?? [];
	const columns = [
		{ id: 'group', label: 'Group' },
		...(series.length > 1 ? [{ id: 'series', label: 'Series' }] : []),
		{ id: 'estimate', label: 'Estimate', numeric: true },
		{ id: 'ci', label: '95% CI', numeric: true },
		{ id: 'reliability', label: 'Reliability' },
		{ id: 'n', label: `n (${options.unit})`, numeric: true },
		{ id: 'n_eff', label: 'Effective n', numeric: true },
		...(references.length
			? [{ id: 'reference', label: options.referenceLabel ?? 'Published figure', numeric: true }]
			: [])
	];
	const rows = data.map((d): TableRow => {
		const reference = references.find((r) => r.group === d.group);
		return {
			key: `${d.group}|${d.series}`,
			header: d.label,
			cells: {
				series: series.find((s) => s.id === d.series)?.label ?? d.series,
				estimate: estimateCell(d),
				ci: intervalCell(d),
				reliability: RELIABILITY_TEXT[d.reliability],
				n: count(d.n_unweighted),
				n_eff:
					d.n_eff === null
						? { absent: { status: 'not_applicable', reason: 'no_estimate' } }
						: count(Math.round(d.n_eff)),
				reference: reference ? percent(reference.value) : 'not published'
			}
		};
	});
	return { caption: options.caption, columns, rows };
}

/**
 * The legend of an interval chart: each series' shape, the whisker, the reference diamond with
 * its label when references are drawn (`referenceLabel` not null), and the glyph of each kind of
 * missing value present.
 */
export function intervalLegend(
	data: readonly IntervalDatum[],
	series: readonly SeriesSpec[],
	referenceLabel: string | null
): LegendItem[] {
	const items: LegendItem[] = series
		.filter((s) => s.label)
		.map((s) => ({ label: s.label, swatch: s.shape, hollow: s.hollow, color: 'var(--ink)' }));
	items.push({ label: '95% confidence interval', swatch: 'whisker' });
	if (referenceLabel !== null)
		items.push({
			label: referenceLabel,
			swatch: 'diamond',
			hollow: true,
			color: 'var(--reference)'
		});
	const kinds = new Set(data.map((d) => d.value.status));
	if (kinds.has('suppressed')) items.push({ label: 'Suppressed', swatch: 'suppressed' });
	if (kinds.has('missing')) items.push({ label: 'No data', swatch: 'missing' });
	if (kinds.has('not_applicable'))
		items.push({ label: 'Not applicable', swatch: 'not_applicable' });
	return items;
}

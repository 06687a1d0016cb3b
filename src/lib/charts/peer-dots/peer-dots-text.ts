import type { TableData } from '../../components/table.ts';
import type { LegendItem } from '../legend.ts';
import type { PeerDotDatum } from './peer-dots-data.ts';

/** The chart's summary: each district's value and its peers', one sentence per district. */
export function peerDotsSummary(data: readonly PeerDotDatum[], empty: string): string {
	if (data.length === 0) return empty;
	return data.map((d) => `${d.label}: ${d.valueText}; ${d.peerText}.`).join(' ');
}

/** The chart as a table: per district, its value and its peers'. */
export function peerDotsTable(
	data: readonly PeerDotDatum[],
	options: { caption: string; value: string; peers: string }
): TableData {
	return {
		caption: options.caption,
		columns: [
			{ id: 'district', label: 'District' },
			{ id: 'value', label: options.value, numeric: true },
			{ id: 'peers', label: options.peers }
		],
		rows: data.map((d) => ({
			key: d.key,
			header: d.label,
			cells: { value: d.valueText, peers: d.peerText }
		}))
	};
}

/** Legend: the district's dot and whisker, the peers' band and centre, and the glyphs used. */
export function peerDotsLegend(
	data: readonly PeerDotDatum[],
	labels: { band: string; center: string }
): LegendItem[] {
	const items: LegendItem[] = [
		{ label: 'District', swatch: 'circle', color: 'var(--high)' },
		{ label: '95% confidence interval', swatch: 'whisker' },
		{ label: labels.center, swatch: 'line', color: 'var(--low)' },
		{ label: labels.band, swatch: 'square', color: 'var(--low)', hollow: true }
	];
	const kinds = new Set(data.map((d) => d.value.status));
	if (kinds.has('coarsened'))
		items.push({
			label: 'Shown as a range (privacy)',
			swatch: 'square',
			color: 'var(--high)',
			hollow: true
		});
	if (kinds.has('suppressed')) items.push({ label: 'Suppressed', swatch: 'suppressed' });
	if (kinds.has('missing')) items.push({ label: 'No data or not surveyed', swatch: 'missing' });
	return items;
}

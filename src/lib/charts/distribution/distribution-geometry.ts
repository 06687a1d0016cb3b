import type { ScaleLinear } from 'd3';
import { percent, percentInterval } from '../../format/number.ts';
import { counted } from '../format.ts';
import { placeLabel, type LabelPlacement } from '../labels.ts';
import { px } from '../scales.ts';
import { groupColor } from '../symbols.ts';
import { groupSpread, histogram, type Bin, type DistrictValue } from './distribution-stats.ts';

/** Space for the group's label above its histogram. */
export const LABEL_HEIGHT = 22;
/** Height of the tallest bin. */
export const HISTOGRAM_HEIGHT = 56;
/** Band under the histogram for the middle-half line. */
export const SPREAD_HEIGHT = 14;
export const ROW_GAP = 12;
const ROW = LABEL_HEIGHT + HISTOGRAM_HEIGHT + SPREAD_HEIGHT + ROW_GAP;

/** A histogram bar of one group, placed. */
export interface HistogramBar {
	readonly key: string;
	readonly x: number;
	readonly y: number;
	readonly width: number;
	readonly height: number;
	readonly description: string;
}

/** A group's median and middle half, placed; the group's focusable summary. */
export interface SpreadMark extends LabelPlacement {
	readonly key: string;
	readonly label: string;
	readonly labelY: number;
	readonly top: number;
	readonly bottom: number;
	readonly color: string;
	/** Median line x, or null without values. */
	readonly median: number | null;
	readonly medianText: string;
	readonly textY: number;
	/** Middle half (Q1–Q3) in px, drawn under the histogram. */
	readonly iqr: readonly [number, number] | null;
	readonly iqrY: number;
	readonly description: string;
}

/** One row of the chart: the group's summary mark and its non-empty bins. */
export interface DistributionRow {
	readonly spread: SpreadMark;
	readonly bars: readonly HistogramBar[];
}

/** Height of the drawing area for `groups` rows. */
export function distributionHeight(groups: number): number {
	return groups * ROW;
}

/** "10–15%", "2.5–5%": a bin's range in points, without the one-decimal rule for small shares. */
export function binLabel(bin: Pick<Bin, 'lo' | 'hi'>): string {
	const p = (v: number) => String(Math.round(v * 1000) / 10);
	return `${p(bin.lo)}–${p(bin.hi)}%`;
}

function spreadDescription(label: string, unit: string, s: ReturnType<typeof groupSpread>): string {
	const missing = s.n_missing
		? ` ${counted(s.n_missing, unit)} without a value ${s.n_missing === 1 ? 'is' : 'are'} not shown.`
		: '';
	if (s.median === null) return `${label}: no ${unit} with a value.${missing}`;
	return `${label}: median ${percent(s.median)} across ${counted(s.n, unit)}; middle half ${percentInterval(s.q1, s.q3)}, range ${percentInterval(s.min, s.max)}.${missing}`;
}

/**
 * Places one histogram per group (bins from 0 to the axis end, bar height = share of the group's
 * districts, on one scale for all groups so shapes compare), the group's median as a line with
 * its label, and its middle half (Q1–Q3) as a line underneath.
 */
export function distributionLayout(
	values: readonly DistrictValue[],
	groups: readonly { group: string; label: string }[],
	frame: { x: ScaleLinear<number, number>; width: number },
	unit: string
): DistributionRow[] {
	const [, max] = frame.x.domain() as [number, number];
	const bins = groups.map((g) => histogram(values, g.group, max));
	const tallest = Math.max(...bins.flat().map((b) => b.share), 1e-9);
	return groups.map((g, i) => {
		const top = i * ROW + LABEL_HEIGHT;
		const bottom = top + HISTOGRAM_HEIGHT;
		const s = groupSpread(values, g.group);
		const median = s.median === null ? null : px(frame.x(s.median));
		const medianText = s.median === null ? 'no values' : `median ${percent(s.median)}`;
		const placed =
			median === null
				? { x: 0, anchor: 'start' as const }
				: placeLabel(median, median, medianText, frame.width);
		const bars = (bins[i] ?? []).flatMap((bin) => {
			if (bin.count === 0) return [];
			const height = px((bin.share / tallest) * HISTOGRAM_HEIGHT);
			const x = px(frame.x(bin.lo));
			return [
				{
					key: `${g.group}|${bin.lo}`,
					x: x + 0.5,
					y: px(bottom - height),
					width: Math.max(1, px(frame.x(bin.hi)) - x - 1),
					height,
					description: `${g.label}, ${binLabel(bin)}: ${counted(bin.count, unit)} (${percent(bin.share)} of the group).`
				}
			];
		});
		const iqr =
			s.q1 === null || s.q3 === null ? null : ([px(frame.x(s.q1)), px(frame.x(s.q3))] as const);
		return {
			spread: {
				key: g.group,
				label: g.label,
				labelY: i * ROW + 15,
				top,
				bottom,
				color: groupColor(g.group),
				median,
				medianText,
				textY: top + 10,
				...placed,
				iqr,
				iqrY: bottom + SPREAD_HEIGHT / 2,
				description: spreadDescription(g.label, unit, s)
			},
			bars
		};
	});
}

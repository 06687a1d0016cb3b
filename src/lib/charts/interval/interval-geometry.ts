import type { ScaleBand } from 'd3';
import { isAbsence, type Absence } from '../../components/missingness.ts';
import { placeLabel, type LabelPlacement } from '../labels.ts';
import { px } from '../scales.ts';
import { groupColor, type Shape } from '../symbols.ts';
import { plotted } from '../values.ts';
import type { IntervalDatum, ReferenceDatum, SeriesSpec } from './interval-data.ts';
import { estimateDescription, markText } from './interval-text.ts';

/** Height reserved at the top of each row for the row's label, in px. */
export const ROW_LABEL_HEIGHT = 20;
/** Height of each series' marks within a row, in px. */
export const SERIES_HEIGHT = 22;
/** Width of the glyph that stands for a value that is not drawn, in px. */
export const ABSENT_GLYPH = 14;

/** A row label, drawn once per group above its marks. */
export interface RowLabel {
	readonly group: string;
	readonly text: string;
	readonly y: number;
}

/** One estimate, placed: a dot with its whisker and label, or a glyph saying why there is none. */
export interface IntervalMark extends LabelPlacement {
	readonly key: string;
	readonly group: string;
	readonly cx: number;
	readonly cy: number;
	/** Whisker ends in px, or null without an interval. */
	readonly whisker: readonly [number, number] | null;
	readonly shape: Shape;
	readonly hollow: boolean;
	readonly color: string;
	readonly text: string;
	/** Set when no estimate is drawn (suppressed, no data, not applicable); cx is the glyph's centre. */
	readonly absent: Absence | null;
	readonly description: string;
}

/** A published figure placed on its group's row. */
export interface ReferenceMark {
	readonly key: string;
	readonly cx: number;
	readonly cy: number;
	readonly description: string;
}

/** Scales and size the geometry needs (from the Layer Cake context). */
export interface IntervalFrame {
	readonly x: (value: number) => number;
	readonly y: ScaleBand<string>;
	readonly width: number;
}

/** Chart height for `groups` rows of `series` series each (the drawing area, without the axis). */
export function intervalChartHeight(groups: number, series: number): number {
	return groups * (ROW_LABEL_HEIGHT + series * SERIES_HEIGHT + 10);
}

/** Centre line of series `index` of `count` in a group's row. */
export function seriesY(y: ScaleBand<string>, group: string, index: number, count: number): number {
	const top = (y(group) ?? 0) + ROW_LABEL_HEIGHT;
	return top + ((y.bandwidth() - ROW_LABEL_HEIGHT) * (index + 0.5)) / count;
}

/** One label per group, at the top of its row. */
export function rowLabels(data: readonly IntervalDatum[], y: ScaleBand<string>): RowLabel[] {
	const seen = new Map<string, RowLabel>();
	for (const d of data) {
		if (!seen.has(d.group))
			seen.set(d.group, { group: d.group, text: d.label, y: (y(d.group) ?? 0) + 14 });
	}
	return [...seen.values()];
}

const SINGLE: SeriesSpec = { id: '', label: '', shape: 'circle', hollow: false };

/**
 * Places every estimate: the dot at the estimate, the whisker across its 95% interval, the label
 * right of the whisker and of the group's reference mark (or left of both when it would not fit),
 * and the description read on focus. A
 * value that is not drawn gets a glyph at the axis origin with its kind spelled out; a true zero
 * is drawn as a value at 0.
 */
export function intervalMarks(
	data: readonly IntervalDatum[],
	frame: IntervalFrame,
	text: { measure: string; unit: string },
	series: readonly SeriesSpec[] = [SINGLE],
	references: readonly ReferenceDatum[] = []
): IntervalMark[] {
	return data.map((d) => {
		const index = Math.max(
			0,
			series.findIndex((s) => s.id === d.series)
		);
		const spec = series[index] ?? SINGLE;
		const value = plotted(d.value);
		const label = markText(d);
		const cy = seriesY(frame.y, d.group, index, series.length);
		const base = {
			key: `${d.group}|${d.series}`,
			group: d.group,
			cy,
			shape: spec.shape,
			hollow: spec.hollow,
			color: groupColor(d.group),
			text: label,
			description: estimateDescription(d, text.measure, text.unit, spec.label)
		};
		if (value === null) {
			const origin = px(frame.x(0));
			const absent = isAbsence(d.value) ? d.value : null;
			return {
				...base,
				cx: origin + ABSENT_GLYPH / 2,
				whisker: null,
				absent,
				x: origin + ABSENT_GLYPH + 6,
				anchor: 'start'
			};
		}
		const cx = px(frame.x(value));
		const whisker =
			d.lo === null || d.hi === null ? null : ([px(frame.x(d.lo)), px(frame.x(d.hi))] as const);
		const reference = references.find((r) => r.group === d.group);
		const diamond = reference
			? [px(frame.x(reference.value)) - 8, px(frame.x(reference.value)) + 8]
			: [];
		const ends = [...(whisker ?? [cx - 5, cx + 5]), ...diamond];
		const placed = placeLabel(Math.min(...ends), Math.max(...ends), label, frame.width);
		return { ...base, cx, whisker, absent: null, ...placed };
	});
}

/** Places published figures on the rows of their groups (centred on the row's marks). */
export function referenceMarks(
	references: readonly ReferenceDatum[],
	frame: IntervalFrame,
	describe: (reference: ReferenceDatum) => string
): ReferenceMark[] {
	return references
		.filter((r) => frame.y(r.group) !== undefined)
		.map((r) => ({
			key: `reference|${r.group}`,
			cx: px(frame.x(r.value)),
			cy: seriesY(frame.y, r.group, 0, 1),
			description: describe(r)
		}));
}

import type { ScaleLinear } from 'd3';
import { isAbsence, type Absence } from '../../components/missingness.ts';
import { textWidth } from '../format.ts';
import { placeLabel, type LabelPlacement } from '../labels.ts';
import { px } from '../scales.ts';
import { groupColor } from '../symbols.ts';
import { plotted, rateText } from '../values.ts';
import type { FunnelDatum, FunnelGroup, FunnelStage } from './funnel-data.ts';
import { funnelDescription, type FunnelReference } from './funnel-text.ts';

/** Two lines above each stage's bars: the stage, then its denominator. */
export const STAGE_HEADER = 38;
/** Height of one group's row within a stage, and of its bar. */
export const BAR_ROW = 24;
export const BAR_HEIGHT = 14;
/** Space after each stage. */
export const STAGE_GAP = 10;
/** Space under the last stage for the reference line's label. */
export const REFERENCE_SPACE = 20;

/** A stage heading: the stage and "% of <denominator>". */
export interface StageHeading {
	readonly stage: string;
	readonly title: string;
	readonly subtitle: string;
	readonly y: number;
}

/** One group's bar at one stage, placed. */
export interface FunnelBar extends LabelPlacement {
	readonly key: string;
	readonly group: string;
	/** Bar label at the left, e.g. "High". */
	readonly short: string;
	readonly y: number;
	readonly cy: number;
	/** Bar length in px (capped at the axis end). */
	readonly length: number;
	readonly whisker: readonly [number, number] | null;
	readonly color: string;
	readonly text: string;
	readonly absent: Absence | null;
	readonly description: string;
}

/** The reference line, placed over its stage's bars. */
export interface ReferenceLine {
	readonly x: number;
	readonly y1: number;
	readonly y2: number;
	/** The stretches drawn, top to bottom: `y1`–`y2` broken where a value label crosses it. */
	readonly segments: readonly (readonly [number, number])[];
	readonly labelY: number;
	readonly label: string;
	readonly description: string;
}

/** Height of the funnel's drawing area. */
export function funnelHeight(stages: number, groups: number, reference: boolean): number {
	return stages * (STAGE_HEADER + groups * BAR_ROW + STAGE_GAP) + (reference ? REFERENCE_SPACE : 0);
}

/**
 * Places the funnel: per stage a heading naming its denominator, then one bar per group from 0
 * to the rate (capped at the axis end) with its whisker and label; a glyph where the rate is
 * missing or not applicable; and the reference line across the bars of its stage.
 */
export function funnelLayout(
	stages: readonly FunnelStage[],
	groups: readonly FunnelGroup[],
	data: readonly FunnelDatum[],
	frame: { x: ScaleLinear<number, number>; width: number },
	reference?: FunnelReference & { description: string }
): { headings: StageHeading[]; bars: FunnelBar[]; reference: ReferenceLine | null } {
	const stageHeight = STAGE_HEADER + groups.length * BAR_ROW + STAGE_GAP;
	const [, axisEnd] = frame.x.domain() as [number, number];
	const headings = stages.map((s, i) => ({
		stage: s.id,
		title: s.label,
		subtitle: `% of ${s.denominator}`,
		y: i * stageHeight
	}));
	const bars = stages.flatMap((stage, i) =>
		groups.flatMap((group, j): FunnelBar[] => {
			const d = data.find((x) => x.stage === stage.id && x.group === group.group);
			if (!d) return [];
			const y = i * stageHeight + STAGE_HEADER + j * BAR_ROW;
			const value = plotted(d.value);
			const base = {
				key: `${stage.id}|${group.group}`,
				group: group.group,
				short: group.short,
				y,
				cy: y + BAR_HEIGHT / 2,
				color: groupColor(group.group),
				description: funnelDescription(d, stage, group)
			};
			if (value === null) {
				const absent = isAbsence(d.value) ? d.value : null;
				const text = rateText(d.value);
				return [
					{ ...base, length: 0, whisker: null, absent, text, x: 20, anchor: 'start' as const }
				];
			}
			const length = px(frame.x(Math.min(value, axisEnd)));
			const whisker =
				d.lo === null || d.hi === null ? null : ([px(frame.x(d.lo)), px(frame.x(d.hi))] as const);
			const text = rateText(d.value);
			const right = Math.max(length, whisker?.[1] ?? 0);
			return [
				{ ...base, length, whisker, absent: null, text, ...placeLabel(0, right, text, frame.width) }
			];
		})
	);
	return {
		headings,
		bars,
		reference: reference ? referenceLine(reference, stages, groups, frame, bars) : null
	};
}

/** Half the height of a value label, and the clearance kept around it, in px. */
const LABEL_HALF_HEIGHT = 8;
const LABEL_CLEARANCE = 2;

/** The stretches of a vertical line at `x` from `y1` to `y2` that no label of `bars` crosses. */
function clearSegments(x: number, y1: number, y2: number, bars: readonly FunnelBar[]) {
	const crossed = bars
		.filter((b) => {
			const w = textWidth(b.text);
			const [left, right] = b.anchor === 'start' ? [b.x, b.x + w] : [b.x - w, b.x];
			return x >= left - LABEL_CLEARANCE && x <= right + LABEL_CLEARANCE;
		})
		.map((b) => [b.cy - LABEL_HALF_HEIGHT, b.cy + LABEL_HALF_HEIGHT] as const)
		.sort((a, b) => a[0] - b[0]);
	const segments: (readonly [number, number])[] = [];
	let from = y1;
	for (const [top, bottom] of crossed) {
		if (top > from) segments.push([from, top]);
		from = Math.max(from, bottom);
	}
	if (from < y2) segments.push([from, y2]);
	return segments;
}

function referenceLine(
	reference: FunnelReference & { description: string },
	stages: readonly FunnelStage[],
	groups: readonly FunnelGroup[],
	frame: { x: ScaleLinear<number, number> },
	bars: readonly FunnelBar[]
): ReferenceLine | null {
	const index = stages.findIndex((s) => s.id === reference.stage);
	if (index < 0) return null;
	const top = index * (STAGE_HEADER + groups.length * BAR_ROW + STAGE_GAP) + STAGE_HEADER;
	const bottom = top + groups.length * BAR_ROW - (BAR_ROW - BAR_HEIGHT);
	const x = px(frame.x(reference.value));
	const stageBars = bars.filter((b) => b.key.startsWith(`${reference.stage}|`));
	return {
		x,
		y1: top - 4,
		y2: bottom + 4,
		segments: clearSegments(x, top - 4, bottom + 4, stageBars),
		labelY: bottom + 18,
		label: reference.label,
		description: reference.description
	};
}

import type { ScaleLinear } from 'd3';
import { percent } from '../../format/number.ts';
import { textWidth } from '../format.ts';
import { px } from '../scales.ts';
import { groupColor } from '../symbols.ts';

/** A group's share of the base population and of the students who met dosage (`RepresentationRow`). */
export interface RepresentationLike {
	readonly poverty_group: string;
	readonly base_share: number | null;
	readonly dosage_share: number | null;
	readonly representation_index: number | null;
}

/** The two stacked bars: the base population and the students who met the dosage rule. */
export const REPRESENTATION_BARS = [
	{ id: 'base_share', title: 'Share of enrolled students' },
	{ id: 'dosage_share', title: 'Share of students who met the dosage rule' }
] as const;

export const BAR_HEIGHT = 30;
/** Top of each bar: title line above the first, a band of connectors between the two. */
export const BAR_TOPS = [22, 118] as const;
/** Height of the drawing area. */
export const REPRESENTATION_HEIGHT = 176;

/** The highest-poverty group (the last one that is not "all" or "unknown"): its segments are hatched. */
export function hatchedGroup(groups: readonly { group: string }[]): string | undefined {
	return groups.filter((g) => g.group !== 'all' && g.group !== 'unknown').at(-1)?.group;
}

/** One group's segment of one bar, placed, with its label inside (white pill) or outside. */
export interface Segment {
	readonly key: string;
	readonly group: string;
	readonly bar: (typeof REPRESENTATION_BARS)[number]['id'];
	readonly x: number;
	readonly y: number;
	readonly width: number;
	readonly color: string;
	readonly hatched: boolean;
	readonly text: string;
	readonly textX: number;
	readonly textY: number;
	/** The white pill behind a label inside its segment (null: label below the bar). */
	readonly pill: { readonly x: number; readonly width: number } | null;
}

/** The band joining a group's segment on the first bar to its segment on the second. */
export interface Connector {
	readonly group: string;
	readonly color: string;
	readonly points: string;
}

/**
 * Places the two 100% bars: each group's share as a segment (the highest poverty hatched over its colour,
 * so groups differ without colour), its label "High 40%" inside in a white pill when it fits, else
 * under the bar; and a band per group joining its two
 * segments so a shrinking share shows as a narrowing band. Groups with no share are skipped.
 */
export function representationLayout(
	rows: readonly RepresentationLike[],
	groups: readonly { group: string; short: string }[],
	x: ScaleLinear<number, number>
): { segments: Segment[]; connectors: Connector[] } {
	const hatched = hatchedGroup(groups);
	const segments = REPRESENTATION_BARS.flatMap((bar, b) => {
		let cumulative = 0;
		return groups.flatMap((g) => {
			const share = rows.find((r) => r.poverty_group === g.group)?.[bar.id] ?? null;
			if (share === null || share <= 0) return [];
			const [x0, x1] = [px(x(cumulative)), px(x(cumulative + share))];
			cumulative += share;
			const text = `${g.short} ${percent(share)}`;
			const w = textWidth(text) + 12;
			const inside = w <= x1 - x0;
			const y = BAR_TOPS[b] ?? 0;
			return [
				{
					key: `${bar.id}|${g.group}`,
					group: g.group,
					bar: bar.id,
					x: x0,
					y,
					width: px(x1 - x0),
					color: groupColor(g.group),
					hatched: g.group === hatched,
					text,
					textX: px((x0 + x1) / 2),
					textY: inside ? y + BAR_HEIGHT / 2 : y + BAR_HEIGHT + 16,
					pill: inside ? { x: px((x0 + x1) / 2 - w / 2), width: w } : null
				}
			];
		});
	});
	const connectors = groups.flatMap((g) => {
		const [top, bottom] = REPRESENTATION_BARS.map((bar) =>
			segments.find((s) => s.group === g.group && s.bar === bar.id)
		);
		if (!top || !bottom) return [];
		const y0 = top.y + BAR_HEIGHT;
		const y1 = bottom.y;
		const points = `${top.x},${y0} ${px(top.x + top.width)},${y0} ${px(bottom.x + bottom.width)},${y1} ${bottom.x},${y1}`;
		return [{ group: g.group, color: groupColor(g.group), points }];
	});
	return { segments, connectors };
}

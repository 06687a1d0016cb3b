import type { ScaleBand } from 'd3';
import { isAbsence, type Absence } from '../../components/missingness.ts';
import { placeLabel, type LabelPlacement } from '../labels.ts';
import { px } from '../scales.ts';
import { plotted } from '../values.ts';
import type { PeerDotDatum } from './peer-dots-data.ts';

/** Height of a row's label line above its marks, and of its marks, in px. */
export const ROW_LABEL_HEIGHT = 20;
export const MARK_HEIGHT = 26;
/** Width of the glyph standing for a value that is not drawn, in px. */
export const ABSENT_GLYPH = 14;

/** Drawing-area height for `rows` districts. */
export function peerDotsHeight(rows: number): number {
	return rows * (ROW_LABEL_HEIGHT + MARK_HEIGHT + 8);
}

/** One district's row, placed. */
export interface PeerDotMark extends LabelPlacement {
	readonly key: string;
	readonly labelY: number;
	readonly cy: number;
	/** The district's dot, or the glyph's centre when `absent`. */
	readonly cx: number;
	readonly whisker: readonly [number, number] | null;
	readonly absent: Absence | null;
	/** A value shown only as a range (top/bottom coding), px; drawn as a hollow bar, no dot. */
	readonly range: readonly [number, number] | null;
	/** The peers' spread as a band, px; null without one. */
	readonly band: readonly [number, number] | null;
	/** The peers' centre (median or share), px; null without one. */
	readonly center: number | null;
	/** The short text beside the marks. */
	readonly text: string;
	/** What the row says to a screen reader and in its tooltip. */
	readonly description: string;
}

/**
 * Places each district's row: the peers' band (IQR or interval) with a tick at their centre,
 * the district's dot and whisker on top, and its label right of everything (or left when it
 * does not fit). A value shown only as a range ("≤5%") is a hollow bar over that range; one
 * that is not drawn gets a glyph at the axis origin; the peer band is drawn all the same.
 */
export function peerDotMarks(
	data: readonly PeerDotDatum[],
	frame: { x: (v: number) => number; y: ScaleBand<string>; width: number }
): PeerDotMark[] {
	return data.map((d) => {
		const top = frame.y(d.key) ?? 0;
		const cy = top + ROW_LABEL_HEIGHT + MARK_HEIGHT / 2;
		const p = d.peer;
		const band =
			p && p.lo !== null && p.hi !== null
				? ([px(frame.x(p.lo)), px(frame.x(p.hi))] as const)
				: null;
		const center = p && p.center !== null ? px(frame.x(p.center)) : null;
		const value = plotted(d.value);
		const base = {
			key: d.key,
			labelY: top + 14,
			cy,
			band,
			center,
			text: d.valueText,
			description: `${d.label}: ${d.valueText}; ${d.peerText}.`
		};
		const peerEnds = [...(band ?? []), ...(center === null ? [] : [center - 3, center + 3])];
		if (d.value.status === 'coarsened') {
			const range = [px(frame.x(d.value.lo)), px(frame.x(d.value.hi ?? 1))] as const;
			const ends = [...range, ...peerEnds];
			const placed = placeLabel(Math.min(...ends), Math.max(...ends), d.valueText, frame.width);
			const cx = px((range[0] + range[1]) / 2);
			return { ...base, cx, whisker: null, absent: null, range, ...placed };
		}
		if (value === null) {
			const origin = px(frame.x(0));
			const cx = origin + ABSENT_GLYPH / 2;
			const placed = placeLabel(
				origin,
				Math.max(origin + ABSENT_GLYPH, ...peerEnds),
				d.valueText,
				frame.width
			);
			return {
				...base,
				cx,
				whisker: null,
				absent: isAbsence(d.value) ? d.value : null,
				range: null,
				...placed
			};
		}
		const cx = px(frame.x(value));
		const whisker =
			d.lo === null || d.hi === null ? null : ([px(frame.x(d.lo)), px(frame.x(d.hi))] as const);
		const ends = [...(whisker ?? [cx - 6, cx + 6]), ...peerEnds];
		const placed = placeLabel(Math.min(...ends), Math.max(...ends), d.valueText, frame.width);
		return { ...base, cx, whisker, absent: null, range: null, ...placed };
	});
}

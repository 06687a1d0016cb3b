import { textWidth } from './format.ts';

/** Space between a mark and its label, in px. */
export const LABEL_GAP = 6;

/** Where a value label goes: its anchor x and text-anchor. */
export interface LabelPlacement {
	readonly x: number;
	readonly anchor: 'start' | 'end';
}

/**
 * Places a label beside a mark that spans `left`–`right` px in a drawing area `width` px wide:
 * to the right when it fits, else to the left, else right-aligned at the edge (drawn with a halo
 * over the mark).
 */
export function placeLabel(
	left: number,
	right: number,
	text: string,
	width: number
): LabelPlacement {
	const w = textWidth(text);
	if (right + LABEL_GAP + w <= width) return { x: right + LABEL_GAP, anchor: 'start' };
	if (left - LABEL_GAP - w >= 0) return { x: left - LABEL_GAP, anchor: 'end' };
	return { x: width, anchor: 'end' };
}

/** A mark's tooltip: where the mark is (px in the drawing area) and what it says. */
export interface Tip {
	readonly x: number;
	readonly y: number;
	readonly text: string;
}

/** Where a tooltip box goes: left and top in px; `above` means top is its bottom edge. */
export interface TooltipBox {
	readonly left: number;
	readonly top: number;
	readonly width: number;
	readonly above: boolean;
}

const MAX_WIDTH = 260;
const OFFSET = 14;

/**
 * Places a tooltip for a mark at (`tip.x`, `tip.y`) in a `width` × `height` drawing area: up to
 * 260 px wide, centred on the mark but kept inside the area, below the mark in the upper half
 * and above it in the lower half.
 */
export function tooltipBox(tip: Tip, width: number, height: number): TooltipBox {
	const boxWidth = Math.max(120, Math.min(MAX_WIDTH, width));
	const left = Math.min(Math.max(0, tip.x - boxWidth / 2), Math.max(0, width - boxWidth));
	const above = tip.y > height / 2;
	return { left, top: above ? tip.y - OFFSET : tip.y + OFFSET, width: boxWidth, above };
}

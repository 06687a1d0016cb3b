import { symbol, symbolCircle, symbolDiamond, symbolSquare, symbolTriangle } from 'd3';

/** Mark shapes: the non-colour encoding of series and reference marks. */
export type Shape = 'circle' | 'square' | 'diamond' | 'triangle';

const TYPES = {
	circle: symbolCircle,
	square: symbolSquare,
	diamond: symbolDiamond,
	triangle: symbolTriangle
} as const;

/** SVG path of a shape centred on (0, 0) whose area is `size` px² (d3-shape's symbol). */
export function shapePath(shape: Shape, size: number): string {
	return symbol(TYPES[shape], size)() ?? '';
}

/** Fill colour of each poverty group's marks (Okabe–Ito, CSS variables of app.css). */
const GROUP_COLORS: Readonly<Record<string, string>> = {
	low: 'var(--low)',
	middle: 'var(--middle)',
	high: 'var(--high)'
};

/** The colour of a group's marks; groups that are not poverty levels are drawn in ink. */
export function groupColor(group: string): string {
	return GROUP_COLORS[group] ?? 'var(--ink)';
}

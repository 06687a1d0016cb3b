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

/**
 * Fill colour of each poverty category, lowest to highest poverty, on a blue–grey–orange ramp
 * built from the app's Okabe–Ito `--low`, `--middle` and `--high`; every colour keeps 3:1
 * against white. Covers the schemes of `poverty/schemes.ts`: low/middle/high, Q1–Q4, T1–T3
 * and the NCES low/mid_low/mid_high/high; "all" is ink and "unknown" reddish purple.
 */
const GROUP_COLORS: Readonly<Record<string, string>> = {
	low: 'var(--low)',
	Q1: 'var(--low)',
	T1: 'var(--low)',
	mid_low: '#5b86ad',
	Q2: '#5b86ad',
	middle: 'var(--middle)',
	T2: 'var(--middle)',
	mid_high: '#b07a55',
	Q3: '#b07a55',
	high: 'var(--high)',
	Q4: 'var(--high)',
	T3: 'var(--high)',
	all: 'var(--ink)',
	unknown: '#cc79a7'
};

/** The colour of a group's marks; groups outside the poverty schemes (locales…) are drawn in ink. */
export function groupColor(group: string): string {
	return GROUP_COLORS[group] ?? 'var(--ink)';
}

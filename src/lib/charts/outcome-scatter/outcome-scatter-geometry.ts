import { px } from '../scales.ts';
import { plotted } from '../values.ts';
import type { HighlightLike, LineLike } from './outcome-scatter-data.ts';

/** The scales and size of the drawing area. */
export interface ScatterFrame {
	readonly x: (v: number) => number;
	readonly y: (v: number) => number;
	/** The y domain's upper end (the line is clipped to [0, yMax]). */
	readonly yMax: number;
}

/**
 * The line's segment over x ∈ [0, 100] clipped to y ∈ [0, yMax], in data units; null when it
 * never enters that box.
 */
export function clipLine(
	line: Pick<LineLike, 'intercept' | 'slope'>,
	yMax: number
): [x1: number, y1: number, x2: number, y2: number] | null {
	const { intercept: a, slope: b } = line;
	let [lo, hi] = [0, 100];
	if (b === 0) {
		if (a < 0 || a > yMax) return null;
	} else {
		const [xa, xb] = [(0 - a) / b, (yMax - a) / b];
		lo = Math.max(lo, Math.min(xa, xb));
		hi = Math.min(hi, Math.max(xa, xb));
		if (lo > hi) return null;
	}
	return [lo, a + b * lo, hi, a + b * hi];
}

/** The line as an SVG path in px, or "" when it is outside the plot. */
export function linePath(line: LineLike | null, frame: ScatterFrame): string {
	const seg = line && clipLine(line, frame.yMax);
	if (!seg) return '';
	const [x1, y1, x2, y2] = seg;
	return `M${px(frame.x(x1))},${px(frame.y(y1))}L${px(frame.x(x2))},${px(frame.y(y2))}`;
}

/** A picked district placed on the plot (those without a percentile or value are not drawn). */
export interface HighlightMark {
	readonly key: string;
	readonly cx: number;
	readonly cy: number;
	/** The district's own interval, vertical, px. */
	readonly whisker: readonly [number, number] | null;
	/** The line's value at its percentile, px (the residual runs from here to the dot). */
	readonly expectedY: number | null;
	/** Short label: its order in the pick list ("1"…"6"). */
	readonly tag: string;
	readonly description: string;
}

/**
 * Places the picked districts: a dot at (percentile, outcome), its own vertical interval, a
 * dashed residual to the line, and its number in the pick list; the description is read on
 * focus. Districts that cannot be drawn are left out (the table and summary name them).
 */
export function highlightMarks(
	highlights: readonly HighlightLike[],
	frame: ScatterFrame,
	describe: (h: HighlightLike) => string
): HighlightMark[] {
	return highlights.flatMap((h, i) => {
		const y = plotted(h.value);
		if (h.x === null || y === null) return [];
		const clamp = (v: number) => px(frame.y(Math.min(frame.yMax, Math.max(0, v))));
		return [
			{
				key: h.leaid,
				cx: px(frame.x(h.x)),
				cy: clamp(y),
				whisker: h.lo === null || h.hi === null ? null : ([clamp(h.lo), clamp(h.hi)] as const),
				expectedY: h.residual ? clamp(h.residual.expected) : null,
				tag: String(i + 1),
				description: describe(h)
			}
		];
	});
}

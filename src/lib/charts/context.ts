import type { ScaleBand, ScaleLinear } from 'd3';
import { getLayerCakeContext } from 'layercake';

/** What a layer reads from its chart: the drawing area and the x and y scales. */
export interface ChartContext<X, Y> {
	/** Width of the drawing area (container minus padding), in px. */
	readonly width: number;
	/** Height of the drawing area, in px. */
	readonly height: number;
	/** Space around the drawing area (labels left of it, the axis below it), in px. */
	readonly padding: {
		readonly top: number;
		readonly right: number;
		readonly bottom: number;
		readonly left: number;
	};
	readonly xScale: X;
	readonly yScale: Y;
}

/**
 * The enclosing `<LayerCake>`'s context with named scale types: the only place that touches Layer
 * Cake's loosely typed context. Every field is a reactive getter; read it inside `$derived`.
 */
export function chartContext<
	X = ScaleLinear<number, number>,
	Y = ScaleBand<string>
>(): ChartContext<X, Y> {
	return getLayerCakeContext<{ x: X; y: Y }>();
}

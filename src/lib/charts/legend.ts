import type { Missingness } from '../disclosure/display-value.ts';
import type { Shape } from './symbols.ts';

/** One legend entry: a swatch (a shape, a line, a whisker or a missing-value glyph) and words. */
export interface LegendItem {
	readonly label: string;
	readonly swatch: Shape | 'line' | 'whisker' | Exclude<Missingness, 'true_zero'>;
	readonly color?: string;
	readonly hollow?: boolean;
	/** A dashed line (reference lines) rather than a solid one (medians). */
	readonly dashed?: boolean;
}

import type { DisplayValue } from '../../disclosure/display-value.ts';

/** The expected line `y = intercept + slope · x` (x a poverty percentile, 0–100). */
export interface LineLike {
	readonly intercept: number;
	readonly slope: number;
	/** Districts it was fitted on. */
	readonly n: number;
}

/** A picked district: where it sits, and its distance from the line with its interval. */
export interface HighlightLike {
	readonly leaid: string;
	readonly label: string;
	readonly x: number | null;
	readonly value: DisplayValue;
	readonly lo: number | null;
	readonly hi: number | null;
	readonly residual: {
		readonly expected: number;
		readonly residual: number;
		readonly lo: number;
		readonly hi: number;
	} | null;
}

/** What the poverty-vs-outcome scatter draws. */
export interface OutcomeScatterData {
	/** Every district drawn (its outcome shown exactly). */
	readonly points: readonly { readonly x: number; readonly y: number }[];
	readonly line: LineLike | null;
	readonly highlights: readonly HighlightLike[];
	/** "dosage rate" or "share trained": the outcome in words. */
	readonly outcome: string;
}

import {
	SUPPRESSION_EXPLANATION,
	type DisplayValue,
	type Missingness
} from '../disclosure/display-value.ts';

/** A value that is not a plain number: one of the four kinds of missingness, with its reason. */
export type Absence = Extract<DisplayValue, { status: Missingness }>;

/** How an absence is shown: a short mark, its kind in words, and why. */
export interface AbsenceText {
	/** What stands in the cell or beside the mark: "‡", "n<10", "no data", "n/a", "0%". */
	readonly symbol: string;
	/** The kind in words: "Suppressed", "No data", "Not applicable", "True zero". */
	readonly kind: string;
	/** One sentence: why there is no plain number. */
	readonly why: string;
}

/** Why a value is missing or not applicable, by the reason codes the data layers use. */
const REASON_TEXT: Readonly<Record<string, string>> = {
	missing: 'Not reported in the source data.',
	no_data: 'No respondent in this group answered the question.',
	not_finite: 'The source value is not a number.',
	zero_denominator: 'There is no one in the base group, so the rate does not exist.',
	no_denominator: 'The base count is unknown or zero, so the rate cannot be computed.',
	not_offered: 'The product or question does not apply to this group.',
	no_values: 'No district in this group has a value, so there is no spread to summarize.',
	no_estimate: 'There is no estimate, so there is no effective sample size.'
};

/** The kind names, in the order legends and tests list them. */
export const ABSENCE_KIND: Readonly<Record<Missingness, string>> = {
	suppressed: 'Suppressed',
	missing: 'No data',
	not_applicable: 'Not applicable',
	true_zero: 'True zero'
};

/**
 * The text for an absent value. A suppressed value shows its disclosure label ("‡", "n<10", "*")
 * and the disclosure rule's explanation; a true zero shows `zeroText` (e.g. "0%"): it is a
 * measured value, never drawn as missing. Unknown reason codes are named, not hidden.
 */
export function absenceText(value: Absence, zeroText = '0'): AbsenceText {
	const kind = ABSENCE_KIND[value.status];
	switch (value.status) {
		case 'suppressed':
			return { symbol: value.label, kind, why: SUPPRESSION_EXPLANATION[value.reason] };
		case 'true_zero':
			return { symbol: zeroText, kind, why: 'A measured zero, not a missing value.' };
		case 'missing':
			return { symbol: 'no data', kind, why: reasonText(value.reason, 'Not available') };
		case 'not_applicable':
			return { symbol: 'n/a', kind, why: reasonText(value.reason, 'Does not apply') };
	}
}

function reasonText(reason: string, fallback: string): string {
	return REASON_TEXT[reason] ?? `${fallback} (${reason.replaceAll('_', ' ')}).`;
}

/** True when a display value is not a plain number to draw (shown exactly or as a range). */
export function isAbsence(value: DisplayValue): value is Absence {
	return value.status !== 'shown' && value.status !== 'coarsened';
}

/** Where a note goes relative to its badge: `offset` px from the badge's left edge, and its width. */
export interface NotePlacement {
	readonly offset: number;
	readonly width: number;
}

/**
 * Keeps a note (up to `maxWidth` px) inside `bounds` (the nearest clipping box, e.g. a scrolling
 * table, or the viewport) with 8 px to spare: lined up with the badge's left edge when it fits,
 * else shifted left, and narrowed when the box is narrower than the note.
 */
export function placeNote(
	badge: { left: number },
	bounds: { left: number; right: number },
	maxWidth = 256
): NotePlacement {
	const width = Math.min(maxWidth, bounds.right - bounds.left - 16);
	const left = Math.min(Math.max(badge.left, bounds.left + 8), bounds.right - 8 - width);
	return { offset: Math.round(left - badge.left), width: Math.round(width) };
}

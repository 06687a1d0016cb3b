import type { DisplayValue } from '../disclosure/display-value.ts';
import { absenceText, isAbsence } from '../components/missingness.ts';
import { percent } from '../format/number.ts';

/** A value as a number to draw: shown values and true zeros; null for every other kind. */
export function plotted(value: DisplayValue): number | null {
	return value.status === 'shown' || value.status === 'true_zero' ? value.value : null;
}

/**
 * A rate as words for labels and summaries: "39%", "0% (true zero)", "5–10%" for a range,
 * "suppressed (‡)", "no data", "not applicable".
 */
export function rateText(value: DisplayValue): string {
	if (value.status === 'shown') return percent(value.value);
	if (value.status === 'coarsened') return value.label;
	if (value.status === 'true_zero') return '0% (true zero)';
	if (value.status === 'suppressed') return `suppressed (${value.label})`;
	return absenceText(value).kind.toLowerCase();
}

/** Why a value is not a plain number, or "" when it is one. */
export function whyAbsent(value: DisplayValue): string {
	return isAbsence(value) && value.status !== 'true_zero' ? absenceText(value).why : '';
}

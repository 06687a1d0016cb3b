import type { DisplayValue } from '../disclosure/display-value.ts';
import { SUPPRESSION_EXPLANATION } from '../disclosure/display-value.ts';
import { count, percent, points, pointsInterval } from '../format/number.ts';
import { intervalLabel, rateLabel, valueOf } from './display.ts';

/** A rate with its interval in words: "39% (95% CI 31–47%)", or why it is not shown. */
export function rateWithInterval(
	v: DisplayValue,
	lo: number | null,
	hi: number | null,
	verb = ''
): string {
	if (valueOf(v) !== null)
		return `${rateLabel(v)}${verb ? ` ${verb}` : ''} (${intervalLabel(lo, hi)})`;
	if (v.status === 'coarsened') return `${v.label} (shown as a range to protect privacy)`;
	if (v.status === 'suppressed')
		return `not shown (${v.label}: ${SUPPRESSION_EXPLANATION[v.reason]})`;
	return rateLabel(v);
}

/** Lower-cases a label's first letter unless it starts an abbreviation ("Q1", "NCES"). */
const lowerFirst = (s: string) =>
	/^[A-Z][a-z]/.test(s) ? s.charAt(0).toLowerCase() + s.slice(1) : s;

/** A compared figure: label, rate and interval. */
export interface Compared {
	readonly label: string;
	readonly value: DisplayValue;
	readonly lo: number | null;
	readonly hi: number | null;
}

/** The gap `reference − focus` in points, with its interval, as disclosed. */
export interface GapFigure {
	readonly estimate: DisplayValue;
	readonly lo: DisplayValue;
	readonly hi: DisplayValue;
}

/**
 * "High-poverty districts: 39% trained (95% CI 31–47%), 28 points below low-poverty districts
 * (95% CI 14 to 40 points)." — the focus group against the reference, the gap and its own
 * interval; a group that is not shown is named with the reason, and no gap is stated.
 */
export function gapSentence(
	focus: Compared,
	reference: Compared,
	gap: GapFigure,
	verb: string
): string {
	const head = `${focus.label}: ${rateWithInterval(focus.value, focus.lo, focus.hi, verb)}`;
	const d = valueOf(gap.estimate);
	if (d === null || valueOf(focus.value) === null || valueOf(reference.value) === null) {
		return `${head}; ${lowerFirst(reference.label)}: ${rateWithInterval(reference.value, reference.lo, reference.hi)}.`;
	}
	const [lo, hi] = [valueOf(gap.lo), valueOf(gap.hi)];
	const ci = lo === null || hi === null ? 'no interval' : `95% CI ${pointsInterval(lo, hi)}`;
	const direction = d >= 0 ? 'below' : 'above';
	return `${head}, ${points(d)} ${direction} ${lowerFirst(reference.label)} (${ci}).`;
}

/** "Of students given access, 5.1% met their product's dosage rule (95% CI 4.9–5.3%)." */
export function dosageSentence(share: Compared, scope: string): string {
	const figure = rateWithInterval(share.value, share.lo, share.hi);
	return `Of ${scope} given access, ${figure} met the recommended dosage.`;
}

/**
 * "Access accounts for 20% of the gap in use among enrolled students, and conversion (meeting
 * the rule once given access) for 80%." — from the access–conversion decomposition, on the log
 * scale; nothing when the decomposition is withheld or undefined.
 */
export function decompositionSentence(
	accessShare: DisplayValue,
	high: string,
	low: string
): string | null {
	const share = valueOf(accessShare);
	if (share === null) return null;
	const conversion = 1 - share;
	return `Comparing ${lowerFirst(high)} with ${lowerFirst(low)}: access (having a licence) accounts for ${percent(share)} of the gap in use among enrolled students, and conversion (meeting the rule once given access) for ${percent(conversion)} (shares of the log ratio).`;
}

/** One group's licensed students left not evaluable (too few eligible weeks), as disclosed. */
export interface NotEvaluableFigure {
	readonly label: string;
	/** Share of the group's licensed students. */
	readonly share: DisplayValue;
	/** Not-evaluable students: a count, withheld in public mode. */
	readonly count: DisplayValue;
	/** Licensed students: exact in research mode, a band in public mode. */
	readonly licensed: DisplayValue;
}

/** Where a funnel's products were evaluated: logs (student-week), supplied aggregates, or both. */
export type EvaluatedFrom = 'logs' | 'aggregates' | 'mixed';

function notEvaluableText(f: NotEvaluableFigure): string {
	const [n, of] = [valueOf(f.count), valueOf(f.licensed)];
	const counts = n === null || of === null ? '' : ` (${count(n)} of ${count(of)})`;
	if (valueOf(f.share) !== null) return `${rateLabel(f.share)}${counts}`;
	if (f.share.status === 'suppressed') return `not shown (${f.share.label})`;
	return rateLabel(f.share);
}

/**
 * Who the dosage rate leaves out (domain-spec §4.2 step 5): "Not evaluable (fewer eligible weeks
 * than the rule needs; left out of “met the recommended dosage” and its denominator), as a share
 * of licensed students: students in low-poverty districts 14% (1 of 7); all students 17% (2 of
 * 12)." Supplied aggregates have no such count: the supplier evaluated the rule.
 */
export function notEvaluableSentence(
	figures: readonly NotEvaluableFigure[],
	from: EvaluatedFrom
): string {
	const aggregates =
		'Supplied aggregates count no student as not evaluable: their dosage rate is out of all licensed students.';
	if (from === 'aggregates') return aggregates;
	const parts = figures.map((f) => `${lowerFirst(f.label)} ${notEvaluableText(f)}`);
	const sentence = `Not evaluable (fewer eligible weeks than the rule needs; left out of “met the recommended dosage” and its denominator), as a share of licensed students: ${parts.join('; ')}.`;
	return from === 'mixed' ? `${sentence} ${aggregates}` : sentence;
}

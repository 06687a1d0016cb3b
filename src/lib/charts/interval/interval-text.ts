import { absenceText, isAbsence } from '../../components/missingness.ts';
import { count, percentInterval, points } from '../../format/number.ts';
import { plotted, rateText, whyAbsent } from '../values.ts';
import type { IntervalDatum } from './interval-data.ts';

const CAUTION = 'Interpret with caution (!): the effective sample is small.';

/** The label beside a mark: "39%", "39% !" (caution), "0% (true zero)", "Suppressed ‡", "No data". */
export function markText(d: IntervalDatum): string {
	if (d.value.status === 'suppressed') return `Suppressed ${d.value.label}`;
	if (isAbsence(d.value) && d.value.status !== 'true_zero') return absenceText(d.value).kind;
	return `${rateText(d.value)}${d.reliability === 'caution' ? ' !' : ''}`;
}

/** "n = 84 districts (effective n 61)". */
export function sampleText(d: IntervalDatum, unit: string): string {
	const eff = d.n_eff === null ? '' : ` (effective n ${count(Math.round(d.n_eff))})`;
	return `n = ${count(d.n_unweighted)} ${unit}${eff}`;
}

/**
 * What a mark says to a screen reader and in its tooltip: "High-poverty districts, fall 2024:
 * 39% trained, 95% CI 31–47%. n = 84 districts (effective n 61)." An estimate that is not shown
 * says which kind of missing it is and why; a caution flag is spelled out.
 */
export function estimateDescription(
	d: IntervalDatum,
	measure: string,
	unit: string,
	seriesLabel = ''
): string {
	const who = seriesLabel ? `${d.label}, ${seriesLabel}` : d.label;
	const sample = sampleText(d, unit);
	if (plotted(d.value) === null)
		return `${who}: ${rateText(d.value)}. ${whyAbsent(d.value)} ${sample}.`;
	const ci = d.lo === null ? 'no interval' : `95% CI ${percentInterval(d.lo, d.hi)}`;
	const caution = d.reliability === 'caution' ? ` ${CAUTION}` : '';
	return `${who}: ${rateText(d.value)} ${measure}, ${ci}.${caution} ${sample}.`;
}

/** "39% trained (95% CI 31–47%)". */
function withInterval(d: IntervalDatum, measure: string): string {
	const ci = d.lo === null ? 'no interval' : `95% CI ${percentInterval(d.lo, d.hi)}`;
	return `${rateText(d.value)}${measure ? ` ${measure}` : ''} (${ci})`;
}

const lowerFirst = (s: string) => s.charAt(0).toLowerCase() + s.slice(1);

/** One series' comparison sentence, or its highest/lowest sentence without a comparison. */
function seriesSentence(
	rows: readonly IntervalDatum[],
	measure: string,
	compare: readonly [focus: string, reference: string] | undefined
): string {
	if (compare) {
		const focus = rows.find((d) => d.group === compare[0]);
		const reference = rows.find((d) => d.group === compare[1]);
		if (!focus || !reference) return '';
		const [f, r] = [plotted(focus.value), plotted(reference.value)];
		if (f === null) return `${focus.label}: ${rateText(focus.value)}. ${whyAbsent(focus.value)}`;
		const head = `${focus.label}: ${withInterval(focus, measure)}`;
		if (r === null) return `${head}; ${lowerFirst(reference.label)}: ${rateText(reference.value)}.`;
		const direction = f <= r ? 'below' : 'above';
		const gap = Math.abs(f - r) < 0.0005 ? 'level with' : `${points(r - f)} ${direction}`;
		return `${head}, ${gap} ${lowerFirst(reference.label)}.`;
	}
	const shownRows = rows.filter((d) => plotted(d.value) !== null);
	if (shownRows.length === 0) return 'No group has an estimate that can be shown.';
	const sorted = [...shownRows].sort((a, b) => (plotted(b.value) ?? 0) - (plotted(a.value) ?? 0));
	const [top, bottom] = [sorted[0]!, sorted[sorted.length - 1]!];
	if (top === bottom) return `${top.label}: ${withInterval(top, measure)}.`;
	return `Highest: ${lowerFirst(top.label)}, ${withInterval(top, measure)}; lowest: ${lowerFirst(bottom.label)}, ${withInterval(bottom, '')}.`;
}

/** Options of {@link intervalSummary}. */
export interface IntervalSummaryOptions {
	/** Verb or noun after the rate: "trained". */
	readonly measure: string;
	/** Groups to compare, e.g. ["high", "low"]: the first is described against the second. */
	readonly compare?: readonly [focus: string, reference: string];
	/** Series ids and labels, in order; each series gets its own sentence. */
	readonly series?: readonly { id: string; label: string }[];
}

/**
 * The chart's text summary: per series, the focus group's rate with its interval and its
 * distance in points from the reference group ("High-poverty districts: 39% trained (95% CI
 * 31–47%), 28 points below low-poverty districts."), or the highest and lowest groups without a
 * comparison; then which groups are suppressed or flagged. The distance is between point
 * estimates; its own interval belongs to the gap metric, not to this sentence.
 */
export function intervalSummary(
	data: readonly IntervalDatum[],
	options: IntervalSummaryOptions
): string {
	const series = options.series ?? [{ id: null, label: '' }];
	const sentences = series.map(({ id, label }) => {
		const rows = id === null ? data : data.filter((d) => d.series === id);
		const sentence = seriesSentence(rows, options.measure, options.compare);
		return label && sentence ? `${label} — ${sentence}` : sentence;
	});
	const suppressed = unique(
		data.flatMap((d) => (d.value.status === 'suppressed' ? [`${d.label} (${d.value.label})`] : []))
	);
	const caution = unique(data.filter((d) => d.reliability === 'caution').map((d) => d.label));
	if (suppressed.length) sentences.push(`Not shown: ${list(suppressed)}.`);
	if (caution.length) sentences.push(`Interpret with caution (!): ${list(caution)}.`);
	return sentences.filter(Boolean).join(' ');
}

function unique(items: readonly string[]): string[] {
	return [...new Set(items)];
}

function list(labels: readonly string[]): string {
	return labels.map(lowerFirst).join(', ');
}

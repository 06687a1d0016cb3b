import { count, percentInterval } from '../../format/number.ts';
import { plotted, rateText, whyAbsent } from '../values.ts';
import type { FunnelDatum, FunnelGroup, FunnelStage } from './funnel-data.ts';

/** A horizontal reference line on one stage, e.g. the 5% line on "met dosage". */
export interface FunnelReference {
	readonly stage: string;
	readonly value: number;
	/** Short label under the line, e.g. "5% line". */
	readonly label: string;
}

const lowerFirst = (s: string) => s.charAt(0).toLowerCase() + s.slice(1);

function interval(d: FunnelDatum): string {
	return d.lo === null ? 'no interval' : `95% CI ${percentInterval(d.lo, d.hi)}`;
}

/**
 * What a bar says on focus: "Students in high-poverty districts, met the recommended dosage:
 * 3.1% of licensed students with enough eligible weeks (95% CI 2.6–3.7%); 412 of 13,290." Counts
 * are left out when withheld; an absent rate says why.
 */
export function funnelDescription(d: FunnelDatum, stage: FunnelStage, group: FunnelGroup): string {
	const who = `${group.label}, ${lowerFirst(stage.label)}`;
	if (plotted(d.value) === null) return `${who}: ${rateText(d.value)}. ${whyAbsent(d.value)}`;
	const counts =
		d.numerator === null || d.denominator === null
			? ''
			: ` ${count(d.numerator)} of ${count(d.denominator)}.`;
	const over = (plotted(d.value) ?? 0) > 1 ? ' More licences than enrolled students.' : '';
	return `${who}: ${rateText(d.value)} of ${stage.denominator} (${interval(d)}).${over}${counts}`;
}

/**
 * The funnel's summary: the last stage for every group (of more than three, the lowest and
 * highest poverty and "all") with its interval and denominator, then which groups fall below
 * the reference line ("Met the recommended dosage: 7.9% of students in
 * low-poverty districts (95% CI 7.1–8.8%), 3.1% of students in high-poverty districts (95% CI
 * 2.6–3.7%); out of licensed students with enough eligible weeks. Below the 5% line: students in
 * high-poverty districts.").
 */
export function funnelSummary(
	stages: readonly FunnelStage[],
	groups: readonly FunnelGroup[],
	data: readonly FunnelDatum[],
	reference?: FunnelReference
): string {
	const last = stages[stages.length - 1];
	if (!last) return 'No funnel stages to show.';
	const rows = namedGroups(groups).flatMap((g) => {
		const d = data.find((x) => x.stage === last.id && x.group === g.group);
		return d ? [{ d, g }] : [];
	});
	const parts = rows.map(({ d, g }) =>
		plotted(d.value) === null
			? `${lowerFirst(g.label)}: ${rateText(d.value)}`
			: `${rateText(d.value)} of ${lowerFirst(g.label)} (${interval(d)})`
	);
	const sentences = [`${last.label}: ${parts.join(', ')}; out of ${last.denominator}.`];
	if (reference) {
		const stageRows = data.filter((d) => d.stage === reference.stage);
		const below = groups.filter((g) => {
			const value = plotted(stageRows.find((d) => d.group === g.group)?.value ?? shownNone);
			return value !== null && value < reference.value;
		});
		const line = `the ${reference.label}`;
		sentences.push(
			below.length
				? `Below ${line}: ${below.map((g) => lowerFirst(g.label)).join(', ')}.`
				: `No group is below ${line}.`
		);
	}
	return sentences.join(' ');
}

const shownNone = { status: 'missing', reason: 'missing' } as const;

/** Up to three groups and "all" are named; of more, the lowest, the highest and "all". */
function namedGroups(groups: readonly FunnelGroup[]): readonly FunnelGroup[] {
	const categories = groups.filter((g) => g.group !== 'all');
	if (categories.length <= 3) return groups;
	const all = groups.filter((g) => g.group === 'all');
	return [categories[0]!, categories[categories.length - 1]!, ...all];
}

import type { TableCell, TableData } from '#lib/components/table.ts';
import { isAbsence } from '#lib/components/missingness.ts';
import type { DisplayValue } from '#lib/disclosure/display-value.ts';
import { count, percent } from '#lib/format/number.ts';
import { changeLabel, gapLabel, rateLabel, ratioLabel } from '#lib/view/display.ts';
import type { Reliability } from '#lib/stats/reliability.ts';
import type { TrainingModel } from '#lib/view/training-model.ts';

const share = (s: number | null) => (s === null ? 'n/a' : percent(s));

function rateCell(v: DisplayValue): TableCell {
	return isAbsence(v) && v.status !== 'true_zero' ? { absent: v, zeroText: '0%' } : rateLabel(v);
}

/** The reliability flag a gap figure carries on the page (§5.5), or nothing when it meets the standard. */
export const GAP_FLAG: Readonly<Record<Reliability, string>> = {
	ok: '',
	caution: '! Interpret with caution',
	unreliable: '‡ Reporting standard not met'
};

/**
 * The high-vs-low contrast (§3.3): the difference in points (Newcombe interval), the rate ratio
 * high/low (log interval on effective counts) and, in research mode, the odds ratio (Woolf),
 * each with the gap's reliability flag (the worse of its two groups).
 */
export function gapTable(model: TrainingModel): TableData | null {
	const { gap, gapGroups } = model;
	if (!gapGroups) return null;
	const flag = GAP_FLAG[gap.reliability];
	const figures = [
		{
			key: 'difference',
			header: 'Difference, lowest- minus highest-poverty',
			value: gapLabel(gap.estimate, gap.lo, gap.hi)
		},
		{
			key: 'ratio',
			header: 'Rate ratio, highest- to lowest-poverty',
			value: ratioLabel(gap.ratio.estimate, gap.ratio.lo, gap.ratio.hi)
		},
		...(gap.oddsRatio
			? [
					{
						key: 'odds_ratio',
						header: 'Odds ratio, highest- to lowest-poverty (research view)',
						value: ratioLabel(gap.oddsRatio.estimate, gap.oddsRatio.lo, gap.oddsRatio.hi)
					}
				]
			: [])
	];
	return {
		caption: `The gap between ${gapGroups.low.toLowerCase()} and ${gapGroups.high.toLowerCase()}, ${model.wave}`,
		columns: [
			{ id: 'figure', label: 'Figure' },
			{ id: 'value', label: 'Estimate (95% CI)', numeric: true },
			{ id: 'reliability', label: 'Reliability' }
		],
		rows: figures.map((f) => ({
			key: f.key,
			header: f.header,
			cells: { value: f.value, reliability: flag || 'Meets standard' }
		})),
		notes: [
			'The difference uses the Newcombe interval from both groups’ intervals; the ratios use log intervals on effective counts (estimate × effective n). A ratio interval that spans 1 is consistent with no gap.',
			...(model.excludedUnknown > 0
				? [
						`${count(model.excludedUnknown)} responding ${model.excludedUnknown === 1 ? 'district' : 'districts'} of unknown poverty level ${model.excludedUnknown === 1 ? 'is' : 'are'} excluded from the gap.`
					]
				: [])
		]
	};
}

/** Responding districts against all districts, by poverty level: how representative the sample is. */
export function compositionTable(model: TrainingModel): TableData {
	return {
		caption: `Who answered the survey, ${model.wave}: share of all districts and of responding districts by poverty level (${model.compositionScheme})`,
		columns: [
			{ id: 'group', label: 'Poverty level' },
			{ id: 'population', label: 'All districts', numeric: true },
			{ id: 'sample', label: 'Responding districts', numeric: true },
			{ id: 'weighted', label: 'Responding, weighted', numeric: true },
			{ id: 'n', label: 'Respondents (n)', numeric: true }
		],
		rows: model.composition.map((c) => ({
			key: c.group,
			header: c.label,
			cells: {
				population: share(c.population_share),
				sample: share(c.sample_share),
				weighted: share(c.weighted_share),
				n: count(c.respondents_n)
			}
		})),
		notes: [
			'Weighted shares close to the population shares mean the survey weights correct for who responded; the unweighted shares show who actually answered.'
		]
	};
}

/** How the change interval was computed: linked design, assumed independent, or Newcombe. */
export function changeMethodNote(change: NonNullable<TrainingModel['change']>): string {
	if (change.linked) {
		return 'The waves are linked by a panel identifier: the interval uses the design standard error of the difference, estimated on both waves as one design (linearised or replicate variance).';
	}
	return change.assumesIndependence
		? 'The waves share districts but no design links them; the interval treats them as independent samples.'
		: 'The waves are independent samples: the interval adds both waves’ uncertainty (Newcombe).';
}

/** Each group's rate in both waves and the change in points with its interval. */
export function changeTable(model: TrainingModel): TableData | null {
	const change = model.change;
	if (!change) return null;
	return {
		caption: `Change in the share of districts that had trained teachers on AI, ${change.from} to ${change.to}`,
		columns: [
			{ id: 'group', label: 'Group' },
			{ id: 'from', label: change.from, numeric: true },
			{ id: 'to', label: change.to, numeric: true },
			{ id: 'change', label: 'Change (95% CI)', numeric: true }
		],
		rows: change.rows.map((r) => ({
			key: r.group,
			header: r.label,
			cells: {
				from: rateCell(r.from.value),
				to: rateCell(r.to.value),
				change: isAbsence(r.change) ? { absent: r.change } : changeLabel(r.change, r.lo, r.hi)
			}
		})),
		notes: [changeMethodNote(change)]
	};
}

import type { TableCell, TableData } from '#lib/components/table.ts';
import { isAbsence } from '#lib/components/missingness.ts';
import type { DisplayValue } from '#lib/disclosure/display-value.ts';
import { count, percent } from '#lib/format/number.ts';
import { changeLabel, rateLabel } from '#lib/view/display.ts';
import type { TrainingModel } from '#lib/view/training-model.ts';

const share = (s: number | null) => (s === null ? 'n/a' : percent(s));

function rateCell(v: DisplayValue): TableCell {
	return isAbsence(v) && v.status !== 'true_zero' ? { absent: v, zeroText: '0%' } : rateLabel(v);
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

import { PUBLIC_POLICY, discloseView } from '../disclosure/disclose-view.ts';
import { surveyEstimateCell } from '../disclosure/result-cells.ts';
import type { DataOrigin, DisclosurePolicy } from '../disclosure/view.ts';
import type { TrainingByPovertyResult } from '../metrics/survey/training-by-poverty.ts';
import { disclosedFields, type FigureRow } from './figure-row.ts';

/**
 * The published rows of a training result: every group and the overall, through the one
 * disclosure function (survey cells get the reliability rule, not privacy rules, §6.1).
 */
export function surveyFigures(
	result: TrainingByPovertyResult,
	origin: DataOrigin,
	policy: DisclosurePolicy = PUBLIC_POLICY
): FigureRow[] {
	const rows = [...result.groups, { ...result.overall, group: 'all' }];
	const disclosed = discloseView(
		{
			records: 'survey',
			origin,
			cells: rows.map((row) => surveyEstimateCell(row.group, { group: row.group }, row))
		},
		policy
	);
	return rows.map((row, i) => ({
		dataset: result.survey_id,
		metric: `ai-training-${result.outcome}`,
		period: result.wave,
		product_id: '',
		scheme: result.group_by === 'poverty' ? result.scheme_label : result.group_by,
		group: row.group,
		level: row.level,
		n_eff: row.n_eff,
		method: `${row.variance_method}; ${row.interval_method}; ${result.weighting}-weighted`,
		flags: row.flags.join(' '),
		mode: disclosed.mode,
		...disclosedFields(disclosed.cells[i]!)
	}));
}

import { PUBLIC_POLICY, discloseView } from '../disclosure/disclose-view.ts';
import { surveyEstimateCell } from '../disclosure/result-cells.ts';
import type { DataOrigin, DisclosurePolicy } from '../disclosure/view.ts';
import type { Outcome, Weighting } from '../metrics/survey/analysis-rows.ts';
import type { TrainingByPovertyResult } from '../metrics/survey/training-by-poverty.ts';
import { disclosedFields, type FigureRow } from './figure-row.ts';

/**
 * The registered survey metrics (`metrics/registry.ts`) as `trainingByPoverty` computes them: the
 * outcome and weighting of each; a figure row's `metric` is the registry id.
 */
export const SURVEY_METRICS = [
	{ id: 'ai-training-rate', outcome: 'trained', weighting: 'district' },
	{ id: 'ai-training-rate-students', outcome: 'trained', weighting: 'student' },
	{ id: 'ai-training-planned', outcome: 'planned', weighting: 'district' },
	{ id: 'ai-training-projected', outcome: 'projected', weighting: 'district' }
] as const satisfies readonly { id: string; outcome: Outcome; weighting: Weighting }[];

/** The registry id of a training result's outcome and weighting. */
export function surveyMetricId(outcome: Outcome, weighting: Weighting): string {
	const metric = SURVEY_METRICS.find((m) => m.outcome === outcome && m.weighting === weighting);
	if (!metric) throw new Error(`no registered metric for ${outcome}, ${weighting}-weighted`);
	return metric.id;
}

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
		metric: surveyMetricId(result.outcome, result.weighting),
		period: result.wave,
		product_id: '',
		scheme: result.group_by === 'poverty' ? result.scheme_label : result.group_by,
		group: row.group,
		level: row.level,
		n_eff: row.n_eff,
		method: `${row.variance_method}; ${row.interval_method}; ${result.weighting}-weighted`,
		flags: row.flags.join(' '),
		item_missing_rate: row.item_missing_rate,
		mode: disclosed.mode,
		...disclosedFields(disclosed.cells[i]!)
	}));
}

import { METRICS } from '../lib/metrics/registry.ts';
import type { FigureRow } from '../lib/report/figure-row.ts';
import { PUBLISHED_RATES } from '../lib/report/usage-figures.ts';
import type { ViewProduct } from '../lib/view/view-units.ts';
import { INPUT_TABLES } from './inputs.ts';

/** What a run computed of one registered metric, for the JSON report. */
export interface MetricCoverage {
	/** The registry id (`metrics/registry.ts`). */
	readonly id: string;
	readonly label: string;
	readonly computed: boolean;
	/** The `metric` values of its figure rows: its id, or the funnel rates it gives. */
	readonly figures: readonly string[];
	/** Products it was computed for (usage funnels). */
	readonly products: readonly string[];
	/** Why it was not computed. */
	readonly note: string;
}

const FUNNEL_GRAIN: Readonly<Record<string, ViewProduct['grain']>> = {
	'usage-funnel-aggregates': 'aggregate',
	'usage-funnel-students': 'student_week'
};

/**
 * Every registered metric and whether the run computed it: a survey metric when it has rows; a
 * usage funnel for the products of its grain (supplied aggregates, or student-week logs with a
 * roster), whose rows are its funnel rates; never one reading a table no input loads (daily
 * touch).
 */
export function metricCoverage(
	rows: readonly FigureRow[],
	products: readonly ViewProduct[]
): MetricCoverage[] {
	return METRICS.map(({ id, label, tables }) => {
		const grain = FUNNEL_GRAIN[id];
		if (grain) {
			const ids = products.filter((p) => p.grain === grain).map((p) => p.id);
			const computed = ids.length > 0;
			const note = computed ? '' : `no usage input of this grain (${grain}) with figures`;
			return { id, label, computed, figures: PUBLISHED_RATES, products: ids, note };
		}
		const missing = tables.find((t) => !INPUT_TABLES.includes(t));
		if (missing) {
			const note = `the command line reads no ${missing} files`;
			return { id, label, computed: false, figures: [], products: [], note };
		}
		const computed = rows.some((r) => r.metric === id);
		const note = computed ? '' : 'no survey input with a wave to report';
		return { id, label, computed, figures: [id], products: [], note };
	});
}

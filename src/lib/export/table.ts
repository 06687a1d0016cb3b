import { PROPORTION } from './disclosed.ts';
import type { DistrictSpread } from '../view/district-rates.ts';
import { FIGURE_COLUMNS, type FigureRow } from '../report/figure-row.ts';

/** A cell of an exported table: text, a number, or empty (never student-level). */
export type ExportValue = string | number | null;

/** A column of an exported table, described as a Frictionless Table Schema field. */
export interface ExportField {
	readonly name: string;
	readonly type: 'string' | 'number' | 'integer';
	readonly description: string;
	/** Unit of a numeric column, e.g. "proportion (0–1)". */
	readonly unit?: string;
}

/** One exported table: aggregates only (published figures or district-level rates). */
export interface ExportTable {
	/** File-safe resource name, e.g. `figures`. */
	readonly name: string;
	readonly title: string;
	/** Columns that identify a row (the sidecar names hidden cells by them); figure keys if absent. */
	readonly keys?: readonly string[];
	readonly fields: readonly ExportField[];
	readonly rows: readonly Readonly<Record<string, ExportValue>>[];
}

/** Descriptions of every `FigureRow` column, in `FIGURE_COLUMNS` order. */
export const FIGURE_FIELDS: readonly ExportField[] = (
	[
		['dataset', 'string', 'Survey id for survey figures; "usage" for usage figures'],
		['metric', 'string', 'Metric id (see docs/methodology.md)'],
		['period', 'string', 'Survey wave, or school year by its fall year'],
		['product_id', 'string', 'Product id for usage figures; empty for survey figures'],
		['scheme', 'string', 'Poverty scheme (or grouping) of the groups'],
		['group', 'string', 'Group of the figure; "all" for the whole population'],
		[
			'estimate',
			'number',
			'Point estimate after disclosure control; empty when hidden',
			PROPORTION
		],
		['lo', 'number', 'Lower interval bound; empty when hidden or undefined', PROPORTION],
		['hi', 'number', 'Upper interval bound; empty when hidden or undefined', PROPORTION],
		['level', 'number', 'Confidence level of the interval', PROPORTION],
		[
			'n',
			'string',
			'Sample size: exact in research mode, a band such as "100–299" in public mode',
			'districts (survey) or students (usage)'
		],
		['n_eff', 'number', 'Effective sample size (Kish for weighted surveys)', 'units'],
		['method', 'string', 'Variance, interval and weighting method'],
		['flags', 'string', 'Reliability flags, space-separated'],
		[
			'item_missing_rate',
			'number',
			'Survey figures: weighted share of "don\'t know" or skipped answers, excluded from the estimate; empty for usage',
			PROPORTION
		],
		['status', 'string', 'shown, true_zero, coarsened, suppressed, missing or not_applicable'],
		['note', 'string', 'Range label or reason when the value is not shown exactly'],
		['mode', 'string', 'Disclosure mode: public or research']
	] as const
).map(([name, type, description, unit]) => ({
	name,
	type,
	description,
	...(unit ? { unit } : {})
}));

/** The published figures as an export table (the rows the CLI and the screen disclose). */
export function figureTable(rows: readonly FigureRow[], title: string): ExportTable {
	return {
		name: 'figures',
		title,
		fields: FIGURE_FIELDS,
		rows: rows.map((r) => Object.fromEntries(FIGURE_COLUMNS.map((c) => [c, r[c]])))
	};
}

/**
 * The filtered district-level table of a usage view: each district's share of students with
 * access who met the dosage rule, after disclosure (withheld or range-coded rates are empty).
 */
export function districtTable(spreads: readonly DistrictSpread[]): ExportTable {
	return {
		name: 'district-rates',
		title: 'Dosage rate by district (students with access who met the dosage rule)',
		fields: [
			{ name: 'product_id', type: 'string', description: 'Product id' },
			{ name: 'leaid', type: 'string', description: 'NCES district id (LEAID)' },
			{ name: 'group', type: 'string', description: 'Group of the district in the view' },
			{
				name: 'dosage_rate_access',
				type: 'number',
				description: 'Share of students with access who met the dosage rule; empty when withheld',
				unit: PROPORTION
			}
		],
		rows: spreads.flatMap((s) =>
			s.values.map((v) => ({
				product_id: s.product_id,
				leaid: v.id,
				group: v.group,
				dosage_rate_access: v.value
			}))
		)
	};
}

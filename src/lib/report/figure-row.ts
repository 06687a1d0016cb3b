import type { DisplayValue } from '../disclosure/display-value.ts';
import type { DisclosedCell, DisclosureMode } from '../disclosure/view.ts';

/**
 * One published figure, flat, as the CLI and exports write it: the value after disclosure
 * control, its interval and sample size, how it was computed, and why anything is hidden.
 */
export interface FigureRow {
	/** The survey id for survey figures, `usage` for usage figures. */
	dataset: string;
	metric: string;
	period: string;
	product_id: string;
	scheme: string;
	group: string;
	estimate: number | null;
	lo: number | null;
	hi: number | null;
	level: number;
	/** Exact in research mode; a band such as "100–299" in public mode. */
	n: string;
	n_eff: number | null;
	method: string;
	flags: string;
	/** Survey figures: weighted share of item non-response ("don't know", skipped), excluded. */
	item_missing_rate: number | null;
	/** shown, true_zero, coarsened, suppressed, missing or not_applicable. */
	status: string;
	/** The label or reason when the value is not shown exactly. */
	note: string;
	mode: DisclosureMode;
}

export const FIGURE_COLUMNS: readonly (keyof FigureRow)[] = [
	'dataset',
	'metric',
	'period',
	'product_id',
	'scheme',
	'group',
	'estimate',
	'lo',
	'hi',
	'level',
	'n',
	'n_eff',
	'method',
	'flags',
	'item_missing_rate',
	'status',
	'note',
	'mode'
];

function numberOf(value: DisplayValue | undefined): number | null {
	return value && (value.status === 'shown' || value.status === 'true_zero') ? value.value : null;
}

function noteOf(value: DisplayValue): string {
	if (value.status === 'coarsened' || value.status === 'suppressed') return value.label;
	if (value.status === 'missing' || value.status === 'not_applicable') return value.reason;
	return '';
}

/** A sample size as published: exact when shown, else its band or label (e.g. "100–299"). */
export function sizeOf(value: DisplayValue): string {
	if (value.status === 'shown' || value.status === 'true_zero') return String(value.value);
	return noteOf(value);
}

/** The disclosed parts of a figure row: value, interval, size and status from one cell. */
export function disclosedFields(
	cell: DisclosedCell
): Pick<FigureRow, 'estimate' | 'lo' | 'hi' | 'n' | 'status' | 'note'> {
	return {
		estimate: numberOf(cell.rate),
		lo: numberOf(cell.values.lo),
		hi: numberOf(cell.values.hi),
		n: sizeOf(cell.denominator),
		status: cell.rate.status,
		note: noteOf(cell.rate)
	};
}

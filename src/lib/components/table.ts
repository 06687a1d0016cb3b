import type { Absence } from './missingness.ts';

/** A column of a data table; the first column holds the row headers. */
export interface TableColumn {
	readonly id: string;
	readonly label: string;
	/** Right-aligned, tabular figures. */
	readonly numeric?: boolean;
}

/** A cell: formatted text, or a value that is not a plain number (drawn by `MissingValue`). */
export type TableCell = string | { readonly absent: Absence; readonly zeroText?: string };

/** One row: its header (first column) and a cell per remaining column id. */
export interface TableRow {
	readonly key: string;
	readonly header: string;
	readonly cells: Readonly<Record<string, TableCell>>;
}

/** The table behind a chart: caption, columns and rows, built by each chart's pure function. */
export interface TableData {
	readonly caption: string;
	readonly columns: readonly TableColumn[];
	readonly rows: readonly TableRow[];
	/** Notes printed under the table (flags, denominators). */
	readonly notes?: readonly string[];
}

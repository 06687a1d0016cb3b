import { writeFile } from 'node:fs/promises';
import Papa from 'papaparse';

/** A flat table of figures, one object per row, in a fixed column order. */
export interface FigureTable {
	readonly columns: readonly string[];
	readonly rows: readonly object[];
}

/** Renders a report as JSON (the whole object) or CSV (its `figures` table). */
export function render(report: { figures: FigureTable }, format: 'json' | 'csv'): string {
	if (format === 'json') return `${JSON.stringify(report, null, 2)}\n`;
	return `${Papa.unparse(
		{
			fields: [...report.figures.columns],
			data: report.figures.rows.map((r) =>
				report.figures.columns.map((c) => (r as Record<string, unknown>)[c] ?? '')
			)
		},
		{ newline: '\n' }
	)}\n`;
}

/** Writes to the file given with `--out`, or to standard output. */
export async function emit(text: string, out: string | undefined, stdout: (s: string) => void) {
	if (out) await writeFile(out, text);
	else stdout(text);
}

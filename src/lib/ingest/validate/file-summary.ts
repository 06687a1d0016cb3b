import { issue, type ValidationIssue } from '../issues.ts';
import type { FileReport } from '../report.ts';

const n = (v: number) => v.toLocaleString('en-US');

/**
 * The summary issues of a loaded file: the row accounting in one sentence, a warning when it has
 * no rows at all, a count of rows not
 * listed one by one, and one error per column whose bare years need a `year_mapping`.
 */
export function fileSummaryIssues(
	report: FileReport,
	issues: readonly ValidationIssue[]
): ValidationIssue[] {
	const out: ValidationIssue[] = [];
	const blank =
		report.blankLinesSkipped > 0
			? ` ${n(report.blankLinesSkipped)} blank line${report.blankLinesSkipped === 1 ? ' was' : 's were'} skipped (not rows).`
			: '';
	out.push(
		issue(
			'notice',
			'rows_summary',
			report.file,
			`${n(report.rowsRead)} rows read: ${n(report.rowsLoaded)} loaded into ${report.table}, ${n(report.rowsRejected)} rejected.${blank}`
		)
	);
	if (report.rowsRead === 0) {
		out.push(
			issue(
				'warning',
				'no_data_rows',
				report.file,
				`The file has a header${report.headerLine === undefined ? '' : ` (line ${report.headerLine})`} but no rows below it: nothing was loaded.`
			)
		);
	}
	if (report.rejectedNotListed > 0) {
		out.push(
			issue(
				'error',
				'rows_summary',
				report.file,
				`${n(report.rejectedNotListed)} more rejected rows are not listed here (the first ${n(report.rejected.length)} are).`
			)
		);
	}
	const bareColumns = new Set(
		issues.filter((i) => i.code === 'bare_year_needs_mapping').map((i) => i.column ?? '')
	);
	for (const column of bareColumns) {
		out.push(
			issue(
				'error',
				'bare_year_needs_mapping',
				report.file,
				`Column \`${column}\` has bare years (e.g. 2024). A bare year is ambiguous: set options.year_mapping to "fall" (2024 = 2024-25) or "spring" (2024 = 2023-24), then load the file again.`,
				{ column }
			)
		);
	}
	return out;
}

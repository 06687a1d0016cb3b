import type { Coverage } from '../ingest/coverage.ts';
import type { IssueCode, Severity, ValidationIssue } from '../ingest/issues.ts';
import type { FileReport } from '../ingest/report.ts';

/**
 * The validation report of a set of files, the same in the browser (downloaded as JSON) and on
 * the command line (`validate --format json`): each file's report, then district coverage.
 */
export interface ValidationReport {
	readonly version: 1;
	readonly files: readonly FileReport[];
	readonly coverage: readonly Coverage[];
}

export function validationReport(
	files: readonly FileReport[],
	coverage: readonly Coverage[]
): ValidationReport {
	return { version: 1, files, coverage };
}

/** Kinds of finding the report names in its summary, in the order shown. */
export const FINDINGS: readonly { code: IssueCode; label: string }[] = [
	{ code: 'duplicate_key', label: 'Duplicate keys' },
	{ code: 'same_file_twice', label: 'The same file loaded twice' },
	{ code: 'dosage_rule_invalid', label: 'Dosage rules the app cannot read' },
	{ code: 'funnel_inconsistent', label: 'Funnel counts out of order' },
	{ code: 'leaid_state_mismatch', label: 'LEAID and state disagree' },
	{ code: 'ncessch_leaid_mismatch', label: 'School and district IDs disagree' },
	{ code: 'unmatched_district', label: 'Districts not in the reference' },
	{ code: 'year_mismatch', label: 'School years that do not line up' },
	{ code: 'school_year_inconsistent', label: 'Inconsistent school years' },
	{ code: 'ambiguous_scale', label: 'Percent or proportion? (needs your answer)' },
	{ code: 'bare_year_needs_mapping', label: 'Bare years (needs your answer)' },
	{ code: 'future_date', label: 'Years or dates in the future' },
	{ code: 'formula_like', label: 'Text that looks like a spreadsheet formula' },
	{ code: 'invisible_characters', label: 'Invisible characters in text' },
	{ code: 'record_too_long', label: 'Rows too long to read' }
];

/** Row-level issues per code; summary issues (no line) are not counted twice. */
export function countByCode(issues: readonly ValidationIssue[]): Map<IssueCode, number> {
	const counts = new Map<IssueCode, number>();
	for (const i of issues) counts.set(i.code, (counts.get(i.code) ?? 0) + 1);
	return counts;
}

export function countBySeverity(issues: readonly ValidationIssue[]): Record<Severity, number> {
	const counts: Record<Severity, number> = { error: 0, warning: 0, notice: 0 };
	for (const i of issues) counts[i.severity] += 1;
	return counts;
}

/** "6 rows read = 4 loaded + 2 rejected" (the accounting every report states). */
export function rowsSentence(report: FileReport): string {
	const n = (x: number) => x.toLocaleString('en-US');
	const blank =
		report.blankLinesSkipped > 0
			? ` (${n(report.blankLinesSkipped)} blank line${report.blankLinesSkipped === 1 ? '' : 's'} skipped)`
			: '';
	return `${n(report.rowsRead)} rows read = ${n(report.rowsLoaded)} loaded + ${n(report.rowsRejected)} rejected${blank}`;
}

/** Where an issue is, as the report table and the text summary say it. */
export function issuePlace(issue: ValidationIssue): string {
	const parts = [
		issue.line === undefined ? '' : `line ${issue.line}`,
		issue.column === undefined ? '' : `column “${issue.column}”`
	].filter(Boolean);
	return parts.join(', ');
}

/** An issue's reason without the "line 8, column `X`: " its message starts with (shown apart). */
export function reasonOf(issue: ValidationIssue): string {
	return issue.message.replace(/^line \d+(, column `[^`]*`)?: /, '');
}

/** "1 error", "2 errors". */
export function plural(n: number, word: string): string {
	return `${n.toLocaleString('en-US')} ${word}${n === 1 ? '' : 's'}`;
}

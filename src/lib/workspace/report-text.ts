import {
	countBySeverity,
	issuePlace,
	plural,
	rowsSentence,
	type ValidationReport
} from './validation-report.ts';

/**
 * The validation report as plain text (the command line's default output): per file its table,
 * status, row accounting and every listed issue with line, column, value and reason; then coverage.
 */
export function reportText(report: ValidationReport): string {
	const lines: string[] = [];
	for (const file of report.files) {
		const counts = countBySeverity(file.issues);
		lines.push(
			`${file.file} → ${file.table || '(no table)'}: ${file.status === 'loaded' ? 'loaded' : 'not loaded'}`,
			`  ${rowsSentence(file)}`,
			`  ${plural(counts.error, 'error')}, ${plural(counts.warning, 'warning')}, ${plural(counts.notice, 'notice')}`
		);
		for (const issue of file.issues) {
			const place = issue.message.startsWith('line ') ? '' : issuePlace(issue);
			const value = issue.value === undefined ? '' : ` [value: ${JSON.stringify(issue.value)}]`;
			lines.push(`  ${issue.severity}: ${place ? `${place}: ` : ''}${issue.message}${value}`);
		}
		if (file.rejectedNotListed > 0)
			lines.push(`  (${file.rejectedNotListed} more rejected rows are counted but not listed)`);
		lines.push('');
	}
	if (report.coverage.length > 0) {
		lines.push('District coverage');
		for (const c of report.coverage)
			for (const issue of c.issues) lines.push(`  ${issue.severity}: ${issue.message}`);
	}
	return lines.join('\n').trimEnd() + '\n';
}

import { issue } from './issues.ts';
import type { FileReport } from './report.ts';

/**
 * The report with a warning when an earlier loaded file had the very same bytes (equal SHA-256):
 * the same export added twice. Its rows are then rejected as duplicate keys one by one; the
 * warning says why in one sentence. Reports without a hash are returned as they are.
 */
export function withSameContentWarning(
	report: FileReport,
	earlier: readonly FileReport[]
): FileReport {
	const twin = report.sha256
		? earlier.find((r) => r.sha256 === report.sha256 && r.status === 'loaded')
		: undefined;
	if (!twin) return report;
	const warning = issue(
		'warning',
		'same_file_twice',
		report.file,
		`This file has exactly the same content as ${twin.file}, which is already loaded (SHA-256 ${report.sha256!.slice(0, 12)}…), so its rows would be counted twice. Remove one of the two.`
	);
	return { ...report, issues: [warning, ...report.issues] };
}

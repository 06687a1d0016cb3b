import type { IssueCode, ValidationIssue } from './issues.ts';
import type { ColumnMapping, MissingReason } from './mapping/mapping.ts';

/** One reason a row was rejected. */
export interface RejectReason {
	readonly column: string;
	readonly value: string;
	readonly code: IssueCode;
	readonly message: string;
}

/** A rejected row: its line, its values as read (in header order) and every reason. */
export interface RejectedRow {
	readonly line: number;
	readonly fields: readonly string[];
	readonly reasons: readonly RejectReason[];
}

/** How often a normalisation rule changed a field's values, with the first examples. */
export interface ChangeRecord {
	readonly field: string;
	readonly column: string;
	readonly rule: string;
	readonly count: number;
	readonly examples: readonly { line: number; before: string; after: string }[];
}

/** How many values of a field were missing codes, by reason (stored as NULL, never zero). */
export interface MissingRecord {
	readonly field: string;
	readonly column: string;
	readonly reason: MissingReason;
	readonly count: number;
	readonly lines: readonly number[];
}

/** District IDs of a file matched against the loaded district reference. */
export interface DistrictMatch {
	readonly reference: string;
	readonly districts: number;
	readonly matched: number;
	readonly unmatched: readonly { leaid: string; line: number; rows: number }[];
}

/**
 * The validation report of one file, identical for the UI and the command line (plain JSON).
 * `rowsRead = rowsLoaded + rowsRejected` always (blank lines are not rows). `issues` holds the
 * file-level issues, one error per rejected row and reason and one warning per flagged row (both
 * up to the listing limits, then counted in a summary issue).
 */
export interface FileReport {
	readonly version: 1;
	readonly file: string;
	readonly table: string;
	readonly status: 'loaded' | 'not_loaded';
	readonly format?: string;
	readonly encoding?: string;
	readonly sheet?: string;
	readonly delimiter?: string;
	readonly headerLine?: number;
	readonly header: readonly string[];
	readonly mapping?: ColumnMapping;
	readonly rowsRead: number;
	readonly rowsLoaded: number;
	readonly rowsRejected: number;
	readonly blankLinesSkipped: number;
	readonly issues: readonly ValidationIssue[];
	readonly rejected: readonly RejectedRow[];
	readonly rejectedNotListed: number;
	readonly changes: readonly ChangeRecord[];
	readonly missing: readonly MissingRecord[];
	readonly districtMatch?: DistrictMatch;
	/** The SHA-256 of the file's bytes (hex), for an export's provenance; set by `loadFile`. */
	readonly sha256?: string;
}

/** Text a spreadsheet would run as a formula gets a leading ' (OWASP's CSV-injection advice). */
const inert = (value: string) => (/^([=+@\t\r]|-.*[^0-9.])/.test(value) ? `'${value}` : value);

const csvField = (raw: string) => {
	const value = inert(raw);
	return /[",\r\n]/.test(value) || value !== value.trim()
		? `"${value.replaceAll('"', '""')}"`
		: value;
};

/**
 * The rejected rows as CSV text for download: the file's own columns as read, then
 * `rejected_line`, `rejected_columns` and `rejected_reasons` (several joined by " | "). Values
 * that start like a formula are prefixed with ', so opening the file never runs them.
 */
export function rejectedRowsCsv(report: Pick<FileReport, 'header' | 'rejected'>): string {
	const header = [...report.header, 'rejected_line', 'rejected_columns', 'rejected_reasons'];
	const lines = [header.map(csvField).join(',')];
	for (const row of report.rejected) {
		const fields = report.header.map((_, i) => row.fields[i] ?? '');
		const extra = [
			String(row.line),
			row.reasons.map((r) => r.column).join(' | '),
			row.reasons.map((r) => r.message).join(' | ')
		];
		lines.push([...fields, ...extra].map(csvField).join(','));
	}
	return lines.join('\r\n') + '\r\n';
}

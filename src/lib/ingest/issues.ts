/**
 * Validation issues: what the ingest returns as values instead of throwing. The UI and the command
 * line render the same objects. `line` is the 1-based line of the original file (a sheet row for
 * XLSX); `column` is the header text as the user wrote it.
 */
export type Severity = 'error' | 'warning' | 'notice';

export type IssueCode =
	| 'empty_file'
	| 'binary_file'
	| 'unsupported_format'
	| 'too_large'
	| 'gzip_invalid'
	| 'encoding_windows_1252'
	| 'encoding_utf16'
	| 'utf16_without_bom'
	| 'xlsx_invalid'
	| 'xlsx_sheet_not_found'
	| 'xlsx_sheet_read'
	| 'xlsx_line_breaks_replaced'
	| 'no_header'
	| 'title_rows_skipped'
	| 'duplicate_header'
	| 'blank_rows_skipped'
	| 'no_data_rows'
	| 'wrong_field_count'
	| 'unterminated_quote'
	| 'text_after_quote'
	| 'record_too_long'
	| 'mapping_invalid'
	| 'column_not_found'
	| 'required_column_unmapped'
	| 'columns_ignored'
	| 'required_missing'
	| 'leaid_too_long'
	| 'leaid_not_numeric'
	| 'ncessch_too_long'
	| 'ncessch_not_numeric'
	| 'fips_invalid'
	| 'leaid_state_mismatch'
	| 'ncessch_leaid_mismatch'
	| 'not_yes_no'
	| 'not_a_number'
	| 'not_an_integer'
	| 'negative_count'
	| 'out_of_range'
	| 'ambiguous_scale'
	| 'not_a_school_year'
	| 'school_year_inconsistent'
	| 'bare_year_needs_mapping'
	| 'not_a_date'
	| 'not_an_interval'
	| 'not_a_locale'
	| 'not_allowed_value'
	| 'dosage_rule_invalid'
	| 'duplicate_key'
	| 'same_file_twice'
	| 'unmatched_district'
	| 'funnel_inconsistent'
	| 'future_date'
	| 'formula_like'
	| 'invisible_characters'
	| 'year_mismatch'
	| 'load_failed'
	| 'rows_summary';

/** One problem found in a file, with where it is and what to do about it. */
export interface ValidationIssue {
	readonly severity: Severity;
	readonly code: IssueCode;
	readonly file: string;
	readonly line?: number;
	readonly column?: string;
	readonly value?: string;
	readonly message: string;
}

/** Builds an issue; optional fields are left out rather than set to `undefined` (stable JSON). */
export function issue(
	severity: Severity,
	code: IssueCode,
	file: string,
	message: string,
	where: { line?: number; column?: string; value?: string } = {}
): ValidationIssue {
	return {
		severity,
		code,
		file,
		...(where.line === undefined ? {} : { line: where.line }),
		...(where.column === undefined ? {} : { column: where.column }),
		...(where.value === undefined ? {} : { value: where.value }),
		message
	};
}

/** True when any issue blocks the file (errors do; warnings and notices do not). */
export function hasErrors(issues: readonly ValidationIssue[]): boolean {
	return issues.some((i) => i.severity === 'error');
}

/** Characters that do not show on screen (controls, zero-width, bidirectional overrides). */
const INVISIBLE =
	// eslint-disable-next-line no-control-regex -- control characters are what it finds
	/[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f\u200b-\u200f\u202a-\u202e\u2060-\u2064\u2066-\u2069\ufeff]/g;

/**
 * Shortens a value for a message, keeping it on one line and naming invisible characters
 * (`<U+200B>`), so a message never hides part of the value or reorders it.
 */
export function shown(value: string, max = 60): string {
	const oneLine = value
		.replace(/\r\n|\r|\n/g, '⏎')
		.replace(
			INVISIBLE,
			(c) => `<U+${c.codePointAt(0)!.toString(16).toUpperCase().padStart(4, '0')}>`
		);
	return oneLine.length > max ? `${oneLine.slice(0, max - 1)}…` : oneLine;
}

import { literal, sql, type SqlQuery } from '../../db/sql.ts';
import { stateLookupSql } from '../normalise/ids.ts';
import { col } from './columns.ts';
import type { LoadPlan } from './plan.ts';

export type WarningCode =
	| 'leaid_state_mismatch'
	| 'ncessch_leaid_mismatch'
	| 'funnel_inconsistent'
	| 'future_date'
	| 'formula_like'
	| 'invisible_characters';

/** A row-level check that warns (the row is loaded), as a SQL condition over the checked values. */
export interface WarningCheck {
	readonly code: WarningCode;
	/** The field the warning points at in messages. */
	readonly field: string;
	readonly sql: SqlQuery;
	/** Names the check's flag column: the code, or code and field when a code checks each field. */
	readonly key: string;
}

/** Activity dates that cannot lie in the future (licence and enrolment ends may). */
const PAST_DATES = ['week_start', 'period_start'];

/** Text a spreadsheet would run as a formula (OWASP "CSV injection"): = + @ tab CR, or - unless a number. */
export const FORMULA_START = '^([=+@\\t\\r]|-.*[^0-9.])';

/** C0 controls (but tab and line breaks), DEL, zero-width and bidirectional-override characters. */
export const INVISIBLE =
	'[\\x00-\\x08\\x0B\\x0C\\x0E-\\x1F\\x7F\\x{200B}-\\x{200F}\\x{202A}-\\x{202E}\\x{2060}-\\x{2064}\\x{2066}-\\x{2069}\\x{FEFF}]';

/**
 * The warning checks that apply to a plan: LEAID prefix vs the state given in the file
 * (domain-spec §1.1), school ID prefix vs LEAID (§1.2), and the aggregate funnel
 * `D ≤ A ≤ L`, `R ≤ A` (§4.1: flagged, never clamped); a school year that has not started yet or
 * an activity date after today; free text that starts like a spreadsheet formula or holds
 * invisible characters (controls, zero-width or bidirectional overrides that disguise a name).
 */
export function warningsSql(plan: LoadPlan): WarningCheck[] {
	const from = (name: string) => plan.fields.find((p) => p.field.name === name)?.source.kind;
	const v = col.value;
	const checks: WarningCheck[] = [];
	if (from('leaid') === 'column' && from('state_fips') === 'column') {
		checks.push({
			code: 'leaid_state_mismatch',
			field: 'leaid',
			key: 'leaid_state_mismatch',
			sql: sql`left(${v('leaid')}, 2) <> ${v('state_fips')}`
		});
	} else if (from('leaid') === 'column' && from('state_abbr') === 'column') {
		checks.push({
			code: 'leaid_state_mismatch',
			field: 'leaid',
			key: 'leaid_state_mismatch',
			sql: sql`left(${v('leaid')}, 2) <> ${stateLookupSql(v('state_abbr'), 'abbr', 'fips')}`
		});
	}
	if (from('ncessch') === 'column' && from('leaid') === 'column') {
		checks.push({
			code: 'ncessch_leaid_mismatch',
			field: 'ncessch',
			key: 'ncessch_leaid_mismatch',
			sql: sql`left(${v('ncessch')}, 7) <> ${v('leaid')}`
		});
	}
	if (plan.target.spec.name === 'usage_aggregate') {
		checks.push({
			code: 'funnel_inconsistent',
			field: 'activated_n',
			key: 'funnel_inconsistent',
			sql: sql`${v('dosage_met_n')} > ${v('activated_n')} OR ${v('regular_n')} > ${v('activated_n')} OR ${v('activated_n')} > ${v('licensed_n')} OR ${v('dosage_met_n')} > ${v('licensed_n')}`
		});
	}
	// Today from JavaScript: DuckDB's current_date needs the ICU extension, absent offline.
	const today = new Date().toISOString().slice(0, 10);
	if (from('school_year_start') !== undefined) {
		checks.push({
			code: 'future_date',
			field: 'school_year_start',
			key: 'future_date_school_year_start',
			sql: sql`${v('school_year_start')} > ${literal(today.slice(0, 4))}::INTEGER`
		});
	}
	for (const name of PAST_DATES.filter((n) => from(n) === 'column')) {
		checks.push({
			code: 'future_date',
			field: name,
			key: `future_date_${name}`,
			sql: sql`${v(name)} > ${literal(today)}::DATE`
		});
	}
	for (const p of plan.fields.filter(
		(f) => f.field.kind === 'text' && f.source.kind === 'column'
	)) {
		checks.push({
			code: 'formula_like',
			field: p.field.name,
			key: `formula_like_${p.field.name}`,
			// The first character is checked first: the pattern costs much more, and rarely matches.
			sql: sql`ascii(${v(p.field.name)}) IN (61, 43, 64, 9, 13, 45) AND regexp_matches(${v(p.field.name)}, ${literal(FORMULA_START)})`
		});
		checks.push({
			code: 'invisible_characters',
			field: p.field.name,
			key: `invisible_characters_${p.field.name}`,
			sql: sql`regexp_matches(${v(p.field.name)}, ${literal(INVISIBLE)})`
		});
	}
	return checks;
}

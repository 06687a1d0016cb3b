import { sql, type SqlQuery } from '../../db/sql.ts';
import { stateLookupSql } from '../normalise/ids.ts';
import { col } from './columns.ts';
import type { LoadPlan } from './plan.ts';

export type WarningCode = 'leaid_state_mismatch' | 'ncessch_leaid_mismatch' | 'funnel_inconsistent';

/** A row-level check that warns (the row is loaded), as a SQL condition over the checked values. */
export interface WarningCheck {
	readonly code: WarningCode;
	/** The field the warning points at in messages. */
	readonly field: string;
	readonly sql: SqlQuery;
}

/**
 * The warning checks that apply to a plan: LEAID prefix vs the state given in the file
 * (domain-spec §1.1), school ID prefix vs LEAID (§1.2), and the aggregate funnel
 * `D ≤ A ≤ L`, `R ≤ A` (§4.1: flagged, never clamped).
 */
export function warningsSql(plan: LoadPlan): WarningCheck[] {
	const from = (name: string) => plan.fields.find((p) => p.field.name === name)?.source.kind;
	const v = col.value;
	const checks: WarningCheck[] = [];
	if (from('leaid') === 'column' && from('state_fips') === 'column') {
		checks.push({
			code: 'leaid_state_mismatch',
			field: 'leaid',
			sql: sql`left(${v('leaid')}, 2) <> ${v('state_fips')}`
		});
	} else if (from('leaid') === 'column' && from('state_abbr') === 'column') {
		checks.push({
			code: 'leaid_state_mismatch',
			field: 'leaid',
			sql: sql`left(${v('leaid')}, 2) <> ${stateLookupSql(v('state_abbr'), 'abbr', 'fips')}`
		});
	}
	if (from('ncessch') === 'column' && from('leaid') === 'column') {
		checks.push({
			code: 'ncessch_leaid_mismatch',
			field: 'ncessch',
			sql: sql`left(${v('ncessch')}, 7) <> ${v('leaid')}`
		});
	}
	if (plan.target.spec.name === 'usage_aggregate') {
		checks.push({
			code: 'funnel_inconsistent',
			field: 'activated_n',
			sql: sql`${v('dosage_met_n')} > ${v('activated_n')} OR ${v('regular_n')} > ${v('activated_n')} OR ${v('activated_n')} > ${v('licensed_n')} OR ${v('dosage_met_n')} > ${v('licensed_n')}`
		});
	}
	return checks;
}

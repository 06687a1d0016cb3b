import type { Database } from '../../db/database.ts';
import { identifier, join, sql, type SqlQuery } from '../../db/sql.ts';
import { issue, type ValidationIssue } from '../issues.ts';
import { col } from './columns.ts';
import {
	formulaMessage,
	funnelMessage,
	futureMessage,
	invisibleMessage,
	leaidStateMessage,
	ncesschLeaidMessage
} from './messages.ts';
import type { LoadPlan } from './plan.ts';
import { warningsSql, type WarningCheck } from './warnings-sql.ts';

/** The values a warning's message shows; by default the checked field's. */
const VALUES: Partial<Record<WarningCheck['code'], readonly string[]>> = {
	leaid_state_mismatch: ['leaid', 'state_fips', 'state_abbr'],
	ncessch_leaid_mismatch: ['ncessch', 'leaid'],
	funnel_inconsistent: ['licensed_n', 'activated_n', 'regular_n', 'dosage_met_n']
};

/**
 * One warning per loaded row that fails a warning check (up to `limit` per check, then one
 * summary warning with the count). Warnings never block: the rows are loaded.
 */
export async function rowWarnings(
	db: Database,
	file: string,
	loaded: SqlQuery,
	plan: LoadPlan,
	limit: number
): Promise<ValidationIssue[]> {
	const issues: ValidationIssue[] = [];
	const checks = warningsSql(plan);
	if (checks.length === 0) return issues;
	// One pass counts every check's rows; only checks that flag any rows are listed.
	const counts = sql`SELECT ${join(
		checks.map(
			(c, i) => sql`count(*) FILTER (WHERE ${col.warning(c.key)}) AS ${identifier(`n${i}`)}`
		),
		', '
	)} FROM ${loaded}`;
	const [totals = {}] = await db.query<Record<string, number>>(counts);
	for (const [i, check] of checks.entries()) {
		const total = Number(totals[`n${i}`] ?? 0);
		if (total === 0) continue;
		const names = (VALUES[check.code] ?? [check.field]).filter((n) =>
			plan.fields.some((p) => p.field.name === n)
		);
		const values = names.map((n) => sql`${col.value(n)} AS ${identifier(n)}`);
		const flagged = sql`(SELECT * FROM ${loaded} WHERE ${col.warning(check.key)})`;
		const rows = await db.query<Record<string, string | number | null>>(
			sql`SELECT line, ${join(values, ', ')} FROM ${flagged} ORDER BY rec LIMIT ${limit}`
		);
		const label = plan.fields.find((p) => p.field.name === check.field)?.label ?? check.field;
		for (const row of rows) issues.push(warningIssue(file, check, label, row));
		if (total > rows.length) {
			issues.push(
				issue(
					'warning',
					check.code,
					file,
					`${(total - rows.length).toLocaleString('en-US')} more rows have the same problem (${check.code}); only the first ${rows.length.toLocaleString('en-US')} are listed.`
				)
			);
		}
	}
	return issues;
}

function warningIssue(
	file: string,
	check: WarningCheck,
	label: string,
	row: Record<string, string | number | null>
): ValidationIssue {
	const line = Number(row.line);
	const text = (k: string) => (row[k] === null || row[k] === undefined ? '' : String(row[k]));
	const num = (k: string) => (row[k] === null || row[k] === undefined ? null : Number(row[k]));
	if (check.code === 'leaid_state_mismatch') {
		const state = text('state_fips') || text('state_abbr');
		return issue(
			'warning',
			check.code,
			file,
			leaidStateMessage(line, label, text('leaid'), state),
			{ line, column: label, value: text('leaid') }
		);
	}
	if (check.code === 'ncessch_leaid_mismatch') {
		return issue(
			'warning',
			check.code,
			file,
			ncesschLeaidMessage(line, label, text('ncessch'), text('leaid')),
			{ line, column: label, value: text('ncessch') }
		);
	}
	if (
		check.code === 'future_date' ||
		check.code === 'formula_like' ||
		check.code === 'invisible_characters'
	) {
		const value = text(check.field);
		const message =
			check.code === 'formula_like'
				? formulaMessage(line, label, value)
				: check.code === 'invisible_characters'
					? invisibleMessage(line, label, value)
					: futureMessage(line, label, check.field === 'school_year_start', value);
		return issue('warning', check.code, file, message, { line, column: label, value });
	}
	const counts = {
		licensed_n: num('licensed_n'),
		activated_n: num('activated_n'),
		regular_n: num('regular_n'),
		dosage_met_n: num('dosage_met_n')
	};
	return issue('warning', check.code, file, funnelMessage(line, counts), { line });
}

import type { Database } from '../../db/database.ts';
import { sql, valueList, type SqlQuery } from '../../db/sql.ts';
import { DosageRuleError, parseDosageRule } from '../../dosage/parse-rule.ts';
import { col } from './columns.ts';
import type { LoadPlan } from './plan.ts';

const FIELD = 'dosage_rule_json';

/** Whether the plan reads dosage rules (products files): they are checked by `rejectInvalidRules`. */
export function readsDosageRules(plan: LoadPlan): boolean {
	return plan.fields.some((p) => p.field.name === FIELD && p.source.kind !== 'absent');
}

/**
 * Why `text` is not a dosage rule, in the words of the rule parser the usage metrics use
 * (`parseDosageRule`, domain-spec §4.2), or null when it is one.
 */
export function dosageRuleProblem(text: string): string | null {
	try {
		parseDosageRule(text);
		return null;
	} catch (error) {
		if (!(error instanceof DosageRuleError)) throw error;
		return error.message.replace(/^invalid dosage rule: /, '');
	}
}

/**
 * Marks rows of the checked table (a table: the full path) whose dosage rule the metrics could not
 * parse as errors (`dosage_rule_invalid`), so they are rejected with the others. Each distinct rule
 * text is parsed once, in JS: the rules are checked by the same parser that evaluates them.
 */
export async function rejectInvalidRules(
	db: Database,
	checked: SqlQuery,
	plan: LoadPlan
): Promise<void> {
	if (!readsDosageRules(plan)) return;
	const rows = await db.query<{ rule: string }>(
		sql`SELECT DISTINCT ${col.value(FIELD)} AS rule FROM ${checked} WHERE NOT has_error AND ${col.value(FIELD)} IS NOT NULL`
	);
	const invalid = rows.map((r) => r.rule).filter((rule) => dosageRuleProblem(rule) !== null);
	if (invalid.length === 0) return;
	await db.exec(
		sql`UPDATE ${checked} SET has_error = true, ${col.error(FIELD)} = 'dosage_rule_invalid' WHERE NOT has_error AND ${col.value(FIELD)} IN (${valueList(invalid)})`
	);
}

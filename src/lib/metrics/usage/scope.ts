import { join, sql, valueList, type SqlQuery } from '../../db/sql.ts';
import type { DosageRule } from '../../dosage/rule.ts';

/**
 * What a usage-funnel query covers: one school year, an analysis window `[windowStart, windowEnd]`
 * (ISO dates, inclusive) and the products, each with the dosage rule to apply (null = no rule:
 * "met dosage" is not computed). Rules are values so users can edit them (domain-spec §4.2).
 */
export interface UsageScope {
	readonly schoolYear: number;
	readonly windowStart: string;
	readonly windowEnd: string;
	readonly rules: ReadonlyMap<string, DosageRule | null>;
}

/** `product_id IN (…)` for the scope's products (bound), or `false` when there are none. */
export function productFilterSql(scope: UsageScope, column: SqlQuery): SqlQuery {
	const ids = [...scope.rules.keys()];
	if (ids.length === 0) return sql`false`;
	return sql`${column} IN (${valueList(ids)})`;
}

/** `CASE product_id WHEN … THEN … END` over the products that have a rule (NULL otherwise). */
export function perProductCaseSql(
	scope: UsageScope,
	column: SqlQuery,
	expression: (rule: DosageRule) => SqlQuery
): SqlQuery {
	const branches = [...scope.rules]
		.filter((entry): entry is [string, DosageRule] => entry[1] !== null)
		.map(([id, rule]) => sql`WHEN ${id} THEN (${expression(rule)})`);
	if (branches.length === 0) return sql`CAST(NULL AS BOOLEAN)`;
	return sql`CASE ${column} ${join(branches, ' ')} END`;
}

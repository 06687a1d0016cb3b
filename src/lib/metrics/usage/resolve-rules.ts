import type { Database } from '../../db/database.ts';
import { sql, valueList } from '../../db/sql.ts';
import { DosageRuleError, parseDosageRule } from '../../dosage/parse-rule.ts';
import { defaultRuleEntry } from '../../dosage/published-rules.ts';
import type { DosageRule } from '../../dosage/rule.ts';

/** Where a product's rule came from, shown beside every "met dosage" figure. */
export type RuleSource = 'user' | 'products_table' | 'published_default' | 'none';

export interface ResolvedRule {
	product_id: string;
	rule: DosageRule | null;
	source: RuleSource;
	/** Citation keys of the rule (domain-spec §10), empty for user rules and no rule. */
	source_keys: string[];
}

/**
 * The dosage rule of each product, in order of precedence: the caller's `overrides` (null = no
 * rule), the product's `products.dosage_rule_json`, the published or demo default
 * (`published-rules.ts`), else none. A stored rule that does not parse throws
 * `DosageRuleError` naming the product.
 */
export async function resolveDosageRules(
	db: Database,
	productIds: readonly string[],
	overrides: ReadonlyMap<string, DosageRule | null> = new Map()
): Promise<ResolvedRule[]> {
	const stored =
		productIds.length === 0
			? []
			: await db.query<{ product_id: string; json: string | null; source_key: string | null }>(
					sql`SELECT product_id, dosage_rule_json AS json, dosage_rule_source_key AS source_key
					FROM products WHERE product_id IN (${valueList(productIds)})`
				);
	return productIds.map((product_id) => {
		if (overrides.has(product_id)) {
			return { product_id, rule: overrides.get(product_id)!, source: 'user', source_keys: [] };
		}
		const row = stored.find((r) => r.product_id === product_id && r.json?.trim());
		if (row) {
			try {
				const rule = parseDosageRule(row.json!);
				const source_keys = row.source_key ? [row.source_key] : [];
				return { product_id, rule, source: 'products_table', source_keys };
			} catch (error) {
				const reason = (error as Error).message.replace(/^invalid dosage rule: /, '');
				throw new DosageRuleError(`product ${product_id}: ${reason}`);
			}
		}
		const entry = defaultRuleEntry(product_id);
		if (entry?.ruleJson) {
			const rule = parseDosageRule(entry.ruleJson);
			return { product_id, rule, source: 'published_default', source_keys: [...entry.sourceKeys] };
		}
		return { product_id, rule: null, source: 'none', source_keys: [] };
	});
}

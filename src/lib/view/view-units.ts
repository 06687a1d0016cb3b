import type { Database } from '../db/database.ts';
import { parseDosageRule } from '../dosage/parse-rule.ts';
import type { DosageRule } from '../dosage/rule.ts';
import { povertyRelation, type PovertyInput } from '../metrics/usage/poverty-input.ts';
import { resolveDosageRules, type ResolvedRule } from '../metrics/usage/resolve-rules.ts';
import type { UsageScope } from '../metrics/usage/scope.ts';
import { usageFunnelAggregatesSql } from '../metrics/usage/usage-funnel-aggregates.ts';
import { usageFunnelStudentsSql } from '../metrics/usage/usage-funnel-students.ts';
import type { UsageSource } from './view-state.ts';
import { forgetViewBlocks } from './view-blocks.ts';
import {
	createViewCellsSql,
	createViewDistrictsSql,
	createViewUnitsSql,
	cachePooledCellsSql,
	logWindowSql,
	productsOfYearSql,
	usePooledCellsSql
} from './view-units-sql.ts';

export interface ViewProduct {
	readonly id: string;
	readonly grain: 'student_week' | 'aggregate';
	readonly rule: ResolvedRule;
}

/** What the units table holds: one school year, one source, each product's grain and rule. */
export interface ViewUnits {
	readonly schoolYear: number;
	readonly source: UsageSource;
	/** The analysis window of the student-week logs; null when only aggregates are used. */
	readonly window: { readonly start: string; readonly end: string } | null;
	readonly products: readonly ViewProduct[];
}

/** Per database: the product set the pooled cells pool now, and the sets already cached. */
const pooledFor = new WeakMap<Database, { current: string | null; cached: Set<string> }>();

/**
 * Makes the `POOLED` cells pool exactly `products`. Each set is pooled once per cells table and
 * cached, so switching the product filter back and forth costs one small statement.
 */
export async function ensurePooledCells(db: Database, products: readonly string[]): Promise<void> {
	const key = JSON.stringify(products);
	const pooled = pooledFor.get(db) ?? { current: null, cached: new Set<string>() };
	if (pooled.current === key) return;
	if (!pooled.cached.has(key)) {
		await db.exec(cachePooledCellsSql(products, key, pooled.cached.size === 0));
		pooled.cached.add(key);
	}
	await db.exec(usePooledCellsSql(key));
	pooled.current = key;
	pooledFor.set(db, pooled);
}

/** No poverty relation: units carry no level (levels come from `VIEW_DISTRICTS_TABLE`). */
export const NO_POVERTY: PovertyInput = {
	scheme: 'none',
	groups: [],
	level: 'district',
	relation: povertyRelation([])
};

/**
 * Builds the small table every usage view is computed from (`VIEW_UNITS_TABLE`): the funnel
 * units of the school year with their district's attributes. `aggregate` reads the supplied
 * aggregates for every product; `logs` evaluates products with rosters from the student-week
 * logs with the given rules (edited rules apply only there) and the rest from aggregates, as
 * `usageFunnelByPoverty` does. Run once per year, source and rules; filters, groupings and
 * schemes then query the table (`funnelStatsSql`).
 */
export async function buildViewUnits(
	db: Database,
	options: { schoolYear: number; source: UsageSource; rules: Readonly<Record<string, string>> }
): Promise<ViewUnits> {
	const { schoolYear, source } = options;
	const listed = await db.query<{ id: string; rostered: boolean }>(productsOfYearSql(schoolYear));
	const fromLogs = (p: { rostered: boolean }) => source === 'logs' && p.rostered;
	const overrides = new Map<string, DosageRule>(
		source === 'logs'
			? Object.entries(options.rules).map(([id, json]) => [id, parseDosageRule(json)])
			: []
	);
	const rules = await resolveDosageRules(
		db,
		listed.map((p) => p.id),
		overrides
	);
	const window = listed.some(fromLogs)
		? (await db.query<{ start: string; end: string }>(logWindowSql(schoolYear)))[0]!
		: null;
	const scope = (logs: boolean): UsageScope => ({
		schoolYear,
		windowStart: window?.start ?? `${schoolYear}-07-01`,
		windowEnd: window?.end ?? `${schoolYear + 1}-06-30`,
		rules: new Map(listed.flatMap((p, i) => (fromLogs(p) === logs ? [[p.id, rules[i]!.rule]] : [])))
	});
	await db.exec(createViewDistrictsSql(schoolYear));
	await db.exec(
		createViewUnitsSql([
			usageFunnelStudentsSql({ scope: scope(true), poverty: NO_POVERTY }),
			usageFunnelAggregatesSql({ scope: scope(false), poverty: NO_POVERTY })
		])
	);
	await db.exec(createViewCellsSql(listed.map((p) => p.id)));
	pooledFor.delete(db);
	forgetViewBlocks(db);
	return {
		schoolYear,
		source,
		window,
		products: listed.map((p, i) => ({
			id: p.id,
			grain: fromLogs(p) ? 'student_week' : 'aggregate',
			rule: rules[i]!
		}))
	};
}

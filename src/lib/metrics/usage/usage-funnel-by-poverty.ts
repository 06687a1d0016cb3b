import type { Database } from '../../db/database.ts';
import { sql } from '../../db/sql.ts';
import type { DosageRule } from '../../dosage/rule.ts';
import type { DistrictPovertyOptions } from '../../poverty/district-poverty.ts';
import { zForLevel } from '../../stats/proportion.ts';
import { summarizeFunnel, type FunnelGroupRow } from './funnel-groups.ts';
import type { FunnelUnitRow } from './funnel-unit.ts';
import { headlineGap, type HeadlineGap } from './headline-gap.ts';
import { districtPovertyInput, type PovertyInput } from './poverty-input.ts';
import { representationIndex, type RepresentationRow } from './representation-index.ts';
import { resolveDosageRules, type ResolvedRule } from './resolve-rules.ts';
import type { UsageScope } from './scope.ts';
import { usageFunnelAggregatesSql } from './usage-funnel-aggregates.ts';
import { usageFunnelStudentsSql } from './usage-funnel-students.ts';

export interface UsageFunnelOptions {
	schoolYear: number;
	/** One product; default every product with a roster or aggregates in the school year. */
	productId?: string;
	/** Rules that replace the stored or published ones (null = no rule), e.g. edited in the UI. */
	rules?: ReadonlyMap<string, DosageRule | null>;
	/** A district scheme of the poverty module (default SAIPE quartiles) or a custom input. */
	scheme?: DistrictPovertyOptions['scheme'] | PovertyInput;
	/** Analysis window (ISO dates); default: the weeks with student-week rows that year. */
	window?: { start: string; end: string };
	/** Confidence level of every interval (default 0.95). */
	level?: number;
	/**
	 * `auto` (default): student-week logs for products with rosters, aggregates for the rest;
	 * `aggregate`: supplied aggregates only (e.g. every district of the demo).
	 */
	grain?: 'auto' | 'aggregate';
}

export interface ProductFunnel {
	product_id: string;
	grain: 'student_week' | 'aggregate';
	rule: ResolvedRule;
	/** One row per poverty group of the scheme, lowest poverty first. */
	groups: FunnelGroupRow[];
	/** Units without a poverty group: in `overall`, never in gaps. */
	unknown: FunnelGroupRow | null;
	overall: FunnelGroupRow;
	headline: HeadlineGap | null;
	/** Shares of enrolment and of dosage-meeters per group (base E, known poverty only). */
	representation: RepresentationRow[];
}

export interface UsageFunnelByPoverty {
	school_year_start: number;
	window: { start: string; end: string };
	scheme: string;
	groups: readonly string[];
	level: number;
	products: ProductFunnel[];
}

async function productsOfYear(
	db: Database,
	year: number
): Promise<{ id: string; rostered: boolean }[]> {
	return (
		await db.query<{ id: string; rostered: boolean }>(sql`
		SELECT product_id AS id, bool_or(rostered) AS rostered FROM (
			SELECT product_id, true AS rostered FROM usage_roster WHERE school_year_start = ${year}
			UNION ALL
			SELECT product_id, false FROM usage_aggregate WHERE school_year_start = ${year}
		) GROUP BY product_id ORDER BY product_id`)
	).map((r) => ({ id: r.id, rostered: r.rostered }));
}

async function defaultWindow(db: Database, year: number): Promise<{ start: string; end: string }> {
	const [row] = await db.query<{ start: string | null; end: string | null }>(sql`
		SELECT CAST(min(week_start) AS VARCHAR) AS start, CAST(max(week_start) + 6 AS VARCHAR) AS "end"
		FROM usage_student_week WHERE school_year_start = ${year}`);
	return {
		start: row?.start ?? `${year}-07-01`,
		end: row?.end ?? `${year + 1}-06-30`
	};
}

function productFunnel(
	product: { id: string; rostered: boolean },
	rule: ResolvedRule,
	units: readonly FunnelUnitRow[],
	levels: readonly string[],
	z: number
): ProductFunnel {
	const mine = units.filter((u) => u.product_id === product.id);
	const groups = levels.map((g) =>
		summarizeFunnel(
			product.id,
			g,
			mine.filter((u) => u.poverty_group === g),
			z
		)
	);
	const unknownUnits = mine.filter((u) => !levels.includes(u.poverty_group ?? ''));
	const known = groups.filter((g) => g.enrolled_n !== null && g.dosage_met_n !== null);
	return {
		product_id: product.id,
		grain: product.rostered ? 'student_week' : 'aggregate',
		rule,
		groups,
		unknown: unknownUnits.length ? summarizeFunnel(product.id, 'unknown', unknownUnits, z) : null,
		overall: summarizeFunnel(product.id, 'all', mine, z),
		headline: headlineGap(groups, mine, levels, z),
		representation:
			known.length === groups.length
				? representationIndex(
						known.map((g) => ({
							poverty_group: g.poverty_group,
							base_n: g.enrolled_n!,
							dosage_met_n: g.dosage_met_n!
						}))
					)
				: []
	};
}

/**
 * The usage funnel by poverty level (domain-spec §4): for each product of the school year, the
 * funnel E → L → A → R → D per poverty group, for everyone and for unknown poverty, with every rate
 * (named denominator, clustered or student-level Wilson interval, flags), the headline gap in
 * `dosage_rate_access` between the highest- and lowest-poverty groups, and the representation
 * index. Products with rosters are evaluated per student from the student-week logs; the others
 * from `usage_aggregate`. Rules: `options.rules`, else `products.dosage_rule_json`, else the
 * published default (`resolveDosageRules`).
 */
export async function usageFunnelByPoverty(
	db: Database,
	options: UsageFunnelOptions
): Promise<UsageFunnelByPoverty> {
	const { schoolYear, level = 0.95 } = options;
	const z = zForLevel(level);
	const schemeOption = options.scheme ?? 'saipe-quartiles';
	const poverty =
		typeof schemeOption === 'string'
			? districtPovertyInput(schemeOption, schoolYear)
			: schemeOption;
	const products = (await productsOfYear(db, schoolYear))
		.filter((p) => options.productId === undefined || p.id === options.productId)
		.map((p) => ({ ...p, rostered: p.rostered && options.grain !== 'aggregate' }));
	const rules = await resolveDosageRules(
		db,
		products.map((p) => p.id),
		options.rules
	);
	const window = options.window ?? (await defaultWindow(db, schoolYear));
	const scopeOf = (rostered: boolean): UsageScope => ({
		schoolYear,
		windowStart: window.start,
		windowEnd: window.end,
		rules: new Map(
			products
				.filter((p) => p.rostered === rostered)
				.map((p) => [p.id, rules.find((r) => r.product_id === p.id)!.rule])
		)
	});
	const units = [
		...(await db.query<FunnelUnitRow>(usageFunnelStudentsSql({ scope: scopeOf(true), poverty }))),
		...(await db.query<FunnelUnitRow>(usageFunnelAggregatesSql({ scope: scopeOf(false), poverty })))
	];
	return {
		school_year_start: schoolYear,
		window,
		scheme: poverty.scheme,
		groups: poverty.groups,
		level,
		products: products.map((p, i) => productFunnel(p, rules[i]!, units, poverty.groups, z))
	};
}

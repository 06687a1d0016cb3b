import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '#lib/db/database.ts';
import { DosageRuleError } from '#lib/dosage/parse-rule.ts';
import { usageFunnelByPoverty } from '#lib/metrics/usage/usage-funnel-by-poverty.ts';
import { createSchemaDatabase } from '../../helpers/schema-db.ts';
import { loadFixtureFolder } from './fixture-db.ts';
import { FIXTURE_POVERTY } from './usage-scope.ts';

let db: Database;
beforeAll(async () => {
	db = await createSchemaDatabase();
	await loadFixtureFolder(db, 'student-grain');
});
afterAll(() => db.close());

// Expected values: tests/fixtures/usage/README.md, "High-level function".
describe('usageFunnelByPoverty (student-grain fixture)', () => {
	it('defaults the window to the weeks with usage and reads rules from the products table', async () => {
		const result = await usageFunnelByPoverty(db, { schoolYear: 2024, scheme: FIXTURE_POVERTY });
		expect(result.window).toEqual({ start: '2024-09-02', end: '2024-10-27' });
		expect(result).toMatchObject({
			scheme: 'fixture two-level',
			groups: ['low', 'high'],
			level: 0.95
		});
		expect(result.products.map((p) => [p.product_id, p.grain, p.rule.source])).toEqual([
			['demo-adaptive-lessons', 'student_week', 'products_table'],
			['demo-math-practice', 'student_week', 'products_table']
		]);
	});

	it('gives the per-group funnel, the headline gap and the representation index', async () => {
		const { products } = await usageFunnelByPoverty(db, {
			schoolYear: 2024,
			productId: 'demo-math-practice',
			scheme: FIXTURE_POVERTY
		});
		const [math] = products;
		expect(math!.groups.map((g) => [g.poverty_group, g.licensed_n, g.dosage_met_n])).toEqual([
			['low', 7, 1],
			['high', 5, 1]
		]);
		expect(math!.overall.rates.dosage_rate_access.estimate).toBeCloseTo(0.2, 12);
		expect(math!.unknown).toBeNull();
		const h = math!.headline!;
		expect(h).toMatchObject({ high_group: 'high', low_group: 'low', high: 0.25 });
		expect(h.gap.estimate).toBeCloseTo(-1 / 12, 12);
		expect(h.gap.lo).toBeNull();
		expect(h.ratio_vs_low.estimate).toBeCloseTo(1.5, 12);
		expect(h.ratio_vs_rest.estimate).toBeCloseTo(1.5, 12);
		expect(h.decomposition!.access_ratio).toBeCloseTo(30 / 49, 12);
		expect(h.decomposition!.conversion_ratio).toBeCloseTo(1.5, 12);
		expect(h.decomposition!.use_ratio).toBeCloseTo(45 / 49, 12);
		expect(math!.representation.map((r) => r.representation_index)).toEqual([
			expect.closeTo(13 / 12, 12),
			expect.closeTo(13 / 14, 12)
		]);
	});

	it('applies rules passed in (null = no rule) and reports their source', async () => {
		const { products } = await usageFunnelByPoverty(db, {
			schoolYear: 2024,
			productId: 'demo-math-practice',
			scheme: FIXTURE_POVERTY,
			rules: new Map([['demo-math-practice', null]])
		});
		expect(products[0]!.rule).toEqual({
			product_id: 'demo-math-practice',
			rule: null,
			source: 'user',
			source_keys: []
		});
		expect(products[0]!.overall.dosage_met_n).toBeNull();
		expect(products[0]!.headline!.high).toBeNull();
	});

	it('puts units without a poverty group in "unknown" and the overall row only', async () => {
		const { products } = await usageFunnelByPoverty(db, {
			schoolYear: 2024,
			productId: 'demo-math-practice',
			scheme: { ...FIXTURE_POVERTY, groups: ['low', 'mid', 'top'] }
		});
		expect(products[0]!.unknown).toMatchObject({ poverty_group: 'unknown', licensed_n: 5 });
		expect(products[0]!.overall.licensed_n).toBe(12);
		expect(products[0]!.headline!.high).toBeNull();
	});

	it('names the product whose stored rule is invalid', async () => {
		await db.exec(
			`UPDATE products SET dosage_rule_json = '{"minutes": 3}' WHERE product_id = 'demo-adaptive-lessons'`
		);
		const run = usageFunnelByPoverty(db, { schoolYear: 2024, scheme: FIXTURE_POVERTY });
		await expect(run).rejects.toThrow(DosageRuleError);
		await expect(run).rejects.toThrow(/product demo-adaptive-lessons: .*unknown clause "minutes"/);
	});
});

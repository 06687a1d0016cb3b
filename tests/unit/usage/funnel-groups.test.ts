import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '#lib/db/database.ts';
import { summarizeFunnel } from '#lib/metrics/usage/funnel-groups.ts';
import type { FunnelUnitRow } from '#lib/metrics/usage/funnel-unit.ts';
import { povertyRelation } from '#lib/metrics/usage/poverty-input.ts';
import { usageFunnelAggregatesSql } from '#lib/metrics/usage/usage-funnel-aggregates.ts';
import { usageFunnelStudentsSql } from '#lib/metrics/usage/usage-funnel-students.ts';
import { createSchemaDatabase } from '../../helpers/schema-db.ts';
import { loadFixtureFolder } from './fixture-db.ts';
import { FIXTURE_POVERTY, FIXTURE_SCOPE } from './usage-scope.ts';

let db: Database;
beforeAll(async () => {
	db = await createSchemaDatabase();
	await loadFixtureFolder(db, 'student-grain');
	await loadFixtureFolder(db, 'aggregate-grain');
	await db.exec(
		"INSERT INTO districts (leaid, school_year_start, enrollment_total) VALUES ('0100005', 2024, 500)"
	);
});
afterAll(() => db.close());

function rates(row: ReturnType<typeof summarizeFunnel>): Record<string, number | null> {
	return Object.fromEntries(Object.entries(row.rates).map(([id, r]) => [id, r.estimate]));
}

// Expected values: tests/fixtures/usage/README.md (hand-worked).
describe('summarizeFunnel on the student-grain fixture', () => {
	let units: FunnelUnitRow[];
	beforeAll(async () => {
		const rows = await db.query<FunnelUnitRow>(
			usageFunnelStudentsSql({ scope: FIXTURE_SCOPE, poverty: FIXTURE_POVERTY })
		);
		units = rows.filter((r) => r.product_id === 'demo-math-practice');
	});

	it('names each denominator and leaves not-evaluable students out of dosage rates', () => {
		const low = summarizeFunnel(
			'demo-math-practice',
			'low',
			units.filter((u) => u.poverty_group === 'low')
		);
		expect(rates(low)).toEqual({
			access_rate: 7 / 6,
			activation_rate: 4 / 7,
			regular_rate: 3 / 7,
			dosage_rate_access: 1 / 6,
			dosage_rate_enrolled: 1 / 5,
			dosage_rate_active: 1 / 3,
			usage_access_gap: 5 / 6
		});
		expect(low.rates.dosage_rate_access.denominator_label).toBe(
			'licensed students with enough eligible weeks'
		);
		expect(low.access_rate_display).toBe(1);
		expect(low.flags).toEqual(['overlicensed', 'too_few_schools']);
		expect(low.rates.access_rate.ci_missing).toBe('rate_above_one');
		expect(low.rates.activation_rate).toMatchObject({ lo: null, ci_missing: 'too_few_schools' });
	});

	it('sums the high-poverty schools and everyone', () => {
		const high = summarizeFunnel(
			'demo-math-practice',
			'high',
			units.filter((u) => u.poverty_group === 'high')
		);
		expect(high).toMatchObject({ enrolled_n: 7, licensed_n: 5, activated_n: 5, dosage_met_n: 1 });
		expect(rates(high)).toEqual({
			access_rate: 5 / 7,
			activation_rate: 1,
			regular_rate: 3 / 5,
			dosage_rate_access: 1 / 4,
			dosage_rate_enrolled: 1 / 6,
			dosage_rate_active: 1 / 4,
			usage_access_gap: 3 / 4
		});
		const all = summarizeFunnel('demo-math-practice', 'all', units);
		expect(rates(all)).toMatchObject({
			access_rate: 12 / 13,
			activation_rate: 3 / 4,
			dosage_rate_access: 2 / 10,
			dosage_rate_enrolled: 2 / 11,
			dosage_rate_active: 2 / 7
		});
	});
});

describe('summarizeFunnel on the aggregate-grain fixture', () => {
	let units: FunnelUnitRow[];
	beforeAll(async () => {
		units = await db.query<FunnelUnitRow>(
			usageFunnelAggregatesSql({
				scope: { ...FIXTURE_SCOPE, rules: new Map([['demo-math-practice', null]]) },
				poverty: {
					scheme: 'fixture',
					groups: ['low', 'high'],
					level: 'district',
					relation: povertyRelation([
						{ unit_id: '0100003', poverty_group: 'low' },
						{ unit_id: '0100004', poverty_group: 'high' },
						{ unit_id: '0100005', poverty_group: 'high' }
					])
				}
			})
		);
	});

	it('flags units as given, reading only the school year', () => {
		expect(
			units.map((u) => [
				u.ncessch ?? u.leaid,
				u.enrolled_n,
				u.funnel_inconsistent,
				u.overlicensed,
				u.enrolled_approximate
			])
		).toEqual([
			['010000300001', 100, false, false, false],
			['010000300002', 50, false, true, false],
			['010000400001', 100, true, false, false],
			['010000400002', 0, false, false, false],
			['0100005', 500, false, false, true],
			['010000600001', 100, true, false, false],
			['010000600002', 100, true, false, false],
			['010000600003', 50, true, false, false],
			['010000600003', 50, true, false, false]
		]);
	});

	it('excludes D > A, negative counts and a repeated unit, and counts them', () => {
		// README "Aggregate grain": district 0100006 has no poverty group; all four units break
		// integrity, so its group keeps no unit and no count.
		const unknown = summarizeFunnel(
			'p',
			'unknown',
			units.filter((u) => u.leaid === '0100006')
		);
		expect(unknown).toMatchObject({ units_n: 0, excluded_units_n: 4, licensed_n: 0 });
		expect(unknown.flags).toContain('funnel_inconsistent_units_excluded');
		expect(Object.values(rates(unknown)).every((r) => r === null)).toBe(true);
	});

	it('gives NULL rates for a unit with zero denominators', () => {
		const zero = summarizeFunnel('p', 'x', [units.find((u) => u.ncessch === '010000400002')!]);
		expect(Object.values(rates(zero)).every((r) => r === null)).toBe(true);
	});

	it('gives NULL rates for an inconsistent unit instead of clamping it', () => {
		const bad = summarizeFunnel('p', 'x', [units.find((u) => u.ncessch === '010000400001')!]);
		expect(bad).toMatchObject({ units_n: 0, excluded_units_n: 1, licensed_n: 0 });
		expect(bad.rates.activation_rate.estimate).toBeNull();
	});

	it('sums a group without the excluded unit', () => {
		const low = summarizeFunnel(
			'p',
			'low',
			units.filter((u) => u.poverty_group === 'low')
		);
		expect(rates(low)).toMatchObject({
			access_rate: 140 / 150,
			activation_rate: 0.5,
			regular_rate: 30 / 140,
			dosage_rate_access: 13 / 140,
			dosage_rate_enrolled: 13 / 150,
			dosage_rate_active: 13 / 70
		});
		const high = summarizeFunnel(
			'p',
			'high',
			units.filter((u) => u.poverty_group === 'high')
		);
		expect(high).toMatchObject({ enrolled_n: 500, licensed_n: 200, excluded_units_n: 1 });
		expect(high.flags).toEqual([
			'enrolled_approximate',
			'funnel_inconsistent_units_excluded',
			'assumes_independence'
		]);
		expect(high.rates.dosage_rate_access).toMatchObject({ estimate: 0.05, ci_method: 'wilson' });
		expect(high.rates.dosage_rate_access.lo).toBeCloseTo(0.0274, 4);
		expect(high.rates.dosage_rate_access.hi).toBeCloseTo(0.0896, 4);
	});
});

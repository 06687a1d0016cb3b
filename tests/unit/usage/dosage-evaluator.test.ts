import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '#lib/db/database.ts';
import { resolveDosageRules } from '#lib/metrics/usage/resolve-rules.ts';
import type { UsageScope } from '#lib/metrics/usage/scope.ts';
import { studentStatusSql } from '#lib/metrics/usage/student-status-sql.ts';
import { createSchemaDatabase } from '../../helpers/schema-db.ts';
import { loadFixtureFolder } from './fixture-db.ts';

const PRODUCTS = ['i-ready', 'ixl', 'hours-product', 'active-product', 'strict-product'];

let db: Database;
let scope: UsageScope;
beforeAll(async () => {
	db = await createSchemaDatabase();
	await loadFixtureFolder(db, 'dosage-rules');
	const resolved = await resolveDosageRules(db, PRODUCTS);
	scope = {
		schoolYear: 2024,
		windowStart: '2024-09-02',
		windowEnd: '2024-09-29',
		rules: new Map(resolved.map((r) => [r.product_id, r.rule]))
	};
});
afterAll(() => db.close());

interface StudentRow {
	student_key: string;
	activated: boolean;
	evaluable: boolean;
	dosage_met: boolean;
	eligible_weeks: number;
	minutes_sum: number;
	active_weeks: number;
}

async function students(): Promise<Map<string, StudentRow>> {
	const rows = await db.query<StudentRow>(studentStatusSql(scope));
	return new Map(rows.map((r) => [r.student_key, r]));
}

/** [evaluable, dosage_met] per student. */
async function verdicts(prefix: string): Promise<Record<string, [boolean, boolean]>> {
	const s = await students();
	return Object.fromEntries(
		[...s.values()]
			.filter((r) => r.student_key.startsWith(prefix))
			.map((r) => [r.student_key, [r.evaluable, r.dosage_met]])
	);
}

// Expected values: tests/fixtures/usage/README.md, "Dosage rules", worked by hand.
describe('dosage evaluator: every clause of the §4.2 grammar at its boundaries', () => {
	it('takes i-Ready and IXL from the published registry, the others from the products table', async () => {
		const resolved = await resolveDosageRules(db, PRODUCTS);
		expect(resolved.map((r) => [r.product_id, r.source])).toEqual([
			['i-ready', 'published_default'],
			['ixl', 'published_default'],
			['hours-product', 'products_table'],
			['active-product', 'products_table'],
			['strict-product', 'products_table']
		]);
	});

	it('i-Ready: minutes in [30, 50) per week AND quiz pass rate ≥ 0.70; none taken fails', async () => {
		expect(await verdicts('i')).toEqual({
			i1: [true, true], // 120 = 30 × 4, 7/10 = 0.70 exactly
			i2: [true, false], // 200 = 50 × 4 is not < 50 × 4
			i3: [true, true], // 199.99 < 200
			i4: [true, false], // 6/10 < 0.70
			i5: [true, false], // no quiz taken
			i6: [true, false], // 119.99 < 120
			i7: [false, false] // 3 eligible weeks < 4, whatever its usage
		});
	});

	it('IXL: skills proficient per eligible week ≥ 2, weeks without rows count as zero', async () => {
		expect(await verdicts('k')).toEqual({ k1: [true, true], k2: [true, false] });
	});

	it('hours_total ≥ 18 is 1080 minutes over eligible weeks; min_eligible_weeks defaults to 1', async () => {
		expect(await verdicts('h')).toEqual({
			h1: [true, true],
			h2: [true, false],
			h3: [true, true]
		});
		const s = await students();
		expect(s.get('h1')?.minutes_sum).toBe(1080);
		expect(s.get('h2')?.minutes_sum).toBeCloseTo(1079.99, 9);
		// h3's 500 minutes in the week before it enrolled do not count.
		expect(s.get('h3')).toMatchObject({ eligible_weeks: 1, minutes_sum: 1080 });
	});

	it('active_weeks ≥ 3 counts weeks with a session or a login, not rows', async () => {
		expect(await verdicts('a')).toEqual({
			a1: [true, true],
			a2: [true, false],
			a3: [true, true]
		});
		const s = await students();
		expect([1, 2, 3].map((i) => s.get(`a${i}`)?.active_weeks)).toEqual([3, 2, 3]);
	});

	it('strict bounds: > 30 excludes 30 exactly, ≤ 60 includes 60 exactly', async () => {
		expect(await verdicts('x')).toEqual({
			x1: [true, false],
			x2: [true, true],
			x3: [true, false],
			x4: [true, true]
		});
	});

	it('never meets the rule without activation', async () => {
		for (const r of (await students()).values()) {
			if (r.dosage_met) expect(r.activated, r.student_key).toBe(true);
		}
	});
});

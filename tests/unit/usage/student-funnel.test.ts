import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '#lib/db/database.ts';
import { studentStatusSql } from '#lib/metrics/usage/student-status-sql.ts';
import { usageFunnelStudentsSql } from '#lib/metrics/usage/usage-funnel-students.ts';
import type { FunnelUnitRow } from '#lib/metrics/usage/funnel-unit.ts';
import { createSchemaDatabase } from '../../helpers/schema-db.ts';
import { loadFixtureFolder } from './fixture-db.ts';
import { FIXTURE_POVERTY, FIXTURE_SCOPE } from './usage-scope.ts';

let db: Database;
beforeAll(async () => {
	db = await createSchemaDatabase();
	await loadFixtureFolder(db, 'student-grain');
});
afterAll(() => db.close());

interface StudentRow {
	student_key: string;
	enrolled: boolean;
	licensed: boolean;
	activated: boolean;
	regular: boolean;
	evaluable: boolean;
	dosage_met: boolean;
	eligible_weeks: number;
	minutes_sum: number;
}

async function students(): Promise<Map<string, StudentRow>> {
	const rows = await db.query<StudentRow>(studentStatusSql(FIXTURE_SCOPE));
	return new Map(rows.map((r) => [r.student_key, r]));
}

// Expected values: tests/fixtures/usage/README.md, "Student grain", worked by hand.
describe('studentStatusSql (student-grain fixture)', () => {
	it('counts eligible weeks after calendar exclusions, partial enrolment and licence dates', async () => {
		const s = await students();
		const weeks = Object.fromEntries([...s].map(([k, r]) => [k, r.eligible_weeks]));
		expect(weeks).toMatchObject({ s01: 6, s03: 3, s05: 0, s10: 4, s11: 5, s12: 7, s16: 2 });
	});

	it('averages over eligible weeks, zero-filling weeks without rows', async () => {
		const s = await students();
		expect(s.get('s11')).toMatchObject({ minutes_sum: 120, eligible_weeks: 5, dosage_met: false });
		expect(s.get('s02')).toMatchObject({ minutes_sum: 175, dosage_met: false });
	});

	it('meets the rule at exactly 30.00 minutes per week (10.10 + 9.95 + 9.95 + 3 × 50)', async () => {
		expect((await students()).get('s01')).toMatchObject({ minutes_sum: 180, dosage_met: true });
	});

	it('marks students below min_eligible_weeks not evaluable, whatever their usage', async () => {
		const s = await students();
		expect(s.get('s03')).toMatchObject({ evaluable: false, dosage_met: false, activated: true });
		expect(s.get('s16')).toMatchObject({ evaluable: false, regular: true });
	});

	it('activates on a login without a session, not on an empty usage row', async () => {
		const s = await students();
		expect(s.get('s13')?.activated).toBe(true);
		expect(s.get('s06')?.activated).toBe(false);
	});

	it('keeps D ⊆ A ⊆ L for every student', async () => {
		for (const r of (await students()).values()) {
			if (r.dosage_met) expect(r.activated, r.student_key).toBe(true);
			if (r.activated) expect(r.licensed, r.student_key).toBe(true);
		}
	});
});

describe('usageFunnelStudentsSql (student-grain fixture)', () => {
	it('gives the hand-worked counts per school', async () => {
		const rows = await db.query<FunnelUnitRow>(
			usageFunnelStudentsSql({ scope: FIXTURE_SCOPE, poverty: FIXTURE_POVERTY })
		);
		const counts = rows.map((r) => [
			r.product_id,
			r.ncessch,
			r.poverty_group,
			r.enrolled_n,
			r.licensed_n,
			r.activated_n,
			r.regular_n,
			r.dosage_met_n,
			r.not_evaluable_n,
			r.overlicensed
		]);
		expect(counts).toEqual([
			['demo-adaptive-lessons', '010000100001', 'low', 2, 2, 2, 2, 1, 0, false],
			['demo-math-practice', '010000100001', 'low', 6, 7, 4, 3, 1, 1, true],
			['demo-math-practice', '010000200001', 'high', 2, 2, 2, 2, 1, 0, false],
			['demo-math-practice', '010000200002', 'high', 5, 3, 3, 1, 0, 1, false]
		]);
	});

	it('reports no dosage counts for a product without a rule', async () => {
		const scope = { ...FIXTURE_SCOPE, rules: new Map([['demo-math-practice', null]]) };
		const rows = await db.query<FunnelUnitRow>(
			usageFunnelStudentsSql({ scope, poverty: FIXTURE_POVERTY })
		);
		expect(rows.map((r) => [r.activated_n, r.dosage_met_n, r.not_evaluable_n])).toEqual([
			[4, null, null],
			[2, null, null],
			[3, null, null]
		]);
	});
});

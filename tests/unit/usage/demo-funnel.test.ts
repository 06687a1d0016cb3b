import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '#lib/db/database.ts';
import { DEMO_SCHOOL_YEAR } from '#lib/demo/calendar.ts';
import { generateDemoData } from '#lib/demo/generate.ts';
import {
	usageFunnelByPoverty,
	type UsageFunnelByPoverty
} from '#lib/metrics/usage/usage-funnel-by-poverty.ts';
import { createSchemaDatabase, loadCsv } from '../../helpers/schema-db.ts';

let db: Database;
let national: UsageFunnelByPoverty;
let logged: UsageFunnelByPoverty;
const window = { start: DEMO_SCHOOL_YEAR.period_start, end: DEMO_SCHOOL_YEAR.period_end };

beforeAll(async () => {
	db = await createSchemaDatabase();
	for (const file of (await generateDemoData()).files) await loadCsv(db, file.table, file.text);
	national = await usageFunnelByPoverty(db, { schoolYear: 2024, window, grain: 'aggregate' });
	logged = await usageFunnelByPoverty(db, { schoolYear: 2024, window });
});
afterAll(() => db?.close());

const pooled = (
	result: UsageFunnelByPoverty,
	group: (p: (typeof result.products)[number]) => {
		dosage_met_n: number | null;
		licensed_n: number | null;
		not_evaluable_n: number | null;
	}
) => {
	const rows = result.products.map(group);
	const met = rows.reduce((s, r) => s + r.dosage_met_n!, 0);
	const base = rows.reduce((s, r) => s + r.licensed_n! - r.not_evaluable_n!, 0);
	return met / base;
};

describe('the 5 percent problem in the demo data, through the real metric code', () => {
	it('about 5% of students with access meet the dosage rule (SAIPE quartiles, all districts)', () => {
		expect(national.scheme).toMatch(/SAIPE/);
		expect(national.groups).toEqual(['Q1', 'Q2', 'Q3', 'Q4']);
		const share = pooled(national, (p) => p.overall);
		expect(share).toBeGreaterThan(0.03);
		expect(share).toBeLessThan(0.08);
	});

	it('the share is lower in the highest-poverty quartile than in the lowest, for every product', () => {
		for (const product of national.products) {
			const h = product.headline!;
			expect(h.high!, product.product_id).toBeLessThan(h.low!);
			expect(h.gap.lo!, product.product_id).toBeGreaterThan(0);
			expect(product.representation.at(-1)!.representation_index!).toBeLessThan(1);
		}
	});

	it('evaluating the logged districts per student reproduces the generator’s own school counts', async () => {
		const schools = await db.query<{
			product_id: string;
			unit_id: string;
			enrolled_n: number;
			licensed_n: number;
			activated_n: number;
			regular_n: number;
			dosage_met_n: number;
		}>(`SELECT product_id, unit_id, enrolled_n, licensed_n, activated_n, regular_n, dosage_met_n
			FROM usage_aggregate WHERE unit_type = 'school'
				AND unit_id IN (SELECT DISTINCT ncessch FROM usage_roster)`);
		expect(logged.products.every((p) => p.grain === 'student_week')).toBe(true);
		for (const product of logged.products) {
			const expected = schools.filter((s) => s.product_id === product.product_id);
			const sum = (f: keyof (typeof expected)[number]) =>
				expected.reduce((s, r) => s + Number(r[f]), 0);
			expect(product.overall, product.product_id).toMatchObject({
				enrolled_n: sum('enrolled_n'),
				licensed_n: sum('licensed_n'),
				activated_n: sum('activated_n'),
				regular_n: sum('regular_n'),
				dosage_met_n: sum('dosage_met_n')
			});
		}
	});
});

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '#lib/db/database.ts';
import { DEFAULT_PROFILE } from '#lib/disclosure/profiles.ts';
import { usageViewFigures } from '#lib/export/view-figures.ts';
import {
	usageFunnelByPoverty,
	type ProductFunnel
} from '#lib/metrics/usage/usage-funnel-by-poverty.ts';
import { discloseUsage } from '#lib/view/usage-disclosure.ts';
import { funnelModel } from '#lib/view/usage-model.ts';
import type { UsageView } from '#lib/view/usage-view.ts';
import { DEFAULT_VIEW_STATE } from '#lib/view/view-state.ts';
import { withNotEvaluable } from '../../../src/routes/_dashboard/usage-tables.ts';
import { createSchemaDatabase } from '../../helpers/schema-db.ts';
import { loadFixtureFolder } from '../usage/fixture-db.ts';
import { FIXTURE_POVERTY } from '../usage/usage-scope.ts';
import { handFunnel } from './funnel-units.ts';

const RESEARCH = { mode: 'research', profile: DEFAULT_PROFILE } as const;
const GROUPS = [
	{ group: 'low', label: 'Students in low-poverty districts', short: 'Low' },
	{ group: 'high', label: 'Students in high-poverty districts', short: 'High' }
];

let db: Database;
let math: ProductFunnel;
beforeAll(async () => {
	db = await createSchemaDatabase();
	await loadFixtureFolder(db, 'student-grain');
	const result = await usageFunnelByPoverty(db, {
		schoolYear: 2024,
		productId: 'demo-math-practice',
		scheme: FIXTURE_POVERTY
	});
	math = result.products[0]!;
});
afterAll(() => db.close());

/** The fixture's math funnel as the usage page models it (from supplied aggregates unless `grain` says logs). */
function mathModel(policy?: typeof RESEARCH, grain?: 'logs') {
	const disclosed = discloseUsage([math], 'user_loaded', policy ? { policy } : {});
	return funnelModel(math, disclosed.funnels.get(math.product_id)!, GROUPS, 'Math', grain);
}

// Expected values: tests/fixtures/usage/README.md, "Student grain" (NE: low s03 of 7 licensed,
// high s16 of 5, all 2 of 12).
describe('not-evaluable students are shown beside the dosage rate', () => {
	it('research mode: each group’s share of licensed students with its counts', () => {
		const model = mathModel(RESEARCH, 'logs');
		expect(model.notEvaluable.map((r) => [r.group, r.share, r.count, r.licensed])).toEqual([
			['low', shown(1 / 7), shown(1), shown(7)],
			['high', shown(1 / 5), shown(1), shown(5)],
			['all', shown(2 / 12), shown(2), shown(12)]
		]);
		expect(model.notEvaluableSentence).toBe(
			'Not evaluable (fewer eligible weeks than the rule needs; left out of “met the recommended dosage” and its denominator), as a share of licensed students: students in low-poverty districts 14% (1 of 7); students in high-poverty districts 20% (1 of 5); all students 17% (2 of 12).'
		);
	});

	// Groups of 7 and 5 licensed are under n = 10; all students (12) falls in the 10–19 tier, whose
	// bottom code is 20% (profiles.ts), so 2/12 = 16.7% is shown as "≤20%".
	it('public mode: groups under 10 are not shown and say why; a small share is coded', () => {
		const model = mathModel(undefined, 'logs');
		expect(model.notEvaluable.map((r) => r.share.status)).toEqual([
			'suppressed',
			'suppressed',
			'coarsened'
		]);
		expect(model.notEvaluable.map((r) => r.count.status)).not.toContain('shown');
		expect(model.notEvaluableSentence).toContain('students in low-poverty districts not shown (');
		expect(model.notEvaluableSentence).toContain('; all students ≤20%.');
	});

	it('adds a table row per group and the sentence as a note', () => {
		const model = mathModel(RESEARCH, 'logs');
		const table = withNotEvaluable({ caption: 'Funnel', columns: [], rows: [] }, model);
		expect(
			table.rows.map((r) => [r.header, r.cells.group, r.cells.rate, r.cells.numerator])
		).toEqual([
			['Not evaluable (too few eligible weeks)', 'Students in low-poverty districts', '14%', '1'],
			['Not evaluable (too few eligible weeks)', 'Students in high-poverty districts', '20%', '1'],
			['Not evaluable (too few eligible weeks)', 'All students', '17%', '2']
		]);
		expect(table.notes).toEqual([model.notEvaluableSentence]);
	});

	it('aggregates have no not-evaluable count: the sentence says so and no row is added', () => {
		const model = mathModel(RESEARCH);
		expect(model.notEvaluable).toEqual([]);
		expect(model.notEvaluableSentence).toMatch(/^Supplied aggregates count no student/);
		expect(withNotEvaluable({ caption: 'F', columns: [], rows: [] }, model).rows).toEqual([]);
	});
});

function shown(value: number) {
	return { status: 'shown', value };
}

describe('the usage export carries the not-evaluable share', () => {
	// low: 6 schools × (L 20, NE 2) → 12/120 = 0.1; high: 5 × (40, 8) → 40/200 = 0.2;
	// all: 52/320 = 0.1625. Bands: 120 and 200 → 100–299, 320 → 300+.
	const product = (grain: ProductFunnel['grain']) =>
		handFunnel(
			'p',
			{
				low: { schools: 6, licensed: 20, activated: 10, met: 2, notEvaluable: 2 },
				high: { schools: 5, licensed: 40, activated: 20, met: 4, notEvaluable: 8 }
			},
			grain
		);
	const view = (grain: ProductFunnel['grain']): UsageView => ({
		groups: GROUPS,
		products: [product(grain)],
		pooled: null,
		release: { allowed: true }
	});

	it('from logs: one public row per group with the share and the band of licensed students', () => {
		const rows = usageViewFigures(view('student_week'), DEFAULT_VIEW_STATE, 2024, 'demo');
		const ne = rows.filter((r) => r.metric === 'not_evaluable_share');
		expect(ne.map((r) => [r.group, r.estimate, r.n, r.status])).toEqual([
			['low', 0.1, '100–299', 'shown'],
			['high', 0.2, '100–299', 'shown'],
			['all', 0.1625, '300+', 'shown']
		]);
	});

	it('from aggregates: no not-evaluable rows', () => {
		const rows = usageViewFigures(view('aggregate'), DEFAULT_VIEW_STATE, 2024, 'demo');
		expect(rows.some((r) => r.metric === 'not_evaluable_share')).toBe(false);
		expect(rows).toHaveLength(4 * 3);
	});
});

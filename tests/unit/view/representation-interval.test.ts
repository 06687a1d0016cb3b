import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '#lib/db/database.ts';
import { generateDemoData } from '#lib/demo/generate.ts';
import {
	representationInterval,
	representationUnitsSql,
	intervalLines,
	publishedInterval
} from '#lib/view/representation-interval.ts';
import { usageView, type UsageView } from '#lib/view/usage-view.ts';
import { DEFAULT_VIEW_STATE } from '#lib/view/view-state.ts';
import { buildViewUnits } from '#lib/view/view-units.ts';
import { createSchemaDatabase, loadCsv } from '../../helpers/schema-db.ts';

const PRODUCT = 'demo-math-practice';
const STATE = { ...DEFAULT_VIEW_STATE, states: ['TX', 'CA', 'NY'] };

let db: Database;
let view: UsageView;
beforeAll(async () => {
	db = await createSchemaDatabase();
	for (const f of (await generateDemoData()).files) {
		if (f.table !== 'usage_student_week' && f.table !== 'usage_roster') {
			await loadCsv(db, f.table, f.text);
		}
	}
	const units = await buildViewUnits(db, { schoolYear: 2024, source: 'aggregate', rules: {} });
	view = await usageView(db, units, STATE);
});
afterAll(() => db?.close());

const representation = () => view.products.find((p) => p.product_id === PRODUCT)!;

describe('representation-index bootstrap over the view (on demand)', () => {
	it('resamples exactly the units behind the shown index: their sums are each group’s E and D', async () => {
		// Oracle: the group counts of `usageView` (summed from the district cells table), an
		// independent path from the units query.
		const units = await db.query<{ poverty_group: string; base_n: number; dosage_met_n: number }>(
			representationUnitsSql(STATE, PRODUCT)
		);
		for (const g of representation().groups) {
			const mine = units.filter((u) => u.poverty_group === g.poverty_group);
			expect(
				[mine.reduce((s, u) => s + u.base_n, 0), mine.reduce((s, u) => s + u.dosage_met_n, 0)],
				g.poverty_group
			).toEqual([g.enrolled_n, g.dosage_met_n]);
		}
	});

	it('is reproducible from its seed, brackets the point estimate, and reports seed and clusters', async () => {
		const options = { seed: 11, resamples: 400 };
		const a = await representationInterval(db, STATE, PRODUCT, options);
		const b = await representationInterval(db, STATE, PRODUCT, options);
		const c = await representationInterval(db, STATE, PRODUCT, { ...options, seed: 12 });
		expect(a).toEqual(b);
		expect(a.intervals).not.toEqual(c.intervals);
		expect(a).toMatchObject({ product_id: PRODUCT, seed: 11, resamples: 400, level: 0.95 });
		expect(a.missing).toBeNull();
		for (const row of representation().representation) {
			const interval = a.intervals[row.poverty_group]!;
			expect(interval.lo).toBeLessThanOrEqual(row.representation_index!);
			expect(interval.hi).toBeGreaterThanOrEqual(row.representation_index!);
			expect(a.clusters[row.poverty_group]).toBeGreaterThanOrEqual(5);
		}
	});

	it('publishes an interval only where the index itself is shown, with seed and resamples', async () => {
		const result = await representationInterval(db, STATE, PRODUCT, { seed: 3, resamples: 50 });
		const [first, second] = Object.keys(result.intervals);
		const published = publishedInterval(result, [
			{ group: first!, index: { status: 'shown', value: 1 } },
			{ group: second!, index: { status: 'suppressed', reason: 'min_n', label: '<10' } }
		]);
		const { lo, hi } = result.intervals[first!]!;
		expect(published.groups).toEqual([
			{ group: first, lo, hi },
			{ group: second, why: 'index_not_shown' }
		]);
		const text = intervalLines(published, (g) => `Group ${g}`);
		expect(text.head).toBe(
			'95% cluster-bootstrap intervals of the index (50 resamples of schools within each group, seed 3):'
		);
		expect(text.lines).toEqual([
			`Group ${first}: ${lo.toFixed(2)} to ${hi.toFixed(2)}`,
			`Group ${second}: not shown (the index itself is withheld or shown as a range)`
		]);
	});

	it('says when a group has too few schools to resample', async () => {
		const result = await representationInterval(db, { ...STATE, states: ['VT'] }, PRODUCT, {
			seed: 1,
			resamples: 10
		});
		expect(result.missing).toBe('too_few_schools');
		expect(intervalLines(publishedInterval(result, []), String).head).toMatch(
			/fewer than 5 schools/
		);
	});
});

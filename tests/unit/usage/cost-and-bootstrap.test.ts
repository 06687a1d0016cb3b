import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { ALL_PRODUCTS, costLens } from '#lib/metrics/usage/cost-lens.ts';
import type { FunnelGroupRow } from '#lib/metrics/usage/funnel-groups.ts';
import {
	bootstrapRepresentationIndex,
	bootstrapRepresentationIndexInSlices,
	type BootstrapUnit
} from '#lib/metrics/usage/representation-bootstrap.ts';
import { representationIndex } from '#lib/metrics/usage/representation-index.ts';

function groupRow(product_id: string, l: number, a: number, d: number | null): FunnelGroupRow {
	return {
		product_id,
		poverty_group: 'high',
		licensed_n: l,
		activated_n: a,
		dosage_met_n: d
	} as FunnelGroupRow;
}

describe('costLens (hand-worked)', () => {
	it('prices one product: 140 licences at 20.00, 70 activated, 13 met the rule', () => {
		const [row] = costLens([groupRow('p', 140, 70, 13)], new Map([['p', 20]]));
		expect(row).toEqual({
			product_id: 'p',
			poverty_group: 'high',
			price_per_license: 20,
			licensed_n: 140,
			activated_n: 70,
			dosage_met_n: 13,
			total_cost: 2800,
			cost_per_activated: 40,
			cost_per_dosage_met: 2800 / 13,
			never_activated_spend: 1400,
			cost_multiplier: 2
		});
	});

	it('pools priced products per group: 2800 + 2500 over L 340, A 170, D 23', () => {
		const rows = costLens(
			[groupRow('p', 140, 70, 13), groupRow('q', 200, 100, 10), groupRow('unpriced', 9, 9, 9)],
			new Map([
				['p', 20],
				['q', 12.5]
			])
		);
		expect(rows.map((r) => r.product_id)).toEqual(['p', 'q', ALL_PRODUCTS]);
		expect(rows[2]).toMatchObject({
			price_per_license: null,
			licensed_n: 340,
			total_cost: 5300,
			never_activated_spend: 2650,
			cost_multiplier: 2
		});
		expect(rows[2]!.cost_per_activated).toBeCloseTo(31.176471, 6);
		expect(rows[2]!.cost_per_dosage_met).toBeCloseTo(230.434783, 6);
	});

	it('adds money in cents (3 × 0.10 is 0.30, not 0.30000000000000004)', () => {
		expect(costLens([groupRow('p', 3, 0, 0)], new Map([['p', 0.1]]))[0]).toMatchObject({
			total_cost: 0.3,
			cost_per_activated: null,
			cost_per_dosage_met: null,
			cost_multiplier: null
		});
	});
});

/** Schools of `tests/fixtures/usage/clustered/students.csv`, base = licensed students. */
function schools(): BootstrapUnit[] {
	const [, ...lines] = readFileSync('tests/fixtures/usage/clustered/students.csv', 'utf8')
		.trim()
		.split('\n');
	const units = new Map<string, BootstrapUnit & { base_n: number; dosage_met_n: number }>();
	for (const line of lines) {
		const [school, group, , , met] = line.split(',');
		const u = units.get(school!) ?? { poverty_group: group!, base_n: 0, dosage_met_n: 0 };
		u.base_n += 1;
		u.dosage_met_n += Number(met);
		units.set(school!, u);
	}
	return [...units.values()];
}

describe('bootstrapRepresentationIndex', () => {
	it('reproduces its interval from the seed, and a different seed moves it', () => {
		const a = bootstrapRepresentationIndex(schools(), { seed: 42, resamples: 300 });
		const b = bootstrapRepresentationIndex(schools(), { seed: 42, resamples: 300 });
		const c = bootstrapRepresentationIndex(schools(), { seed: 43, resamples: 300 });
		expect(a).toEqual(b);
		expect(a.intervals.low).not.toEqual(c.intervals.low);
		expect(a).toMatchObject({ seed: 42, resamples: 300, level: 0.95, missing: null });
	});

	it('brackets the point estimate (low: (15/19) / (165/308) = 1.4737)', () => {
		const { intervals } = bootstrapRepresentationIndex(schools(), { seed: 7, resamples: 500 });
		const point = representationIndex([
			{ poverty_group: 'low', base_n: 165, dosage_met_n: 15 },
			{ poverty_group: 'high', base_n: 143, dosage_met_n: 4 }
		]);
		expect(point[0]!.representation_index).toBeCloseTo(15 / 19 / (165 / 308), 12);
		expect(intervals.low!.lo).toBeLessThan(point[0]!.representation_index!);
		expect(intervals.low!.hi).toBeGreaterThan(point[0]!.representation_index!);
	});

	it('collapses to the point when every school of a group is identical', () => {
		const same = (g: string, base: number, met: number) =>
			Array.from({ length: 5 }, () => ({ poverty_group: g, base_n: base, dosage_met_n: met }));
		const { intervals } = bootstrapRepresentationIndex(
			[...same('low', 10, 2), ...same('high', 10, 1)],
			{
				seed: 1,
				resamples: 50
			}
		);
		// RI_low = (10/15) / (50/100) = 4/3 in every resample.
		expect(intervals.low!.lo).toBeCloseTo(4 / 3, 12);
		expect(intervals.low!.hi).toBeCloseTo(4 / 3, 12);
	});

	it('in slices, hands the thread back between resamples and gives the same interval', async () => {
		let otherTaskRan = false;
		setTimeout(() => (otherTaskRan = true), 0);
		const sliced = bootstrapRepresentationIndexInSlices(schools(), { seed: 42, resamples: 300 }, 0);
		expect(otherTaskRan).toBe(false);
		const result = await sliced;
		expect(otherTaskRan).toBe(true);
		expect(result).toEqual(bootstrapRepresentationIndex(schools(), { seed: 42, resamples: 300 }));
	});

	it('gives no interval with fewer than 5 schools in a group', () => {
		const few = schools().filter((u) => u.poverty_group === 'low');
		const four = [...few, ...few.slice(0, 4).map((u) => ({ ...u, poverty_group: 'high' }))];
		expect(bootstrapRepresentationIndex(four, { seed: 1 })).toMatchObject({
			missing: 'too_few_schools',
			intervals: {}
		});
	});
});

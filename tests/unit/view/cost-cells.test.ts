import { describe, expect, it } from 'vitest';
import { DEFAULT_PROFILE } from '#lib/disclosure/profiles.ts';
import { discloseUsage } from '#lib/view/usage-disclosure.ts';
import type { DisclosedCost } from '#lib/view/cost-cells.ts';
import { costTable } from '../../../src/routes/_dashboard/usage-tables.ts';
import type { ProductModel } from '#lib/view/usage-model.ts';
import { handFunnel } from './funnel-units.ts';

const RESEARCH = { mode: 'research', profile: DEFAULT_PROFILE } as const;
const PRICE = new Map([['p', 20]]);

// Hand-worked at $20 per licence:
// low  6 schools × (L 20, A 10, D 2): L 120, A 60, D 12 → spend 2,400; per activated 2400/60 =
//      40; per met 2400/12 = 200; never activated 60 → share 0.5, spend 1,200; L/A = 2.
// high 5 schools × (L 40, A 10, D 1): L 200, A 50, D 5 → spend 4,000; per activated 80; per met
//      800; never activated 150 → share 0.75, spend 3,000; L/A = 4.
// all  L 320, A 110, D 17 → spend 6,400; per activated 58.1818; per met 376.4706; share
//      210/320 = 0.65625; L/A = 2.9091.
const LARGE = {
	low: { schools: 6, licensed: 20, activated: 10, met: 2 },
	high: { schools: 5, licensed: 40, activated: 10, met: 1 }
};

function costs(groups: Parameters<typeof handFunnel>[1], research = false): DisclosedCost[] {
	const policy = research ? { policy: RESEARCH } : {};
	return [
		...discloseUsage([handFunnel('p', groups)], 'user_loaded', { prices: PRICE, ...policy }).costs
	];
}

const value = (v: DisclosedCost[keyof DisclosedCost]) =>
	typeof v === 'object' && v !== null && 'value' in v ? v.value : v;

describe('disclosed cost lens (cost-cells.ts through discloseUsage)', () => {
	it('public mode, large groups: per-student costs, share and L/A shown; dollar totals withheld', () => {
		const rows = costs(LARGE);
		expect(rows.map((c) => c.group)).toEqual(['low', 'high', 'all']);
		const figures = rows.map((c) => [
			value(c.cost_per_activated),
			value(c.cost_per_dosage_met),
			value(c.never_activated_share),
			value(c.cost_multiplier)
		]);
		expect(figures[0]).toEqual([40, 200, 0.5, 2]);
		expect(figures[1]).toEqual([80, 800, 0.75, 4]);
		const all = figures[2] as number[];
		expect(all[0]).toBeCloseTo(6400 / 110, 10);
		expect(all[1]).toBeCloseTo(6400 / 17, 10);
		expect(all[2]).toBe(0.65625);
		expect(all[3]).toBeCloseTo(320 / 110, 10);
		for (const c of rows) {
			expect(c.never_activated_spend).toMatchObject({
				status: 'suppressed',
				reason: 'counts_withheld'
			});
			expect(c.total_spend).toMatchObject({ status: 'suppressed', reason: 'counts_withheld' });
		}
	});

	it('research mode shows the dollar totals too', () => {
		const [low, high] = costs(LARGE, true);
		expect(
			[low, high].map((c) => [value(c!.never_activated_spend), value(c!.total_spend)])
		).toEqual([
			[1200, 2400],
			[3000, 4000]
		]);
	});

	it('a group under n = 10 withholds every cost figure built from it', () => {
		const rows = costs({ ...LARGE, mid: { schools: 1, licensed: 8, activated: 4, met: 1 } });
		const mid = rows.find((c) => c.group === 'mid')!;
		for (const figure of [
			'cost_per_activated',
			'cost_per_dosage_met',
			'cost_multiplier'
		] as const) {
			expect(mid[figure], figure).toMatchObject({
				status: 'suppressed',
				reason: 'built_from_suppressed'
			});
		}
		expect(mid.never_activated_share).toMatchObject({ status: 'suppressed', reason: 'min_n' });
		expect(mid.never_activated_spend.status).toBe('suppressed');
	});

	it('a suppressed dosage cell withholds cost per student who met the rule only', () => {
		// high: 200 licensed but 195 not evaluable → dosage denominator 5 < 10 (suppressed); the
		// cost cell (never activated / licensed, n = 200) is still shown.
		const rows = costs({
			low: LARGE.low,
			high: { schools: 5, licensed: 40, activated: 10, met: 1, notEvaluable: 39 }
		});
		const high = rows.find((c) => c.group === 'high')!;
		expect(high.cost_per_dosage_met).toMatchObject({
			status: 'suppressed',
			reason: 'built_from_suppressed'
		});
		expect([value(high.cost_per_activated), value(high.cost_multiplier)]).toEqual([80, 4]);
	});

	it('the dashboard cost table shows L / A as a multiplier', () => {
		const product = { name: 'P', costs: costs(LARGE) } as unknown as ProductModel;
		const table = costTable(product, (g) => g);
		expect(table.rows.map((r) => r.cells.multiplier)).toEqual(['2×', '4×', '2.91×']);
	});
});

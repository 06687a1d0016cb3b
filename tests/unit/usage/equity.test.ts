import { describe, expect, it } from 'vitest';
import { wilsonInterval } from '#lib/stats/proportion.ts';
import { decomposeUseGap, rateGap, rateRatio } from '#lib/metrics/usage/equity.ts';
import type { RateEstimate } from '#lib/metrics/usage/funnel-groups.ts';
import { representationIndex } from '#lib/metrics/usage/representation-index.ts';

/** A student-level rate x/n with its Wilson interval (as `summarizeFunnel` builds one). */
function rate(x: number, n: number): RateEstimate {
	const ci = wilsonInterval(x / n, n)!;
	return {
		estimate: x / n,
		numerator: x,
		denominator: n,
		denominator_label: 'licensed students',
		...ci,
		n_eff: n,
		ci_method: 'wilson',
		ci_missing: null
	};
}

describe('rateGap and rateRatio (domain-spec §5.3 fixtures)', () => {
	it('Newcombe: low 67/100 vs high 39/100 → Δ = 0.28, [0.1422, 0.4032]', () => {
		const gap = rateGap(rate(39, 100), rate(67, 100));
		expect(gap.estimate).toBeCloseTo(0.28, 10);
		expect(gap.lo).toBeCloseTo(0.1422, 4);
		expect(gap.hi).toBeCloseTo(0.4032, 4);
	});

	it('Katz: high 39/100 vs low 67/100 → RR 0.582, [0.4395, 0.7710]', () => {
		const ratio = rateRatio(rate(39, 100), rate(67, 100));
		expect(ratio.estimate).toBeCloseTo(0.582, 3);
		expect(ratio.lo).toBeCloseTo(0.4395, 4);
		expect(ratio.hi).toBeCloseTo(0.771, 4);
	});

	it('leaves RR undefined when the reference rate is 0, keeping the +0.5 interval', () => {
		// Hand: x+0.5 = 5.5 and 0.5, n+0.5 = 100.5; RR_adj = 11, se = √(1/5.5 − 1/100.5 + 1/0.5 − 1/100.5)
		// = 1.47035 → exp(ln 11 ∓ 1.95996 × 1.47035) = [0.6164, 196.3].
		const ratio = rateRatio(rate(5, 100), rate(0, 100));
		expect(ratio.estimate).toBeNull();
		expect(ratio.lo).toBeCloseTo(0.6164, 4);
		expect(ratio.hi).toBeCloseTo(196.315, 3);
	});

	it('gives estimates without intervals when a group has none (too few schools)', () => {
		const noCi = { ...rate(1, 10), lo: null, hi: null, ci_missing: 'too_few_schools' as const };
		expect(rateGap(noCi, rate(5, 10))).toEqual({ estimate: 0.4, lo: null, hi: null });
		expect(rateRatio(noCi, rate(5, 10))).toEqual({ estimate: 0.2, lo: null, hi: null });
	});

	it('is NULL when a rate is NULL', () => {
		const none = { ...rate(1, 10), estimate: null };
		expect(rateGap(none, rate(1, 10)).estimate).toBeNull();
		expect(rateRatio(rate(1, 10), none).estimate).toBeNull();
	});
});

describe('decomposeUseGap (domain-spec §4.4 fixture)', () => {
	it('access 0.6 vs 0.9, conversion 0.03 vs 0.08 → U 0.018 vs 0.072, UR 0.25 = 0.667 × 0.375', () => {
		const d = decomposeUseGap(
			{ access: 0.6, conversion: 0.03 },
			{ access: 0.9, conversion: 0.08 }
		)!;
		expect(d.use_high).toBeCloseTo(0.018, 12);
		expect(d.use_low).toBeCloseTo(0.072, 12);
		expect(d.use_ratio).toBeCloseTo(0.25, 12);
		expect(d.access_ratio).toBeCloseTo(2 / 3, 12);
		expect(d.conversion_ratio).toBeCloseTo(0.375, 12);
		// ln(2/3) / ln(0.25) = −0.405465 / −1.386294 = 0.292481
		expect(d.access_share).toBeCloseTo(0.292481, 6);
		expect(d.conversion_share).toBeCloseTo(0.707519, 6);
	});

	it('is NULL when a rate is 0 and has no shares when there is no gap', () => {
		expect(decomposeUseGap({ access: 0.6, conversion: 0 }, { access: 0.9, conversion: 0.1 })).toBe(
			null
		);
		const even = decomposeUseGap(
			{ access: 0.5, conversion: 0.2 },
			{ access: 0.5, conversion: 0.2 }
		);
		expect(even).toMatchObject({ use_ratio: 1, access_share: null, conversion_share: null });
	});
});

describe('representationIndex (domain-spec §4.4 fixture)', () => {
	it('E = {H: 4000, other: 6000}, D = {H: 100, other: 400} → RI_H = 0.5, RI_other = 4/3', () => {
		const rows = representationIndex([
			{ poverty_group: 'high', base_n: 4000, dosage_met_n: 100 },
			{ poverty_group: 'other', base_n: 6000, dosage_met_n: 400 }
		]);
		expect(rows.map((r) => [r.base_share, r.dosage_share])).toEqual([
			[0.4, 0.2],
			[0.6, 0.8]
		]);
		expect(rows[0]!.representation_index).toBeCloseTo(0.5, 12);
		expect(rows[1]!.representation_index).toBeCloseTo(4 / 3, 12);
	});

	it('is undefined when nobody met the rule', () => {
		const rows = representationIndex([
			{ poverty_group: 'high', base_n: 10, dosage_met_n: 0 },
			{ poverty_group: 'low', base_n: 10, dosage_met_n: 0 }
		]);
		expect(rows.map((r) => r.representation_index)).toEqual([null, null]);
	});
});

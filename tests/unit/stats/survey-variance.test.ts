import { describe, expect, it } from 'vitest';
import { kornGraubardInterval } from '#lib/stats/korn-graubard.ts';
import { matrixRank } from '#lib/stats/matrix-rank.ts';
import { DEFAULT_RELIABILITY, reliability } from '#lib/stats/reliability.ts';
import { replicateScale, replicateVariance } from '#lib/stats/replicate.ts';
import { linearizedVariance } from '#lib/stats/taylor.ts';

/** Hand-worked values: tests/fixtures/survey/README.md; R values from R 4.2.2 as noted. */
describe('linearizedVariance', () => {
	// fx-strat, low poverty: z_hj by PSU (× 1/75); strata A (2 PSUs), B (3), C (1, lonely).
	const z = [
		{ stratum: 'A', psu: 'a1', z: 2 / 75 },
		{ stratum: 'A', psu: 'a2', z: 4 / 75 },
		{ stratum: 'B', psu: 'b2', z: -12 / 75 },
		{ stratum: 'C', psu: 'c1', z: 6 / 75 }
	];
	const counts = new Map([
		['A', 2],
		['B', 3],
		['C', 1]
	]);

	it('sums n_h/(n_h−1)·Σ(z − z̄_h)² with absent PSUs as zeros: 4 + 144 + 36 over 5625', () => {
		expect(linearizedVariance(z, counts)).toBeCloseTo(184 / 5625, 15);
	});

	it('a single-PSU stratum contributes z² (R lonely.psu = "adjust")', () => {
		const lonely = [{ stratum: 'C', psu: 'c1', z: 0.3 }];
		expect(linearizedVariance(lonely, new Map([['C', 1]]))).toBeCloseTo(0.09, 15);
	});

	it('rejects totals whose stratum has fewer PSUs than listed', () => {
		expect(() => linearizedVariance(z, new Map([['A', 1]]))).toThrow(
			'invalid PSU count for stratum: A'
		);
	});
});

describe('replicateScale and replicateVariance', () => {
	it('uses (R−1)/R for JK1, 1/R for BRR, 1/(R(1−ρ)²) for Fay and 1/(R−1) for bootstrap', () => {
		expect(replicateScale('JK1', 4)).toBe(0.75);
		expect(replicateScale('BRR', 4)).toBe(0.25);
		expect(replicateScale('Fay', 4, 0.5)).toBe(1);
		expect(replicateScale('bootstrap', 4)).toBeCloseTo(1 / 3, 15);
	});

	it('fx-jk1 low poverty: replicates 0.6, 1, 0.6, 0.5 around 2/3 give SE 0.332916 (R: svrepdesign JK1)', () => {
		const v = replicateVariance(2 / 3, [0.6, 1, 0.6, 0.5], 0.75);
		expect(Math.sqrt(v)).toBeCloseTo(0.33291640592397, 12);
	});

	it('requires a valid Fay rho', () => {
		expect(() => replicateScale('Fay', 4)).toThrow('invalid Fay rho: null (set fayRho)');
		expect(() => replicateScale('Fay', 4, 1)).toThrow('invalid Fay rho: 1');
	});
});

describe('kornGraubardInterval', () => {
	it('matches the svyciprop(method = "beta") formula in R 4.2.2 (n_eff 50, n 100, df 20)', () => {
		const ci = kornGraubardInterval(0.3, 50, 0.95, { n: 100, df: 20 });
		expect(ci?.lo).toBeCloseTo(0.172925800850209, 9);
		expect(ci?.hi).toBeCloseTo(0.454402593794135, 9);
	});

	it('skips the t-ratio without a design df (90%, n_eff 40; R qbeta)', () => {
		const ci = kornGraubardInterval(0.3, 40, 0.9, null);
		expect(ci?.lo).toBeCloseTo(0.183121270612341, 9);
		expect(ci?.hi).toBeCloseTo(0.440279737765731, 9);
	});

	it('is [0, ·] at p̂ = 0 and null when the df is not positive', () => {
		expect(kornGraubardInterval(0, 10, 0.95, null)?.lo).toBe(0);
		expect(kornGraubardInterval(0.5, 10, 0.95, { n: 5, df: 0 })).toBeNull();
	});
});

describe('matrixRank', () => {
	it('agrees with R qr(m, tol = 1e-5)$rank', () => {
		// R 4.2.2: rank 2 (third column within 1e-6 of the span), then 3 (1e-4 is not negligible)
		expect(
			matrixRank([
				[1, 0, 0],
				[0, 1, 0],
				[1, 1, 1e-6],
				[2, 0, 0]
			])
		).toBe(2);
		expect(
			matrixRank([
				[1, 0, 0],
				[0, 1, 0],
				[1, 1, 1e-4]
			])
		).toBe(3);
	});
});

describe('reliability', () => {
	it('applies the §5.5 defaults: n_eff < 30, width ≥ 0.30 or relative width > 1.30 → unreliable', () => {
		expect(reliability(0.5, 29, { lo: 0.45, hi: 0.55 })).toBe('unreliable');
		expect(reliability(0.5, 200, { lo: 0.35, hi: 0.65 })).toBe('unreliable');
		expect(reliability(0.04, 200, { lo: 0.01, hi: 0.07 })).toBe('unreliable');
		expect(reliability(0.5, 99, { lo: 0.4, hi: 0.6 })).toBe('caution');
		expect(reliability(0.5, 100, { lo: 0.4, hi: 0.6 })).toBe('ok');
		expect(reliability(0.5, null, null)).toBe('unreliable');
	});

	it('takes configurable thresholds', () => {
		const lenient = { ...DEFAULT_RELIABILITY, minEffectiveN: 10, cautionEffectiveN: 20 };
		expect(reliability(0.5, 25, { lo: 0.4, hi: 0.6 }, lenient)).toBe('ok');
	});
});

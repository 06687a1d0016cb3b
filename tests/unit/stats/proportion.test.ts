import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
	Z_95,
	effectiveNFromVariance,
	katzRatio,
	kishEffectiveN,
	newcombeDifference,
	oddsRatio,
	wilsonInterval,
	zForLevel
} from '#lib/stats/proportion.ts';

/** Expected values are the worked fixtures of domain-spec §5.1–5.3 and §3.3 (4 decimals). */
const close = (actual: number | null | undefined, expected: number, digits = 4) =>
	expect(actual).toBeCloseTo(expected, digits);

describe('zForLevel', () => {
	it('returns qnorm(0.975) for 95% and qnorm(0.95) = 1.644854 for 90% (R 4.2.2)', () => {
		expect(zForLevel(0.95)).toBe(Z_95);
		close(zForLevel(0.9), 1.6448536269514722, 12);
		close(zForLevel(0.99), 2.5758293035489004, 12);
	});

	it('rejects levels outside (0, 1)', () => {
		expect(() => zForLevel(1)).toThrow('invalid confidence level: 1');
	});
});

describe('wilsonInterval', () => {
	it.each([
		[20, 100, 0.1334, 0.2888],
		[5, 100, 0.0215, 0.1118],
		[0, 10, 0, 0.2775]
	])('%i/%i matches the §5.1 fixture', (x, n, lo, hi) => {
		const ci = wilsonInterval(x / n, n);
		close(ci?.lo, lo);
		close(ci?.hi, hi);
	});

	it('matches R 4.2.2 prop.test(correct = FALSE) to 1e-12 (20/100, 0/10)', () => {
		close(wilsonInterval(0.2, 100)?.lo, 0.133366933331033, 12);
		close(wilsonInterval(0.2, 100)?.hi, 0.288829165593159, 12);
		close(wilsonInterval(0, 10)?.hi, 0.277532799862889, 12);
	});

	it('is null for n ≤ 0', () => {
		expect(wilsonInterval(0.5, 0)).toBeNull();
		expect(wilsonInterval(0.5, -1)).toBeNull();
	});

	it('stays within [0, 1] and brackets p for any p and n', () => {
		fc.assert(
			fc.property(
				fc.double({ min: 0, max: 1, noNaN: true }),
				fc.double({ min: 0.01, max: 1e6, noNaN: true }),
				(p, n) => {
					const ci = wilsonInterval(p, n);
					if (!ci) return false;
					return ci.lo >= 0 && ci.hi <= 1 && ci.lo <= p + 1e-12 && ci.hi >= p - 1e-12;
				}
			)
		);
	});
});

describe('kishEffectiveN', () => {
	it('w = [1,1,2,4] gives n_eff 2.909, deff 1.375 and the §5.2 Wilson CI', () => {
		const w = [1, 1, 2, 4];
		const y = [1, 0, 1, 0];
		const nEff = kishEffectiveN(w) ?? Number.NaN;
		close(nEff, 2.909, 3);
		close(w.length / nEff, 1.375, 12);
		const p = w.reduce((s, wi, i) => s + wi * (y[i] ?? 0), 0) / 8;
		close(p, 0.375, 12);
		const ci = wilsonInterval(p, nEff);
		close(ci?.lo, 0.0741);
		close(ci?.hi, 0.8182);
	});

	it('is null when all weights are zero', () => {
		expect(kishEffectiveN([0, 0])).toBeNull();
		expect(kishEffectiveN([])).toBeNull();
	});

	it('does not change when all weights are scaled by a constant', () => {
		fc.assert(
			fc.property(
				fc.array(fc.double({ min: 0.01, max: 1000, noNaN: true }), { minLength: 1 }),
				fc.double({ min: 0.001, max: 1000, noNaN: true }),
				(w, c) => {
					const a = kishEffectiveN(w) ?? 0;
					const b = kishEffectiveN(w.map((x) => x * c)) ?? 0;
					return Math.abs(a - b) <= 1e-9 * a && a <= w.length * (1 + 1e-12);
				}
			)
		);
	});
});

describe('effectiveNFromVariance', () => {
	it('inverts the binomial variance: p(1−p)/n gives back n', () => {
		close(effectiveNFromVariance(0.2, (0.2 * 0.8) / 50), 50, 9);
	});

	it('is null for a zero or non-finite variance', () => {
		expect(effectiveNFromVariance(0, 0)).toBeNull();
		expect(effectiveNFromVariance(0.5, Number.NaN)).toBeNull();
	});
});

describe('newcombeDifference', () => {
	it('67/100 vs 39/100 gives Δ 0.28 [0.1422, 0.4032] (§5.3)', () => {
		const ci1 = wilsonInterval(0.67, 100);
		const ci2 = wilsonInterval(0.39, 100);
		if (!ci1 || !ci2) throw new Error('Wilson interval missing');
		const d = newcombeDifference(0.67, ci1, 0.39, ci2);
		close(d.estimate, 0.28, 12);
		close(d.lo, 0.1422);
		close(d.hi, 0.4032);
	});

	it('brackets the difference and is antisymmetric when the groups swap', () => {
		fc.assert(
			fc.property(fc.nat(200), fc.nat(200), (a, b) => {
				const [x1, x2] = [Math.min(a, 100), Math.min(b, 100)];
				const ci1 = wilsonInterval(x1 / 100, 100);
				const ci2 = wilsonInterval(x2 / 100, 100);
				if (!ci1 || !ci2) return false;
				const d = newcombeDifference(x1 / 100, ci1, x2 / 100, ci2);
				const r = newcombeDifference(x2 / 100, ci2, x1 / 100, ci1);
				return (
					d.lo <= d.estimate &&
					d.estimate <= d.hi &&
					Math.abs(d.lo + r.hi) < 1e-12 &&
					Math.abs(d.hi + r.lo) < 1e-12
				);
			})
		);
	});
});

describe('katzRatio', () => {
	it('39/100 vs 67/100 gives RR 0.582 [0.4395, 0.7710] (§5.3)', () => {
		const rr = katzRatio(39, 100, 67, 100);
		close(rr?.estimate, 0.582, 3);
		close(rr?.lo, 0.4395);
		close(rr?.hi, 0.771);
		// the same formula evaluated in R 4.2.2
		close(rr?.lo, 0.439459723411325, 12);
		close(rr?.hi, 0.771010922674334, 12);
	});

	it('adds 0.5 to each x and n when an x is zero (0/10 vs 5/10; formula evaluated in R 4.2.2)', () => {
		const rr = katzRatio(0, 10, 5, 10);
		close(rr?.estimate, 0.5 / 5.5, 12);
		close(rr?.lo, 0.00572051278034935, 9);
		close(rr?.hi, 1.44470664208753874, 9);
	});

	it('is null when there is no ratio to estimate', () => {
		expect(katzRatio(0, 10, 0, 10)).toBeNull();
		expect(katzRatio(1, 0, 1, 10)).toBeNull();
		expect(katzRatio(11, 10, 1, 10)).toBeNull();
	});
});

describe('oddsRatio', () => {
	it('p_H 0.39 vs p_L 0.67 gives OR 0.315 (§3.3)', () => {
		const or = oddsRatio(39, 100, 67, 100);
		close(or?.estimate, 0.315, 3);
		// Woolf interval evaluated in R 4.2.2: exp(log(OR) ± qnorm(.975)·√(1/39 + 1/61 + 1/67 + 1/33))
		close(or?.lo, 0.176492602529883, 9);
		close(or?.hi, 0.56185119797281, 9);
	});

	it('applies the Haldane 0.5 correction to every cell when one is zero', () => {
		const or = oddsRatio(0, 10, 5, 10);
		close(or?.estimate, (0.5 * 5.5) / (10.5 * 5.5), 12);
	});
});

import { describe, expect, it } from 'vitest';
import {
	expectedAt,
	expectedSe,
	fitExpectedLine,
	residualOf
} from '#lib/metrics/outcome/expected-line.ts';

/*
 * Expected values from R 4 (`Rscript`), an independent implementation of the same model:
 *   x <- c(10, 20, 30, 40, 55); y <- c(0.12, 0.10, 0.07, 0.08, 0.03); m <- lm(y ~ x)
 *   coef(m)                                   # 0.13717213114754098, -0.00184426229508197
 *   sigma(m)                                  # 0.01225302460708612
 *   p <- predict(m, data.frame(x = 30), se.fit = TRUE)   # fit 0.08184426229508196, se 0.00549093664151307
 *   predict(m, data.frame(x = 25), se.fit = TRUE)$se.fit # 0.00587005818429288
 *   predict(m, data.frame(x = 80), se.fit = TRUE)        # fit -0.0103688524590164, se 0.0180416489649715
 *   z <- qnorm(.975); r <- 0.07 - p$fit; sy <- (0.095 - 0.05) / (2 * z)
 *   h <- z * sqrt(sy^2 + p$se.fit^2); c(r, r - h, r + h)
 *                       # -0.01184426229508195 -0.03678562278680599 0.01309709819664208
 *   0 - z * p$se.fit    # -0.01076203805875693 (the residual's lower end with no own interval)
 * By hand, the slope is Sxy/Sxx = -3.375/1830 = -0.0018442622950819672 (x̄ = 31, ȳ = 0.08).
 */
const points = [10, 20, 30, 40, 55].map((x, i) => ({ x, y: [0.12, 0.1, 0.07, 0.08, 0.03][i]! }));

describe('fitExpectedLine', () => {
	it('matches R lm(y ~ x): coefficients, sigma and the standard error of the fit', () => {
		const line = fitExpectedLine(points)!;
		expect(line.intercept).toBeCloseTo(0.13717213114754098, 14);
		expect(line.slope).toBeCloseTo(-0.00184426229508197, 15);
		expect(line.sigma).toBeCloseTo(0.01225302460708612, 14);
		expect(line.n).toBe(5);
		expect(expectedAt(line, 30)).toBeCloseTo(0.08184426229508196, 14);
		expect(expectedSe(line, 30)).toBeCloseTo(0.00549093664151307, 14);
		expect(expectedSe(line, 25)).toBeCloseTo(0.00587005818429288, 14);
		expect(expectedAt(line, 80)).toBeCloseTo(-0.0103688524590164, 14);
		expect(expectedSe(line, 80)).toBeCloseTo(0.0180416489649715, 14);
	});

	it('leaves out points with a non-finite coordinate', () => {
		const line = fitExpectedLine([...points, { x: Number.NaN, y: 0.5 }, { x: 5, y: Infinity }])!;
		expect(line.n).toBe(5);
		expect(line.slope).toBeCloseTo(-0.00184426229508197, 15);
	});

	it('gives no line with fewer than 3 points or a single x', () => {
		expect(fitExpectedLine(points.slice(0, 2))).toBeNull();
		expect(fitExpectedLine(points.map((p) => ({ ...p, x: 40 })))).toBeNull();
	});

	it('an exact line has zero sigma and zero standard error', () => {
		const line = fitExpectedLine([0, 50, 100].map((x) => ({ x, y: 0.2 - 0.001 * x })))!;
		expect(line.slope).toBeCloseTo(-0.001, 15);
		expect(line.sigma).toBeCloseTo(0, 12);
		expect(expectedSe(line, 70)).toBeCloseTo(0, 12);
	});
});

describe('residualOf', () => {
	const line = fitExpectedLine(points)!;

	it('combines the district interval and the line uncertainty as R does', () => {
		const r = residualOf(line, { x: 30, y: 0.07, lo: 0.05, hi: 0.095 });
		expect(r.expected).toBeCloseTo(0.08184426229508196, 14);
		expect(r.residual).toBeCloseTo(-0.01184426229508195, 14);
		expect(r.lo).toBeCloseTo(-0.03678562278680599, 14);
		expect(r.hi).toBeCloseTo(0.01309709819664208, 14);
	});

	it('uses only the line uncertainty when the district has no interval (a yes/no answer)', () => {
		const r = residualOf(line, { x: 30, y: 0.08184426229508196, lo: null, hi: null });
		expect(r.residual).toBeCloseTo(0, 14);
		expect(r.lo).toBeCloseTo(-0.01076203805875693, 14);
		expect(r.hi).toBeCloseTo(0.01076203805875693, 14);
	});
});

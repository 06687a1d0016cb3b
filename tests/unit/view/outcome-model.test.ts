import { describe, expect, it } from 'vitest';
import type { OutcomeData, PercentileRow } from '#lib/view/outcome-data.ts';
import { outcomeModel } from '#lib/view/outcome-model.ts';

const pct = (leaid: string, poverty_percentile: number): PercentileRow => ({
	leaid,
	lea_name: `District ${leaid}`,
	state_abbr: 'AL',
	poverty_percentile
});
const percentiles = [
	pct('0100001', 10),
	pct('0100002', 20),
	pct('0100003', 30),
	pct('0100004', 40),
	pct('0100005', 50)
];

/*
 * Hand-worked least squares on the four rates shown (base 100, none near 0% or 100%, so public
 * mode shows them exactly): x = 10, 20, 30, 40; y = 0.20, 0.35, 0.40, 0.50.
 *   x̄ = 25, ȳ = 0.3625, Sxx = 225 + 25 + 25 + 225 = 500,
 *   Sxy = (−15)(−0.1625) + (−5)(−0.0125) + 5(0.0375) + 15(0.1375) = 4.75
 *   slope = 4.75 / 500 = 0.0095; intercept = 0.3625 − 0.0095 · 25 = 0.125
 *   district 0100002: expected 0.125 + 0.0095 · 20 = 0.315, residual 0.35 − 0.315 = 0.035.
 * District 0100005 has 5 students with access (< 10): withheld, so neither drawn nor fitted.
 */
const dosage: OutcomeData = {
	kind: 'dosage',
	percentiles,
	rates: [
		{ leaid: '0100001', met: 20, base: 100, in_block: false },
		{ leaid: '0100002', met: 35, base: 100, in_block: false },
		{ leaid: '0100003', met: 40, base: 100, in_block: false },
		{ leaid: '0100004', met: 50, base: 100, in_block: false },
		{ leaid: '0100005', met: 5, base: 5, in_block: false }
	],
	answers: []
};

describe('outcomeModel', () => {
	it('fits the line on the rates shown exactly and leaves withheld ones out', () => {
		const model = outcomeModel(dosage, ['0100002', '0100005'], 'demo');
		expect(model.points).toHaveLength(4);
		expect(model.notDrawn).toBe(1);
		expect(model.line!.slope).toBeCloseTo(0.0095, 12);
		expect(model.line!.intercept).toBeCloseTo(0.125, 12);
		const [picked, hidden] = model.selected;
		expect(picked!.residual!.expected).toBeCloseTo(0.315, 12);
		expect(picked!.residual!.residual).toBeCloseTo(0.035, 12);
		expect(picked!.residual!.lo).toBeLessThan(0.035);
		expect(hidden!.value).toMatchObject({ status: 'suppressed', reason: 'min_n' });
		expect(hidden!.residual).toBeNull();
	});

	it('training: answers are 1 or 0, and a district outside the survey is "not surveyed"', () => {
		const model = outcomeModel(
			{
				kind: 'training',
				percentiles,
				rates: [],
				answers: [
					{ leaid: '0100001', trained: 1, status: 'answered' },
					{ leaid: '0100002', trained: 1, status: 'answered' },
					{ leaid: '0100003', trained: 0, status: 'answered' },
					{ leaid: '0100004', trained: 0, status: 'answered' },
					{ leaid: '0100005', trained: null, status: 'dont_know' }
				]
			},
			['0100003', '0100009'],
			'demo'
		);
		// y = 1, 1, 0, 0 at x = 10…40: slope = Sxy / Sxx = (−15·0.5 − 5·0.5 − 5·0.5 − 15·0.5) / 500 = −0.04.
		expect(model.line!.slope).toBeCloseTo(-0.04, 12);
		expect(model.points).toHaveLength(4);
		expect(model.selected[0]!.residual!.residual).toBeCloseTo(0 - (1.5 - 0.04 * 30), 12);
		expect(model.selected[1]!.value).toEqual({ status: 'missing', reason: 'not_surveyed' });
		expect(model.selected[1]!.label).toBe('LEAID 0100009');
	});
});

import { describe, expect, it } from 'vitest';
import { discloseView } from '#lib/disclosure/disclose-view.ts';
import { countedRateCell, surveyEstimateCell } from '#lib/disclosure/result-cells.ts';

describe('countedRateCell', () => {
	it('turns a funnel rate into a student cell whose interval hides with a coded rate', () => {
		const rate = { estimate: 3 / 400, numerator: 3, denominator: 400, lo: 0.0026, hi: 0.0218 };
		const cell = countedRateCell('Q4', { poverty_group: 'Q4' }, rate, { partOf: ['pov'] });
		const [out] = discloseView({ records: 'student', origin: 'demo', cells: [cell] }).cells;
		expect(out).toMatchObject({
			rate: { status: 'coarsened', label: '≤1%' },
			denominator: { status: 'coarsened', label: '300+' },
			values: { lo: { reason: 'built_from_coarsened' }, hi: { reason: 'built_from_coarsened' } }
		});
	});
});

describe('surveyEstimateCell', () => {
	it('keeps a weighted estimate with its interval and flag; no numerator applies', () => {
		const row = { estimate_unsuppressed: 0.39, n_unweighted: 210, lo: 0.31, hi: 0.47 };
		const cell = surveyEstimateCell(
			'high',
			{ poverty_level: 'high' },
			{ ...row, reliability: 'ok' }
		);
		const [out] = discloseView({ records: 'survey', origin: 'demo', cells: [cell] }).cells;
		expect(out).toMatchObject({
			numerator: { status: 'not_applicable', reason: 'weighted_estimate' },
			denominator: { status: 'shown', value: 210 },
			rate: { status: 'shown', value: 0.39 },
			values: { lo: { status: 'shown', value: 0.31 }, hi: { status: 'shown', value: 0.47 } }
		});
	});
});

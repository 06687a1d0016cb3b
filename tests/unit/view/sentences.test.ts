import { describe, expect, it } from 'vitest';
import { undrawnNote } from '../../../src/routes/_dashboard/usage-tables.ts';
import { shown, withheld, type DisplayValue } from '#lib/disclosure/display-value.ts';
import { changeLabel, gapLabel, moneyLabel, rateLabel } from '#lib/view/display.ts';
import {
	decompositionSentence,
	dosageSentence,
	gapSentence,
	rateWithInterval
} from '#lib/view/sentences.ts';

// Figures chosen by hand; the expected text is each number rounded as the page prints it.
const high = { label: 'High-poverty districts', value: shown(0.39), lo: 0.314, hi: 0.4749 };
const low = { label: 'Low-poverty districts', value: shown(0.67), lo: 0.58, hi: 0.751 };
const gap = { estimate: shown(0.28), lo: shown(0.1422), hi: shown(0.4032) };

describe('gapSentence', () => {
	it('gives the focus group with its interval, the gap in points and the gap’s interval', () => {
		expect(gapSentence(high, low, gap, 'trained')).toBe(
			'High-poverty districts: 39% trained (95% CI 31–47%), 28 points below low-poverty districts (95% CI 14 to 40 points).'
		);
	});

	it('keeps abbreviations as written and says "above" for a reversed gap', () => {
		const q4 = { ...high, label: 'Students in Q4 districts (highest poverty)', value: shown(0.07) };
		const q1 = { ...low, label: 'Students in Q1 districts (lowest poverty)', value: shown(0.05) };
		const reversed = { estimate: shown(-0.02), lo: shown(-0.031), hi: shown(-0.009) };
		expect(gapSentence(q4, q1, reversed, 'met the dosage')).toBe(
			'Students in Q4 districts (highest poverty): 7.0% met the dosage (95% CI 31–47%), 2.0 points above students in Q1 districts (lowest poverty) (95% CI -3.1 to -0.9 points).'
		);
	});

	it('names a withheld group and its reason, and states no gap', () => {
		const hidden = { ...high, value: withheld('unreliable'), lo: null, hi: null };
		const noGap = {
			estimate: withheld('built_from_suppressed'),
			lo: withheld('built_from_suppressed'),
			hi: withheld('built_from_suppressed')
		};
		expect(gapSentence(hidden, low, noGap, 'trained')).toBe(
			'High-poverty districts: not shown (‡: Reporting standards not met: the estimate is too imprecise to show.); low-poverty districts: 67% (95% CI 58–75%).'
		);
	});
});

describe('rates, amounts and other sentences', () => {
	it('print each kind of value distinctly', () => {
		const coded: DisplayValue = {
			status: 'coarsened',
			reason: 'bottom_coded',
			lo: 0,
			hi: 0.05,
			label: '≤5%'
		};
		expect(
			[
				shown(0.052),
				{ status: 'true_zero', value: 0 } as const,
				coded,
				withheld('complementary'),
				{ status: 'missing', reason: 'missing' } as const,
				{ status: 'not_applicable', reason: 'zero_denominator' } as const
			].map(rateLabel)
		).toEqual(['5.2%', '0%', '≤5%', '*', 'no data', 'n/a']);
		expect(rateWithInterval(coded, null, null)).toBe('≤5% (shown as a range to protect privacy)');
	});

	it('write gaps, changes and money with their intervals and signs', () => {
		expect(gapLabel(shown(0.038), shown(0.037), shown(0.039))).toBe(
			'3.8 points (95% CI 3.7 to 3.9 points)'
		);
		expect(changeLabel(shown(0.11), shown(0.02), shown(0.2))).toBe(
			'+11 points (95% CI 2 to 20 points)'
		);
		expect(changeLabel(shown(-0.03), shown(-0.08), shown(0.02))).toBe(
			'−3.0 points (95% CI -8.0 to 2.0 points)'
		);
		expect([shown(27.4501), shown(1204.4)].map(moneyLabel)).toEqual(['$27.45', '$1,204']);
		expect(moneyLabel(withheld('counts_withheld'))).toBe('—');
	});

	it('state the dosage share and the access–conversion split', () => {
		expect(
			dosageSentence({ label: '', value: shown(0.0521), lo: 0.0516, hi: 0.0528 }, 'students')
		).toBe('Of students given access, 5.2% (95% CI 5.2–5.3%) met the recommended dosage.');
		expect(
			decompositionSentence(shown(0.17), 'Students in Q4 districts', 'Students in Q1 districts')
		).toBe(
			'Comparing students in Q4 districts with students in Q1 districts: access (having a licence) accounts for 17% of the gap in use among enrolled students, and conversion (meeting the rule once given access) for 83% (shares of the log ratio).'
		);
		expect(decompositionSentence(withheld('built_from_coarsened'), 'a', 'b')).toBeNull();
	});
});

describe('undrawnNote', () => {
	it('counts the districts the spread leaves out, largest range first', () => {
		expect(undrawnNote({ '≤10%': 37, '≤5%': 84 }, 20)).toBe(
			'Not drawn, to protect privacy: 84 districts shown only as “≤5%”, 37 as “≤10%” (small districts near 0% or 100%); 20 with fewer than 10 students. The medians describe the districts drawn.'
		);
		expect(undrawnNote({}, 3)).toBe(
			'Not drawn, to protect privacy: 3 with fewer than 10 students. The medians describe the districts drawn.'
		);
		expect(undrawnNote({}, 0)).toBeNull();
	});
});

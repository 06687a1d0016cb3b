import { describe, expect, it } from 'vitest';
import { absenceText, isAbsence, placeNote } from '#lib/components/missingness.ts';

describe('absenceText', () => {
	it('gives each of the four kinds its own mark, name and reason', () => {
		expect(absenceText({ status: 'suppressed', reason: 'complementary', label: '*' })).toEqual({
			symbol: '*',
			kind: 'Suppressed',
			why: 'Hidden so that a smaller hidden group cannot be worked out by subtraction, here or from another view.'
		});
		expect(absenceText({ status: 'missing', reason: 'no_data' })).toEqual({
			symbol: 'no data',
			kind: 'No data',
			why: 'No respondent in this group answered the question.'
		});
		expect(absenceText({ status: 'not_applicable', reason: 'zero_denominator' })).toEqual({
			symbol: 'n/a',
			kind: 'Not applicable',
			why: 'There is no one in the base group, so the rate does not exist.'
		});
		expect(absenceText({ status: 'true_zero', value: 0 }, '0%')).toEqual({
			symbol: '0%',
			kind: 'True zero',
			why: 'A measured zero, not a missing value.'
		});
	});

	it('names an unknown reason code instead of hiding it', () => {
		expect(absenceText({ status: 'missing', reason: 'file_truncated' }).why).toBe(
			'Not available (file truncated).'
		);
		expect(absenceText({ status: 'not_applicable', reason: 'grade_not_served' }).why).toBe(
			'Does not apply (grade not served).'
		);
	});
});

describe('isAbsence', () => {
	it('is true for the four kinds and false for shown and coarsened values', () => {
		expect(
			[
				{ status: 'shown', value: 1 },
				{ status: 'coarsened', reason: 'banded', lo: 0, hi: 1, label: '0–1' },
				{ status: 'true_zero', value: 0 },
				{ status: 'missing', reason: 'missing' }
			].map((v) => isAbsence(v as never))
		).toEqual([false, false, true, true]);
	});
});

describe('placeNote', () => {
	it('lines the note up with the badge when it fits', () => {
		expect(placeNote({ left: 100 }, { left: 0, right: 800 })).toEqual({ offset: 0, width: 256 });
	});
	it('shifts it left to stay 8 px inside the right edge', () => {
		expect(placeNote({ left: 300 }, { left: 20, right: 370 })).toEqual({
			offset: -194,
			width: 256
		});
	});
	it('narrows it to a box narrower than the note', () => {
		expect(placeNote({ left: 150 }, { left: 20, right: 220 })).toEqual({
			offset: -122,
			width: 184
		});
	});
});

import { describe, expect, it } from 'vitest';
import { discloseView } from '#lib/disclosure/disclose-view.ts';
import { DEFAULT_PROFILE } from '#lib/disclosure/profiles.ts';
import type { CellInput } from '#lib/disclosure/view.ts';
import { disclosedFields } from '#lib/report/figure-row.ts';

/**
 * One cell of each kind of absence (domain-spec §1.6), as a usage file can give them: an unknown
 * count, a group of no students, a count the supplier suppressed (CCD `-3`) and a real zero.
 */
const cells: CellInput[] = [
	{ id: 'missing', keys: {}, numerator: null, denominator: 40 },
	{ id: 'not_applicable', keys: {}, numerator: 0, denominator: 0 },
	{ id: 'suppressed', keys: {}, numerator: 3, denominator: { status: 'suppressed', reason: '-3' } },
	{ id: 'true_zero', keys: {}, numerator: 0, denominator: 40 }
];

const rowsOf = (mode: 'public' | 'research') =>
	discloseView(
		{ records: 'student', origin: 'user_loaded', cells },
		{ mode, profile: DEFAULT_PROFILE }
	).cells.map((cell) => [cell.id, disclosedFields(cell)] as const);

describe('FigureRow keeps the four kinds of absence apart', () => {
	it('in research mode: status, a null estimate except for the true zero, and the reason', () => {
		expect(Object.fromEntries(rowsOf('research'))).toEqual({
			missing: { estimate: null, lo: null, hi: null, n: '40', status: 'missing', note: 'missing' },
			not_applicable: {
				estimate: null,
				lo: null,
				hi: null,
				n: '0',
				status: 'not_applicable',
				note: 'zero_denominator'
			},
			suppressed: { estimate: null, lo: null, hi: null, n: 'S', status: 'suppressed', note: 'S' },
			true_zero: { estimate: 0, lo: null, hi: null, n: '40', status: 'true_zero', note: '' }
		});
	});

	it('in public mode: the zero is bottom-coded (≤5% at n 40), the other three unchanged', () => {
		const rows = Object.fromEntries(rowsOf('public'));
		expect(rows.true_zero).toMatchObject({ estimate: null, status: 'coarsened', note: '≤5%' });
		expect([rows.missing, rows.not_applicable, rows.suppressed].map((r) => r?.status)).toEqual([
			'missing',
			'not_applicable',
			'suppressed'
		]);
		expect(rows.missing?.n).toBe('40–99');
	});
});

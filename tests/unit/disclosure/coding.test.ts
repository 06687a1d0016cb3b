import { describe, expect, it } from 'vitest';
import { denominatorBand } from '#lib/disclosure/coarsen.ts';
import { discloseView } from '#lib/disclosure/disclose-view.ts';
import type { DisplayValue } from '#lib/disclosure/display-value.ts';
import { disclosureProfile } from '#lib/disclosure/profiles.ts';
import { readFixture } from './fixture-cells.ts';

/** Tier boundaries worked by hand in tests/fixtures/disclosure/README.md ("Top/bottom coding"). */
interface Coding {
	rates: { profile: string; numerator: number; n: number; expected: string }[];
	bands: { profile: string; n: number; expected: string }[];
}

const fixture = readFixture<Coding>('coding.json');

function outcome(value: DisplayValue): string {
	if (value.status === 'coarsened' || value.status === 'suppressed') return value.label;
	return value.status;
}

describe('discloseView — top/bottom coding by group size', () => {
	it.each(fixture.rates.map((r) => [`${r.profile} ${r.numerator}/${r.n}`, r] as const))(
		'%s',
		(_, r) => {
			const cell = { id: 'c', keys: {}, numerator: r.numerator, denominator: r.n };
			const result = discloseView(
				{ records: 'student', origin: 'demo', cells: [cell] },
				{ mode: 'public', profile: disclosureProfile(r.profile) }
			);
			const rate = result.cells[0]?.rate;
			if (!rate) throw new Error('no cell');
			expect(outcome(rate)).toBe(r.expected);
			if (rate.status === 'shown') expect(rate.value).toBe(r.numerator / r.n);
		}
	);

	it('gives a coded rate the range it lies in', () => {
		const cell = { id: 'c', keys: {}, numerator: 297, denominator: 300 };
		const result = discloseView({ records: 'student', origin: 'demo', cells: [cell] });
		expect(result.cells[0]?.rate).toEqual({
			status: 'coarsened',
			reason: 'top_coded',
			lo: 0.99,
			hi: 1,
			label: '≥99%'
		});
	});
});

describe('denominatorBand', () => {
	it.each(fixture.bands.map((b) => [`${b.profile} n=${b.n}`, b] as const))('%s', (_, b) => {
		const profile = disclosureProfile(b.profile);
		expect(outcome(denominatorBand(b.n, profile.minN, profile))).toBe(b.expected);
	});
});

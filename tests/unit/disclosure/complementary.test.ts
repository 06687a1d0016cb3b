import { describe, expect, it } from 'vitest';
import { discloseView } from '#lib/disclosure/disclose-view.ts';
import { disclosureProfile } from '#lib/disclosure/profiles.ts';
import { readFixture, toCell, type FixtureCell } from './fixture-cells.ts';

/** Expected outcomes are reasoned case by case in tests/fixtures/disclosure/README.md. */
interface Case {
	name: string;
	profile: string;
	cells: FixtureCell[];
	expected: Record<string, string>;
}

const cases = readFixture<Case[]>('complementary.json');

describe('discloseView — complementary suppression (hand-worked cases)', () => {
	it.each(cases.map((c) => [c.name, c] as const))('%s', (_, fixture) => {
		const result = discloseView(
			{ records: 'student', origin: 'demo', cells: fixture.cells.map(toCell) },
			{ mode: 'public', profile: disclosureProfile(fixture.profile) }
		);
		const hidden = Object.fromEntries(
			result.cells.filter((c) => c.suppression !== null).map((c) => [c.id, c.suppression])
		);
		expect(hidden).toEqual(fixture.expected);
		expect(result.unprotected).toEqual([]);
	});

	it('labels a small cell with the profile minimum and hides every value of it', () => {
		const fixture = cases.find((c) => c.profile === 'delaware');
		if (!fixture) throw new Error('bad fixture: no Delaware case');
		const result = discloseView(
			{ records: 'student', origin: 'demo', cells: fixture.cells.map(toCell) },
			{ mode: 'public', profile: disclosureProfile('delaware') }
		);
		const high = result.cells.find((c) => c.id === 'high');
		const label = { status: 'suppressed', reason: 'min_n', label: 'n<16' };
		expect(high).toMatchObject({ numerator: label, denominator: label, rate: label });
	});
});

import { describe, expect, it } from 'vitest';
import { disclosureProfile } from '#lib/disclosure/profiles.ts';
import { guardFilterRelease, type FilterRequest } from '#lib/disclosure/release-guard.ts';

const request = (filteredN: number, shownTotalN: number): FilterRequest => ({
	filters: [{ dimension: 'poverty_group', value: 'Q4' }],
	level: 'school',
	filteredN,
	shownTotalN
});

describe('guardFilterRelease', () => {
	it('refuses a filter that leaves out fewer than 10 students of the shown total', () => {
		const decision = guardFilterRelease(request(491, 500));
		expect(decision).toMatchObject({ allowed: false, rule: 'complement' });
		if (!decision.allowed) expect(decision.explanation).toMatch(/fewer than 10 students/);
	});

	it('allows a complement of exactly the minimum, and a filter that keeps everyone', () => {
		expect(guardFilterRelease(request(490, 500))).toEqual({ allowed: true });
		expect(guardFilterRelease(request(500, 500))).toEqual({ allowed: true });
	});

	it("uses the profile's minimum (Delaware 16)", () => {
		const delaware = disclosureProfile('delaware');
		expect(guardFilterRelease(request(485, 500), delaware).allowed).toBe(false);
		expect(guardFilterRelease(request(484, 500), delaware).allowed).toBe(true);
	});

	it('refuses dimensions outside the predefined partitions and student-level selections', () => {
		const byName = { ...request(10, 500), filters: [{ dimension: 'student_name', value: 'A' }] };
		expect(guardFilterRelease(byName)).toMatchObject({ allowed: false, rule: 'dimension' });
		expect(guardFilterRelease({ ...request(10, 500), level: 'student' })).toMatchObject({
			allowed: false,
			rule: 'level'
		});
	});

	it('rejects impossible counts', () => {
		expect(() => guardFilterRelease(request(501, 500))).toThrow(/invalid filter counts/);
	});
});

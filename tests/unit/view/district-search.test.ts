import { describe, expect, it } from 'vitest';
import { districtLabel, searchDistricts, type DistrictEntry } from '#lib/view/district-search.ts';

const d = (leaid: string, lea_name: string | null, state_abbr = 'AL'): DistrictEntry => ({
	leaid,
	lea_name,
	state_abbr
});
const directory = [
	d('0195002', 'Driftmoor South School District'),
	d('0195001', 'Tumbleweed Mesa Lower Area Schools'),
	d('0400003', 'South Driftwood Unified', 'AZ'),
	d('3500001', 'Cañon City Schools', 'NM'),
	d('0195010', 'Mesa Driftmoor Academy'),
	d('0600004', null, 'CA')
];
const ids = (query: string, limit?: number) =>
	searchDistricts(directory, query, limit).map((e) => e.leaid);

describe('searchDistricts', () => {
	it('finds a district by its exact LEAID first, then by LEAID prefix', () => {
		expect(ids('0195001')).toEqual(['0195001']);
		expect(ids('01950')).toEqual(['0195002', '0195010', '0195001']);
	});

	it('ranks a name start before a word start before a substring', () => {
		// "Driftmoor South…" starts with it; "Mesa Driftmoor…" has a word starting with it.
		expect(ids('driftmoor')).toEqual(['0195002', '0195010']);
		// "South Driftwood" starts with "south"; "Driftmoor South" has the word.
		expect(ids('south')).toEqual(['0400003', '0195002']);
		expect(ids('wood')).toEqual(['0400003']);
	});

	it('ignores case and accents and needs every word to match', () => {
		expect(ids('CANON city')).toEqual(['3500001']);
		expect(ids('drift az')).toEqual(['0400003']);
		expect(ids('drift nowhere')).toEqual([]);
	});

	it('matches nothing for an empty query and keeps at most `limit`', () => {
		expect(ids('  ')).toEqual([]);
		expect(ids('0', 2)).toHaveLength(2);
	});
});

describe('districtLabel', () => {
	it('names the district with its state and LEAID', () => {
		expect(districtLabel(directory[0]!)).toBe('Driftmoor South School District (AL, 0195002)');
		expect(districtLabel(directory[5]!)).toBe('Unnamed district (CA, 0600004)');
	});
});

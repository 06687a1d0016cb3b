import { describe, expect, it } from 'vitest';
import { censusRegionOfFips, stateByAbbr, stateByFips, STATES } from '#lib/geo/states.ts';

describe('STATES', () => {
	it('lists the 50 states and DC once each, by FIPS code', () => {
		expect(STATES).toHaveLength(51);
		expect(new Set(STATES.map((s) => s.fips)).size).toBe(51);
		expect(new Set(STATES.map((s) => s.abbr)).size).toBe(51);
		expect(STATES.map((s) => s.fips)).toEqual([...STATES.map((s) => s.fips)].sort());
	});

	it('has the Census Bureau region sizes (9 Northeast, 12 Midwest, 16 + DC South, 13 West)', () => {
		const counts = Object.fromEntries(
			['Northeast', 'Midwest', 'South', 'West'].map((r) => [
				r,
				STATES.filter((s) => s.region === r).length
			])
		);
		expect(counts).toEqual({ Northeast: 9, Midwest: 12, South: 17, West: 13 });
	});

	it('maps FIPS and USPS codes both ways (domain-spec §1.3 table)', () => {
		expect(stateByFips('01')).toMatchObject({ abbr: 'AL', name: 'Alabama', region: 'South' });
		expect(stateByAbbr('ca')).toMatchObject({ fips: '06', region: 'West' });
		expect(censusRegionOfFips('11')).toBe('South');
		expect(censusRegionOfFips('25')).toBe('Northeast');
		expect(censusRegionOfFips('55')).toBe('Midwest');
	});

	it('returns undefined for territories and unknown codes', () => {
		expect(stateByFips('72')).toBeUndefined();
		expect(stateByFips('03')).toBeUndefined();
		expect(stateByAbbr('PR')).toBeUndefined();
	});
});

/**
 * The 50 states and the District of Columbia: FIPS code, USPS abbreviation, name and Census
 * region (standard Census Bureau four-region table; FIPS codes per domain-spec §1.3 [P][S49]).
 * Territories and the federal codes (BIE, DoDEA) have no Census region and are not listed.
 */
export type CensusRegion = 'Northeast' | 'Midwest' | 'South' | 'West';

export interface StateInfo {
	readonly fips: string;
	readonly abbr: string;
	readonly name: string;
	readonly region: CensusRegion;
}

const NE: CensusRegion = 'Northeast';
const MW: CensusRegion = 'Midwest';
const S: CensusRegion = 'South';
const W: CensusRegion = 'West';

const ROWS: readonly (readonly [string, string, string, CensusRegion])[] = [
	['01', 'AL', 'Alabama', S],
	['02', 'AK', 'Alaska', W],
	['04', 'AZ', 'Arizona', W],
	['05', 'AR', 'Arkansas', S],
	['06', 'CA', 'California', W],
	['08', 'CO', 'Colorado', W],
	['09', 'CT', 'Connecticut', NE],
	['10', 'DE', 'Delaware', S],
	['11', 'DC', 'District of Columbia', S],
	['12', 'FL', 'Florida', S],
	['13', 'GA', 'Georgia', S],
	['15', 'HI', 'Hawaii', W],
	['16', 'ID', 'Idaho', W],
	['17', 'IL', 'Illinois', MW],
	['18', 'IN', 'Indiana', MW],
	['19', 'IA', 'Iowa', MW],
	['20', 'KS', 'Kansas', MW],
	['21', 'KY', 'Kentucky', S],
	['22', 'LA', 'Louisiana', S],
	['23', 'ME', 'Maine', NE],
	['24', 'MD', 'Maryland', S],
	['25', 'MA', 'Massachusetts', NE],
	['26', 'MI', 'Michigan', MW],
	['27', 'MN', 'Minnesota', MW],
	['28', 'MS', 'Mississippi', S],
	['29', 'MO', 'Missouri', MW],
	['30', 'MT', 'Montana', W],
	['31', 'NE', 'Nebraska', MW],
	['32', 'NV', 'Nevada', W],
	['33', 'NH', 'New Hampshire', NE],
	['34', 'NJ', 'New Jersey', NE],
	['35', 'NM', 'New Mexico', W],
	['36', 'NY', 'New York', NE],
	['37', 'NC', 'North Carolina', S],
	['38', 'ND', 'North Dakota', MW],
	['39', 'OH', 'Ohio', MW],
	['40', 'OK', 'Oklahoma', S],
	['41', 'OR', 'Oregon', W],
	['42', 'PA', 'Pennsylvania', NE],
	['44', 'RI', 'Rhode Island', NE],
	['45', 'SC', 'South Carolina', S],
	['46', 'SD', 'South Dakota', MW],
	['47', 'TN', 'Tennessee', S],
	['48', 'TX', 'Texas', S],
	['49', 'UT', 'Utah', W],
	['50', 'VT', 'Vermont', NE],
	['51', 'VA', 'Virginia', S],
	['53', 'WA', 'Washington', W],
	['54', 'WV', 'West Virginia', S],
	['55', 'WI', 'Wisconsin', MW],
	['56', 'WY', 'Wyoming', W]
];

/** The 50 states and DC, ordered by FIPS code. */
export const STATES: readonly StateInfo[] = ROWS.map(([fips, abbr, name, region]) => ({
	fips,
	abbr,
	name,
	region
}));

const BY_FIPS = new Map(STATES.map((s) => [s.fips, s]));
const BY_ABBR = new Map(STATES.map((s) => [s.abbr, s]));

/** The state with this 2-digit FIPS code ("01"), or undefined (territories, federal codes). */
export function stateByFips(fips: string): StateInfo | undefined {
	return BY_FIPS.get(fips);
}

/** The state with this USPS abbreviation (case-insensitive), or undefined. */
export function stateByAbbr(abbr: string): StateInfo | undefined {
	return BY_ABBR.get(abbr.toUpperCase());
}

/** The Census region of a state FIPS code, or undefined when it has none. */
export function censusRegionOfFips(fips: string): CensusRegion | undefined {
	return BY_FIPS.get(fips)?.region;
}

/**
 * Disclosure profiles (domain-spec §6.4, §6.3): the rule parameters as data, so a state's rules
 * are a profile, not a code branch. `minN` is the smallest group shown (`n < minN` is
 * suppressed). A custom profile is a spread of one of these with overrides.
 */

/** Top/bottom coding for groups of at least `minN` (the tier with the largest `minN ≤ n`). */
export interface CodingTier {
	readonly minN: number;
	/** Rates at or below (inclusive boundary) / below (exclusive) this percent are bottom-coded. */
	readonly bottomPct: number;
	readonly topPct: number;
	/** [P] confirmed in the source, [U] unconfirmed and configurable (domain-spec tags). */
	readonly tag: 'P' | 'U' | 'D';
}

/** A public-mode denominator band; `hi` null for the open top band. */
export interface DenominatorBand {
	readonly lo: number;
	readonly hi: number | null;
}

export interface DisclosureProfile {
	readonly id: string;
	readonly label: string;
	/** Citation keys of domain-spec §10, or `D` for a design default. */
	readonly sources: readonly string[];
	readonly minN: number;
	/** A lower minimum for "all students" cells (Texas 10); null when none. */
	readonly minNAllStudents: number | null;
	/** Descending by `minN`; empty for no top/bottom coding. */
	readonly codingTiers: readonly CodingTier[];
	/** `inclusive`: "≤1% / ≥99%"; `exclusive`: "<5% / >95%". */
	readonly codingBoundary: 'inclusive' | 'exclusive';
	/** Ascending; a group between `minN` and the first band's `lo` gets a band from `minN`. */
	readonly denominatorBands: readonly DenominatorBand[];
}

/** §6.4 rule 3 [P][S34] for n ≥ 40; the 20–39 and 10–19 tiers are [U] (truncated source). */
export const DEFAULT_CODING_TIERS: readonly CodingTier[] = [
	{ minN: 300, bottomPct: 1, topPct: 99, tag: 'P' },
	{ minN: 100, bottomPct: 2, topPct: 98, tag: 'P' },
	{ minN: 40, bottomPct: 5, topPct: 95, tag: 'P' },
	{ minN: 20, bottomPct: 10, topPct: 90, tag: 'U' },
	{ minN: 10, bottomPct: 20, topPct: 80, tag: 'U' }
];

/** §6.4 rule 2 [D]: 10–19, 20–39, 40–99, 100–299, 300+. */
export const DEFAULT_DENOMINATOR_BANDS: readonly DenominatorBand[] = [
	{ lo: 10, hi: 19 },
	{ lo: 20, hi: 39 },
	{ lo: 40, hi: 99 },
	{ lo: 100, hi: 299 },
	{ lo: 300, hi: null }
];

/** §6.4 default: minimum n 10 (the cited district suppresses "10 or fewer") [D][S34]. */
export const DEFAULT_PROFILE: DisclosureProfile = {
	id: 'default',
	label: 'Default (minimum group 10, tiered top/bottom coding)',
	sources: ['S33', 'S34', 'D'],
	minN: 10,
	minNAllStudents: null,
	codingTiers: DEFAULT_CODING_TIERS,
	codingBoundary: 'inclusive',
	denominatorBands: DEFAULT_DENOMINATOR_BANDS
};

/** The profiles of §6.4 rule 6; other rules (bands, complementary suppression) as the default. */
export const DISCLOSURE_PROFILES: readonly DisclosureProfile[] = [
	DEFAULT_PROFILE,
	{
		...DEFAULT_PROFILE,
		id: 'delaware',
		label: 'Delaware (groups of 15 or fewer hidden; <5% and >95%)',
		sources: ['S35'],
		minN: 16,
		codingTiers: [{ minN: 0, bottomPct: 5, topPct: 95, tag: 'P' }],
		codingBoundary: 'exclusive'
	},
	{
		...DEFAULT_PROFILE,
		id: 'new_york',
		label: 'New York (groups under 5 hidden, plus the next-smallest)',
		sources: ['S36'],
		minN: 5
	},
	{
		...DEFAULT_PROFILE,
		id: 'texas',
		label: 'Texas (minimum 25; 10 for all students)',
		sources: ['S38'],
		minN: 25,
		minNAllStudents: 10
	}
];

/** The profile with this id; throws for an unknown id. */
export function disclosureProfile(id: string): DisclosureProfile {
	const profile = DISCLOSURE_PROFILES.find((p) => p.id === id);
	if (!profile) throw new Error(`unknown disclosure profile: ${id}`);
	return profile;
}

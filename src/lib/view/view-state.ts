import { LOCALE_GROUPS, type LocaleGroup } from '../filters/restrict.ts';
import type { Weighting } from '../metrics/survey/analysis-rows.ts';
import type { PeerScope } from '../peers/options.ts';
import { povertyScheme, type PovertySchemeId } from '../poverty/schemes.ts';

/**
 * Everything a dashboard view shows is a function of this state and the loaded data; the URL
 * holds it (`url-codec.ts`), so a reload or a shared link reproduces the view. Lists are kept
 * in one canonical order (see `canonicalState`) so equal views have equal URLs. An empty list
 * means "no filter".
 */
export interface ViewState {
	/** USPS abbreviations, sorted. */
	readonly states: readonly string[];
	/** NCES locale groups, in `LOCALE_OPTIONS` order. */
	readonly locales: readonly LocaleGroup[];
	/** District enrolment size bands, in `SIZE_BANDS` order (predefined partitions, §6.4 rule 5). */
	readonly sizes: readonly SizeBandId[];
	/** `survey` = the survey's own levels for training; usage then uses `USAGE_FALLBACK_SCHEME`. */
	readonly scheme: PovertySchemeId;
	/** Levels of the usage scheme to keep, in the scheme's order. */
	readonly levels: readonly string[];
	/** Survey wave; null = the latest wave in the data. */
	readonly wave: string | null;
	/** Usage school year (fall year); null = the latest in the data. */
	readonly year: number | null;
	/** Product ids, sorted. */
	readonly products: readonly string[];
	readonly groupBy: GroupBy;
	readonly weighting: Weighting;
	readonly source: UsageSource;
	/** Edited dosage rules per product, in the canonical JSON of `formatDosageRule`. */
	readonly rules: Readonly<Record<string, string>>;
	/** Price per licence per product, in currency units with at most two decimals. */
	readonly prices: Readonly<Record<string, number>>;
	/**
	 * Districts picked for comparison (LEAIDs, at most `MAX_DISTRICTS`), in the order picked;
	 * the first is the board brief's district.
	 */
	readonly districts: readonly string[];
	/** How the compare view finds each district's peers (`PEER_CHOICES`). */
	readonly peers: PeerChoice;
	/** Weight of size in the peer distance (`PEER_WEIGHTS`). */
	readonly peerSize: PeerWeight;
	/** Weight of the poverty percentile in the peer distance (`PEER_WEIGHTS`). */
	readonly peerPoverty: PeerWeight;
	/** The peers' hard constraints (`PEER_SCOPES`). */
	readonly peerScope: PeerScope;
}

/** How many districts a view compares at once. */
export const MAX_DISTRICTS = 6;

/**
 * Peer criteria of the compare view: the k nearest districts (domain-spec §7.2; 20 is Ohio's
 * precedent and the default) or the SEDA-like `band`.
 */
export const PEER_CHOICES = ['10', '20', '50', '100', 'band'] as const;
export type PeerChoice = (typeof PEER_CHOICES)[number];

/** Weights a reader can give size and poverty in the peer distance (§7.2 step 3; 1 each by default). */
export const PEER_WEIGHTS = ['0', '0.5', '1', '2', '4'] as const;
export type PeerWeight = (typeof PEER_WEIGHTS)[number];

/** The peers' hard constraints (`PeerScope` of `peers/options.ts`); §7.2's is the default. */
export const PEER_SCOPES = [
	'locale_region',
	'locale',
	'national'
] as const satisfies readonly PeerScope[];

export const GROUP_BY_OPTIONS = ['poverty', 'locale', 'region', 'size'] as const;
export type GroupBy = (typeof GROUP_BY_OPTIONS)[number];

export const GROUP_BY_LABELS: Readonly<Record<GroupBy, string>> = {
	poverty: 'Poverty level',
	locale: 'Locale',
	region: 'Census region',
	size: 'Enrollment size'
};

export const LOCALE_OPTIONS = Object.keys(LOCALE_GROUPS) as LocaleGroup[];

export const LOCALE_LABELS: Readonly<Record<LocaleGroup, string>> = {
	city: 'City',
	suburb: 'Suburb',
	town: 'Town',
	rural: 'Rural'
};

export const WEIGHTINGS = ['district', 'student'] as const satisfies readonly Weighting[];

/** Supplied aggregates cover every district; student-week logs let a dosage rule be edited. */
export const USAGE_SOURCES = ['aggregate', 'logs'] as const;
export type UsageSource = (typeof USAGE_SOURCES)[number];

/** District enrolment bands, the same for filtering and grouping. */
export const SIZE_BANDS = [
	{ id: 'under-1k', label: 'Under 1,000 students', min: 0, max: 999 },
	{ id: '1k-5k', label: '1,000–4,999 students', min: 1000, max: 4999 },
	{ id: '5k-25k', label: '5,000–24,999 students', min: 5000, max: 24999 },
	{ id: '25k-plus', label: '25,000 students or more', min: 25000, max: null }
] as const;
export type SizeBandId = (typeof SIZE_BANDS)[number]['id'];

/** The band of an enrolment, or null when it is unknown. */
export function sizeBandOf(enrollment: number | null): SizeBandId | null {
	if (enrollment === null || !(enrollment >= 0)) return null;
	return SIZE_BANDS.find((b) => b.max === null || enrollment <= b.max)!.id;
}

/** Usage has no survey levels: with `scheme = survey`, usage is grouped by this scheme. */
export const USAGE_FALLBACK_SCHEME = 'saipe-quartiles' satisfies PovertySchemeId;

/** The scheme usage figures are grouped by under the view's scheme. */
export function usageScheme(scheme: PovertySchemeId): Exclude<PovertySchemeId, 'survey'> {
	return scheme === 'survey' ? USAGE_FALLBACK_SCHEME : scheme;
}

/** The levels the level filter offers: those of the usage scheme, lowest poverty first. */
export function levelOptions(scheme: PovertySchemeId): readonly string[] {
	return povertyScheme(usageScheme(scheme)).levels;
}

export const DEFAULT_VIEW_STATE: ViewState = {
	states: [],
	locales: [],
	sizes: [],
	scheme: 'survey',
	levels: [],
	wave: null,
	year: null,
	products: [],
	groupBy: 'poverty',
	weighting: 'district',
	source: 'aggregate',
	rules: {},
	prices: {},
	districts: [],
	peers: '20',
	peerSize: '1',
	peerPoverty: '1',
	peerScope: 'locale_region'
};

function inOrder<T>(values: readonly T[], order: readonly T[]): T[] {
	return order.filter((v) => values.includes(v));
}

const sortedUnique = (values: readonly string[]) => [...new Set(values)].sort();

/** The same state with every list in its canonical order and without duplicates. */
export function canonicalState(state: ViewState): ViewState {
	return {
		...state,
		states: sortedUnique(state.states),
		locales: inOrder(state.locales, LOCALE_OPTIONS),
		sizes: inOrder(
			state.sizes,
			SIZE_BANDS.map((b) => b.id)
		),
		levels: inOrder(state.levels, levelOptions(state.scheme)),
		products: sortedUnique(state.products),
		districts: [...new Set(state.districts)].slice(0, MAX_DISTRICTS)
	};
}

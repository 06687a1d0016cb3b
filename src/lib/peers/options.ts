import type { PovertyMeasure } from '../poverty/schemes.ts';

/**
 * Options and result types of the peer-group search (domain-spec §7.2 [D]). Every default is a
 * design decision and configurable; the result echoes the criteria, weights and relaxations used
 * so the UI can show them.
 */

/** `nearest`: the k nearest neighbours; `band`: the SEDA-like window (§7.2 alternative). */
export type PeerMethod = 'nearest' | 'band';

/**
 * `locale_region`: locale group, Census region, log10 enrollment and poverty percentile.
 * `state_child_population`: the fallback when the district has no locale or enrollment (e.g.
 * only the SAIPE file is loaded): same state, poverty percentile and log10 SAIPE children 5–17.
 */
export type PeerBasis = 'locale_region' | 'state_child_population';

/**
 * The hard constraints of the default basis (§7.2 step 1, adjustable): `locale_region` the same
 * locale group and Census region (relaxed while too few); `locale` the same locale group in any
 * region; `national` any district. The fallback basis always keeps the same state.
 */
export type PeerScope = 'locale_region' | 'locale' | 'national';

/** Relaxations of §7.2 step 5, in the order they are applied. */
export type Relaxation = 'dropped_region' | 'adjacent_locale';

export interface PeerOptions {
	readonly leaid: string;
	readonly schoolYearStart: number;
	/** The active poverty measure (§2.1); SAIPE by default (§2.5). */
	readonly measure?: PovertyMeasure;
	readonly method?: PeerMethod;
	/** Peers returned by `nearest` (Ohio's 20 [P][S39]). */
	readonly k?: number;
	/** Fewer candidates than this triggers the next relaxation. */
	readonly kMin?: number;
	readonly scope?: PeerScope;
	/** Weights on the squared z-score differences. */
	readonly weights?: { readonly size: number; readonly poverty: number };
	/** Added to the distance of a district in the adjacent locale group. */
	readonly adjacentPenalty?: number;
	/** `band`: poverty percentile within ± points, size within ÷ratio … ×ratio. */
	readonly band?: { readonly percentilePoints: number; readonly sizeRatio: number };
	/**
	 * CCD agency types in the universe; rows without a type stay in. Codes 1 and 2 (regular
	 * local districts, alone or in a supervisory union) are [U]: check the CCD layout of the year.
	 * Null keeps every type.
	 */
	readonly leaTypes?: readonly string[] | null;
}

export type ResolvedPeerOptions = Required<PeerOptions>;

export const PEER_DEFAULTS: Omit<ResolvedPeerOptions, 'leaid' | 'schoolYearStart'> = {
	measure: 'saipe',
	method: 'nearest',
	k: 20,
	kMin: 10,
	scope: 'locale_region',
	weights: { size: 1, poverty: 1 },
	adjacentPenalty: 1,
	band: { percentilePoints: 5, sizeRatio: 2 },
	leaTypes: ['1', '2']
};

/** One district of the peer universe with its features and, for peers, its distance. */
export interface PeerRow {
	leaid: string;
	lea_name: string | null;
	state_fips: string | null;
	census_region: string | null;
	locale_code: number | null;
	/** Enrollment, or SAIPE children 5–17 in the fallback basis. */
	size: number;
	poverty_value: number;
	/** National percentile rank of the poverty measure, 0–100, over the universe. */
	poverty_percentile: number;
	z_size: number;
	z_poverty: number;
}

export interface PeerCandidateRow extends PeerRow {
	/** 0 same group and region; 1 region dropped; 2 adjacent locale group. */
	tier: number;
	penalty: number;
	/** Weighted Euclidean distance on the z-scores plus the penalty. */
	distance: number;
	/** |size − target size|: the first tie-break. */
	size_gap: number;
	/** 1 = nearest. */
	rank: number;
	/** Candidates at the chosen relaxation level (before the k limit). */
	candidates: number;
	/** The relaxation level reached (the highest tier allowed). */
	level: number;
}

export interface PeerGroup {
	readonly target: PeerRow;
	readonly method: PeerMethod;
	readonly basis: PeerBasis;
	/** Why the fallback basis was used; null for the default basis. */
	readonly fallbackReason: string | null;
	/** Plain-language criteria, in the order applied. */
	readonly criteria: readonly string[];
	readonly options: ResolvedPeerOptions;
	readonly relaxations: readonly Relaxation[];
	/** Candidates at the final level, before the k limit. */
	readonly candidates: number;
	/** Fewer than `kMin` candidates even after every relaxation. */
	readonly short: boolean;
	readonly peers: readonly PeerCandidateRow[];
}

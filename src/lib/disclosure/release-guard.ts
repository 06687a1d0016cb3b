import { DEFAULT_PROFILE, type DisclosureProfile } from './profiles.ts';

/** The predefined partitions a user filter on student-derived data may combine (§6.4 rule 5). */
export const FILTER_DIMENSIONS = ['poverty_group', 'locale_group', 'grade_band', 'product_id'];

/** The unit a filter selects; filters must select whole schools or larger units. */
export type FilterLevel = 'student' | 'school' | 'district' | 'state' | 'national';

export interface FilterRequest {
	readonly filters: readonly { readonly dimension: string; readonly value: string }[];
	readonly level: FilterLevel;
	/** Students in the filtered group. */
	readonly filteredN: number;
	/** Students in the total shown beside it (or shown before, in another release). */
	readonly shownTotalN: number;
}

export type FilterDecision =
	| { readonly allowed: true }
	| {
			readonly allowed: false;
			readonly rule: 'dimension' | 'level' | 'complement';
			readonly explanation: string;
	  };

/**
 * Multiple-release guard (domain-spec §6.4 rule 5 [D], after 34 CFR §99.31(b)(1) "single or
 * multiple releases" [U]): a filter on student-derived data may only combine predefined
 * partitions at school level or above, and is refused when its complement within the shown
 * total has fewer students than the profile's minimum n (total − filtered would publish that
 * small group). A complement of zero (the filter keeps everyone) reveals nothing and is allowed;
 * a small filtered group itself is handled by `discloseView`.
 */
export function guardFilterRelease(
	request: FilterRequest,
	profile: DisclosureProfile = DEFAULT_PROFILE
): FilterDecision {
	const { filteredN, shownTotalN } = request;
	if (!(filteredN >= 0 && filteredN <= shownTotalN)) {
		throw new Error(`invalid filter counts: ${filteredN} of ${shownTotalN}`);
	}
	const unknown = request.filters.find((f) => !FILTER_DIMENSIONS.includes(f.dimension));
	if (unknown) {
		return {
			allowed: false,
			rule: 'dimension',
			explanation: `Filters on student data may only use ${FILTER_DIMENSIONS.join(', ')}; "${unknown.dimension}" is not one of them.`
		};
	}
	if (request.level === 'student') {
		return {
			allowed: false,
			rule: 'level',
			explanation: 'Filters on student data must select whole schools or larger units.'
		};
	}
	const complement = shownTotalN - filteredN;
	if (complement > 0 && complement < profile.minN) {
		return {
			allowed: false,
			rule: 'complement',
			explanation: `This filter leaves out fewer than ${profile.minN} students of the total shown, so comparing the two would reveal figures about that small group.`
		};
	}
	return { allowed: true };
}

import { povertyScheme } from '../poverty/schemes.ts';
import {
	GROUP_BY_LABELS,
	LOCALE_LABELS,
	LOCALE_OPTIONS,
	SIZE_BANDS,
	usageScheme,
	type GroupBy,
	type ViewState
} from './view-state.ts';

/** A row of a grouped view: its key and label, in display order. */
export interface GroupSpec {
	readonly group: string;
	readonly label: string;
	/** A few characters for bar labels: "Q4", "City", "25k+". */
	readonly short: string;
}

const REGIONS = ['Northeast', 'Midwest', 'South', 'West'];

/** The products a view shows: the selected ones, else all, in the data's order. */
export function selectedProducts<T extends { id: string }>(
	products: readonly T[],
	state: ViewState
): T[] {
	return products.filter((p) => state.products.length === 0 || state.products.includes(p.id));
}

/** Whether any district filter is set (the release guard then compares with the whole). */
export function hasDistrictFilters(state: ViewState): boolean {
	return [state.states, state.locales, state.sizes, state.levels].some((l) => l.length > 0);
}

const POVERTY_WORDS: Readonly<Record<string, string>> = {
	low: 'Low poverty',
	mid_low: 'Middle-low poverty',
	middle: 'Middle poverty',
	mid_high: 'Middle-high poverty',
	high: 'High poverty'
};

/** The label of a poverty level: "Q1 (lowest poverty)", "High poverty". */
export function povertyLevelLabel(level: string, levels: readonly string[]): string {
	if (POVERTY_WORDS[level]) return POVERTY_WORDS[level];
	if (level === levels[0]) return `${level} (lowest poverty)`;
	if (level === levels.at(-1)) return `${level} (highest poverty)`;
	return level;
}

/** Short names of the enrolment bands, for bar labels. */
const SIZE_SHORT: Readonly<Record<string, string>> = {
	'under-1k': '<1k',
	'1k-5k': '1k–5k',
	'5k-25k': '5k–25k',
	'25k-plus': '25k+'
};

/**
 * The groups of a grouping, in display order (poverty: lowest poverty first), named for the
 * students they count ("Students in Q4 districts (highest poverty)") with a short bar label.
 */
export function groupSpecs(groupBy: GroupBy, state: Pick<ViewState, 'scheme'>): GroupSpec[] {
	switch (groupBy) {
		case 'poverty': {
			const { levels } = povertyScheme(usageScheme(state.scheme));
			return levels.map((group) => ({
				group,
				label: `Students in ${povertyDistricts(group, levels)}`,
				short: group
			}));
		}
		case 'locale':
			return LOCALE_OPTIONS.map((group) => ({
				group,
				label: `Students in ${LOCALE_LABELS[group].toLowerCase()} districts`,
				short: LOCALE_LABELS[group]
			}));
		case 'region':
			return REGIONS.map((group) => ({
				group,
				label: `Students in the ${group}`,
				short: group
			}));
		case 'size':
			return SIZE_BANDS.map((b) => ({
				group: b.id,
				label: `Students in districts of ${b.label.toLowerCase()}`,
				short: SIZE_SHORT[b.id] ?? b.id
			}));
	}
}

/** "Q4 districts (highest poverty)", "high-poverty districts". */
function povertyDistricts(level: string, levels: readonly string[]): string {
	const words = POVERTY_WORDS[level];
	if (words) return `${words.toLowerCase().replace(' poverty', '-poverty')} districts`;
	if (level === levels[0]) return `${level} districts (lowest poverty)`;
	if (level === levels.at(-1)) return `${level} districts (highest poverty)`;
	return `${level} districts`;
}

/** "Poverty level (Census SAIPE child-poverty quartiles…)" or "Locale". */
export function groupingLabel(state: ViewState): string {
	if (state.groupBy !== 'poverty') return GROUP_BY_LABELS[state.groupBy];
	return `Poverty level: ${povertyScheme(usageScheme(state.scheme)).label}`;
}

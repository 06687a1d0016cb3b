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

/** The groups of a grouping, in display order (poverty: lowest poverty first). */
export function groupSpecs(groupBy: GroupBy, state: ViewState): GroupSpec[] {
	switch (groupBy) {
		case 'poverty': {
			const { levels } = povertyScheme(usageScheme(state.scheme));
			return levels.map((group) => ({ group, label: povertyLevelLabel(group, levels) }));
		}
		case 'locale':
			return LOCALE_OPTIONS.map((group) => ({ group, label: LOCALE_LABELS[group] }));
		case 'region':
			return REGIONS.map((group) => ({ group, label: group }));
		case 'size':
			return SIZE_BANDS.map((b) => ({ group: b.id, label: b.label }));
	}
}

/** "Poverty level (Census SAIPE child-poverty quartiles…)" or "Locale". */
export function groupingLabel(state: ViewState): string {
	if (state.groupBy !== 'poverty') return GROUP_BY_LABELS[state.groupBy];
	return `Poverty level: ${povertyScheme(usageScheme(state.scheme)).label}`;
}

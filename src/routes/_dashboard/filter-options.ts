import { POVERTY_SCHEMES } from '#lib/poverty/schemes.ts';
import type { DataCatalog } from '#lib/view/catalog.ts';
import { povertyLevelLabel } from '#lib/view/groups.ts';
import {
	GROUP_BY_LABELS,
	GROUP_BY_OPTIONS,
	levelOptions,
	LOCALE_LABELS,
	LOCALE_OPTIONS,
	SIZE_BANDS,
	type ViewState
} from '#lib/view/view-state.ts';

export interface Option {
	readonly value: string;
	readonly label: string;
}

const schemeLabel = (id: string) =>
	id === 'survey'
		? "Survey's own levels (usage: SAIPE quartiles)"
		: POVERTY_SCHEMES[id as keyof typeof POVERTY_SCHEMES].label;

/** Every choice the filter bar offers, from what the data holds. */
export function filterOptions(catalog: DataCatalog, state: ViewState) {
	const levels = levelOptions(state.scheme);
	return {
		states: catalog.states.map((abbr) => ({ value: abbr, label: abbr })),
		locales: LOCALE_OPTIONS.map((value) => ({ value, label: LOCALE_LABELS[value] })),
		sizes: SIZE_BANDS.map((b) => ({ value: b.id, label: b.label })),
		schemes: catalog.schemes.map((value) => ({ value, label: schemeLabel(value) })),
		levels: levels.map((value) => ({ value, label: povertyLevelLabel(value, levels) })),
		waves: catalog.waves.map((value) => ({ value, label: value })),
		years: catalog.years.map((y) => ({
			value: String(y),
			label: `${y}–${String(y + 1).slice(2)}`
		})),
		products: catalog.products.map((p) => ({ value: p.id, label: p.name })),
		groups: GROUP_BY_OPTIONS.map((value) => ({ value, label: GROUP_BY_LABELS[value] }))
	} satisfies Record<string, Option[]>;
}

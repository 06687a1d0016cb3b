import { POVERTY_SCHEME_IDS, type PovertySchemeId } from '../poverty/schemes.ts';
import type { Notice } from './url-codec.ts';
import { DEFAULT_VIEW_STATE, type ViewState } from './view-state.ts';

/** What the loaded data offers to choose from; the filter bar lists exactly these. */
export interface DataCatalog {
	readonly dataVersion: string;
	/** USPS abbreviations of the districts, sorted. */
	readonly states: readonly string[];
	readonly products: readonly { readonly id: string; readonly name: string }[];
	/** Survey id of the national survey shown. */
	readonly surveyId: string;
	/** Survey waves, oldest first. */
	readonly waves: readonly string[];
	/** Usage school years (fall year), oldest first. */
	readonly years: readonly number[];
	/** Poverty schemes whose measure the districts have (the survey's own levels always). */
	readonly schemes: readonly PovertySchemeId[];
	/** Whether student-week logs and rosters are available. */
	readonly hasLogs: boolean;
}

/** The wave and school year a view shows: its own, else the latest in the data. */
export function effectiveWave(state: ViewState, catalog: DataCatalog): string | null {
	return state.wave ?? catalog.waves.at(-1) ?? null;
}

export function effectiveYear(state: ViewState, catalog: DataCatalog): number | null {
	return state.year ?? catalog.years.at(-1) ?? null;
}

function keepKnown(
	notices: Notice[],
	key: string,
	values: readonly string[],
	known: readonly string[],
	what: string
): string[] {
	return values.filter((value) => {
		if (known.includes(value)) return true;
		notices.push({ key, message: `Ignored “${value}”: this data has no ${what} “${value}”.` });
		return false;
	});
}

function keepKnownKeys<T>(
	notices: Notice[],
	prefix: string,
	record: Readonly<Record<string, T>>,
	products: readonly string[]
): Record<string, T> {
	const kept = keepKnown(notices, prefix, Object.keys(record), products, 'product');
	return Object.fromEntries(kept.map((id) => [id, record[id]!]));
}

/**
 * Checks a decoded view against the loaded data: states, products, waves, years and schemes the
 * data does not have fall back to their defaults, each with a notice. A view that names nothing
 * unknown comes back unchanged.
 */
export function reconcileWithCatalog(
	state: ViewState,
	catalog: DataCatalog
): { state: ViewState; notices: Notice[] } {
	const notices: Notice[] = [];
	const products = catalog.products.map((p) => p.id);
	let { wave, year, scheme, levels } = state;
	if (wave !== null && !catalog.waves.includes(wave)) {
		notices.push({ key: 'wave', message: `Ignored survey wave “${wave}”: not in this data.` });
		wave = null;
	}
	if (year !== null && !catalog.years.includes(year)) {
		notices.push({ key: 'year', message: `Ignored school year ${year}: not in this data.` });
		year = null;
	}
	if (!catalog.schemes.includes(scheme) || !POVERTY_SCHEME_IDS.includes(scheme)) {
		notices.push({
			key: 'scheme',
			message: `Ignored poverty scheme “${scheme}”: the districts in this data lack its measure.`
		});
		scheme = DEFAULT_VIEW_STATE.scheme;
		levels = [];
	}
	return {
		state: {
			...state,
			wave,
			year,
			scheme,
			levels,
			states: keepKnown(notices, 'state', state.states, catalog.states, 'districts in'),
			products: keepKnown(notices, 'product', state.products, products, 'product'),
			rules: keepKnownKeys(notices, 'rule', state.rules, products),
			prices: keepKnownKeys(notices, 'price', state.prices, products)
		},
		notices
	};
}

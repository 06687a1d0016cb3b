import type { Database } from '../db/database.ts';
import { sql } from '../db/sql.ts';
import type { DataOrigin } from '../disclosure/view.ts';
import {
	POVERTY_SCHEME_IDS,
	povertyScheme,
	type PovertyMeasure,
	type PovertySchemeId
} from '../poverty/schemes.ts';
import type { Notice } from './url-codec.ts';
import { DEFAULT_VIEW_STATE, type ViewState } from './view-state.ts';

/** What the loaded data offers to choose from; the filter bar lists exactly these. */
export interface DataCatalog {
	readonly dataVersion: string;
	/** Demo data and shared links are shown in public mode only (§6.4). */
	readonly origin: DataOrigin;
	/** USPS abbreviations of the districts, sorted. */
	readonly states: readonly string[];
	readonly products: readonly { readonly id: string; readonly name: string }[];
	/** Survey id of the national survey shown. */
	readonly surveyId: string;
	/** Survey waves, oldest first. */
	readonly waves: readonly string[];
	/** Usage school years (fall year), oldest first. */
	readonly years: readonly number[];
	/** The latest school year of the district table (population for sample composition). */
	readonly districtYear: number | null;
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

/** Which district schemes the districts have a measure for (the survey's levels always). */
const SCHEME_MEASURES_SQL = `SELECT
	bool_or(saipe_pop_5_17 > 0 AND saipe_pov_5_17 IS NOT NULL) AS saipe,
	bool_or(meps_pct IS NOT NULL) AS meps,
	bool_or(enrollment_total > 0 AND coalesce(frpl_count, free_lunch_count + reduced_lunch_count) IS NOT NULL) AS frpl,
	max(school_year_start) AS district_year
FROM districts`;

/**
 * Reads what the loaded data offers: states, products, the survey's waves (the given survey, or
 * the first one in the data), usage years and the poverty schemes the districts can be
 * classified by. `hasLogs` comes from the file list, since logs are loaded on demand.
 */
export async function loadCatalog(
	db: Database,
	options: { dataVersion: string; origin: DataOrigin; hasLogs: boolean; surveyId: string }
): Promise<DataCatalog> {
	const states = await db.query<{ s: string }>(
		'SELECT DISTINCT state_abbr AS s FROM districts WHERE state_abbr IS NOT NULL ORDER BY 1'
	);
	const products = await db.query<{ id: string; name: string | null }>(
		'SELECT product_id AS id, product_name AS name FROM products ORDER BY product_id'
	);
	const surveys = await db.query<{ id: string }>(
		'SELECT DISTINCT survey_id AS id FROM survey_responses ORDER BY 1'
	);
	const surveyId = surveys.some((s) => s.id === options.surveyId)
		? options.surveyId
		: (surveys[0]?.id ?? options.surveyId);
	const waves = await db.query<{ wave: string }>(sql`SELECT survey_wave AS wave
		FROM survey_responses WHERE survey_id = ${surveyId}
		GROUP BY survey_wave ORDER BY min(school_year_start), survey_wave`);
	const years = await db.query<{ y: number }>(`SELECT DISTINCT school_year_start AS y FROM (
		SELECT school_year_start FROM usage_aggregate UNION ALL SELECT school_year_start FROM usage_roster
	) ORDER BY 1`);
	const [measures] =
		await db.query<Record<PovertyMeasure | 'district_year', boolean | number | null>>(
			SCHEME_MEASURES_SQL
		);
	const schemes = POVERTY_SCHEME_IDS.filter((id) => {
		const measure = povertyScheme(id).measure;
		return measure === null || measures?.[measure] === true;
	});
	return {
		dataVersion: options.dataVersion,
		origin: options.origin,
		states: states.map((r) => r.s),
		products: products.map((p) => ({ id: p.id, name: p.name ?? p.id })),
		surveyId,
		waves: waves.map((w) => w.wave),
		years: years.map((r) => r.y),
		districtYear: (measures?.district_year as number | null) ?? null,
		schemes,
		hasLogs: options.hasLogs
	};
}

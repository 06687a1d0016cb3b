import type { ColumnMapping } from './mapping.ts';
import { headerKey } from './synonyms.ts';

/** A named mapping for a known file layout (domain-spec §1.9), recognised by name or header. */
export interface Preset {
	readonly id:
		| 'saipe'
		| 'learnplatform_districts'
		| 'learnplatform_districts_full'
		| 'learnplatform_products'
		| 'learnplatform_engagement';
	readonly description: string;
	readonly mapping: ColumnMapping;
}

const hasAll = (headers: readonly string[], wanted: readonly string[]) => {
	const keys = new Set(headers.map(headerKey));
	return wanted.every((w) => keys.has(headerKey(w)));
};

/** Census SAIPE school-district estimates as staged (`saipe_school_districts_2023.csv`). */
export function saipePreset(lag = 1): Preset {
	return {
		id: 'saipe',
		description: `Census SAIPE school-district poverty estimates → districts (school_year_start = SAIPE year + ${lag})`,
		mapping: {
			version: 1,
			table: 'districts',
			columns: {
				leaid: 'leaid',
				school_year_start: null,
				lea_name: 'name',
				state_fips: 'state_fips',
				state_abbr: 'state_postal_code',
				saipe_year: 'year',
				saipe_pop_5_17: 'est_population_5_17',
				saipe_pov_5_17: 'est_children_5_17_in_poverty'
			},
			options: { saipe_lag: lag }
		}
	};
}

/**
 * LearnPlatform 2020 `districts_info.csv` → `daily_touch_districts` (what the daily-touch metrics
 * read): ID, state, locale and the FRPL range. `NaN` means suppressed (the dataset's README).
 */
export const LEARNPLATFORM_DISTRICTS: Preset = {
	id: 'learnplatform_districts',
	description:
		'LearnPlatform 2020 districts_info.csv → daily_touch_districts (FRPL range parsed to bounds)',
	mapping: {
		version: 1,
		table: 'daily_touch_districts',
		columns: {
			lp_district_id: 'district_id',
			state: 'state',
			locale_group: 'locale',
			frpl_interval: 'pct_free/reduced'
		},
		options: { missing_codes: { NaN: 'suppressed' } }
	}
};

/** The same file → `lp_districts`: every range-coded field, and each NULL's reason per row. */
export const LEARNPLATFORM_DISTRICTS_FULL: Preset = {
	id: 'learnplatform_districts_full',
	description:
		'LearnPlatform 2020 districts_info.csv → lp_districts (every range parsed to bounds, missing reasons kept)',
	mapping: {
		version: 1,
		table: 'lp_districts',
		columns: {
			lp_district_id: 'district_id',
			state_name: 'state',
			locale_group: 'locale',
			pct_black_hispanic: 'pct_black/hispanic',
			pct_free_reduced: 'pct_free/reduced',
			county_connections_ratio: 'county_connections_ratio',
			pp_total_raw: 'pp_total_raw'
		},
		options: { missing_codes: { NaN: 'suppressed' } }
	}
};

/** LearnPlatform 2020 `products_info.csv` → the canonical `products` table (no dosage rules). */
export const LEARNPLATFORM_PRODUCTS: Preset = {
	id: 'learnplatform_products',
	description: 'LearnPlatform 2020 products_info.csv → products',
	mapping: {
		version: 1,
		table: 'products',
		columns: { product_id: 'LP ID', product_name: 'Product Name', vendor: 'Provider/Company Name' },
		options: {}
	}
};

/** LearnPlatform `engagement_data/<district>.csv(.gz)` → `daily_touch`; the district ID is the file name. */
export function learnPlatformEngagementPreset(districtId: string): Preset {
	return {
		id: 'learnplatform_engagement',
		description: `LearnPlatform 2020 engagement data of district ${districtId} → daily_touch`,
		mapping: {
			version: 1,
			table: 'daily_touch',
			columns: {
				lp_district_id: null,
				lp_id: 'lp_id',
				day: 'time',
				pct_access: 'pct_access',
				engagement_index: 'engagement_index'
			},
			options: { constants: { lp_district_id: districtId }, missing_codes: { NaN: 'missing' } }
		}
	};
}

/** The preset for a file, recognised by its headers (and its name for the engagement files). */
export function presetFor(fileName: string, headers: readonly string[]): Preset | null {
	const base = fileName.split(/[\\/]/).pop() ?? fileName;
	if (hasAll(headers, ['leaid', 'year', 'est_population_5_17', 'est_children_5_17_in_poverty']))
		return saipePreset();
	if (hasAll(headers, ['district_id', 'state', 'locale', 'pct_black/hispanic', 'pct_free/reduced']))
		return LEARNPLATFORM_DISTRICTS;
	if (hasAll(headers, ['LP ID', 'URL', 'Product Name', 'Primary Essential Function']))
		return LEARNPLATFORM_PRODUCTS;
	const district = /^(\d+)\.csv(\.gz)?$/i.exec(base);
	if (district && hasAll(headers, ['time', 'lp_id', 'pct_access', 'engagement_index'])) {
		return learnPlatformEngagementPreset(district[1]!);
	}
	return null;
}

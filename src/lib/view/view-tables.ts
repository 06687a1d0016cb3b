import { raw, type SqlQuery } from '../db/sql.ts';
import { POVERTY_SCHEME_IDS, type PovertySchemeId } from '../poverty/schemes.ts';

/** Every scheme that classifies districts (all but the survey's passthrough). */
export const DISTRICT_SCHEMES = POVERTY_SCHEME_IDS.filter(
	(id): id is Exclude<PovertySchemeId, 'survey'> => id !== 'survey'
);
export type DistrictScheme = (typeof DISTRICT_SCHEMES)[number];

/** Funnel units (school or district × product) as the metric SQL gives them. */
export const VIEW_UNITS_TABLE = 'view_units';
/** Every district's attributes and poverty levels (`districtAttributesSql`). */
export const VIEW_DISTRICTS_TABLE = 'view_districts';
/** Statistics per district × product (and pooled), the table every filter change queries. */
export const VIEW_CELLS_TABLE = 'view_cells';
/** The pooled cells of every product set pooled since the cells were built, by `pooled_key`. */
export const VIEW_POOLED_CACHE_TABLE = 'view_pooled_cache';

/** The column holding a district's level under a scheme, e.g. `poverty_saipe_quartiles`. */
export function povertyColumn(scheme: PovertySchemeId): SqlQuery {
	return raw(`poverty_${scheme.replaceAll('-', '_')}`);
}

/** Every selected product pooled (a student counts once per product: student–product pairs). */
export const POOLED = 'all-products';

/** The blocks of small districts of the current cells at one threshold (`ensureViewBlocks`). */
export function viewBlocksTable(minN: number): SqlQuery {
	if (!Number.isInteger(minN) || minN < 1) throw new Error(`invalid minimum group size: ${minN}`);
	return raw(`view_blocks_${minN}`);
}

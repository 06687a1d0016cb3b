import { join, sql, type SqlQuery } from '../../db/sql.ts';
import {
	districtPovertyQuery,
	type DistrictPovertyOptions
} from '../../poverty/district-poverty.ts';
import { povertyScheme } from '../../poverty/schemes.ts';

/**
 * The poverty classification the usage metrics group by, supplied by the caller (the poverty
 * module or a user upload): a relation `(unit_id, poverty_group)` keyed by district (`leaid`) or
 * school (`ncessch`), the group labels from lowest to highest poverty, and the scheme's name,
 * which is printed with every result (domain-spec §2.2, §4.4). Units without a group are
 * "unknown": kept in totals, left out of gaps and ratios.
 */
export interface PovertyInput {
	readonly scheme: string;
	readonly groups: readonly string[];
	readonly level: 'district' | 'school';
	readonly relation: SqlQuery;
}

/** The poverty module's district classification for one school year, as a `PovertyInput`. */
export function districtPovertyInput(
	scheme: DistrictPovertyOptions['scheme'],
	schoolYear: number
): PovertyInput {
	const definition = povertyScheme(scheme);
	const classified = districtPovertyQuery({ scheme, schoolYearStart: schoolYear });
	return {
		scheme: definition.label,
		groups: definition.levels,
		level: 'district',
		relation: sql`SELECT leaid AS unit_id, poverty_level AS poverty_group FROM (${classified})`
	};
}

/** A `(unit_id, poverty_group)` relation from rows held in JavaScript, values bound. */
export function povertyRelation(
	rows: readonly { unit_id: string; poverty_group: string | null }[]
): SqlQuery {
	if (rows.length === 0) {
		return sql`SELECT CAST(NULL AS VARCHAR) AS unit_id, CAST(NULL AS VARCHAR) AS poverty_group WHERE false`;
	}
	const values = rows.map(
		(r) => sql`(CAST(${r.unit_id} AS VARCHAR), CAST(${r.poverty_group} AS VARCHAR))`
	);
	return sql`SELECT * FROM (VALUES ${join(values, ', ')}) AS v(unit_id, poverty_group)`;
}

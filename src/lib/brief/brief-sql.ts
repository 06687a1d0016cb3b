import { sql, type SqlQuery } from '../db/sql.ts';

/** A district of the picker and the brief's heading. */
export interface DistrictRow {
	leaid: string;
	lea_name: string | null;
	state_abbr: string | null;
}

/** Every district of a school year, by name then LEAID (the brief's district picker). */
export function districtListSql(schoolYear: number): SqlQuery {
	return sql`SELECT leaid, lea_name, state_abbr FROM districts
WHERE school_year_start = ${schoolYear} ORDER BY lea_name, leaid`;
}

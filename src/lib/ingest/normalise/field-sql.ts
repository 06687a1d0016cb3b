import type { SqlQuery } from '../../db/sql.ts';

/**
 * The SQL that reads one field, in three steps so that no costly expression runs twice per row:
 * `prepare` (optional, over the text `x`) is computed once as the column `p`; `outputs` compute
 * the typed values from `x` and `p`; `error` and `change` then look at `x` and the computed
 * values `v` (cheap comparisons; the costly diagnosis runs only for rows whose value is NULL).
 * `x` is the trimmed text, NULL when missing. `error` gives the code that rejects the row, `change`
 * the name of the change made (NULL when the text was already canonical).
 */
export interface FieldSql {
	readonly prepare?: SqlQuery;
	readonly outputs: readonly { readonly column: string; readonly value: SqlQuery }[];
	readonly error: (v: readonly SqlQuery[]) => SqlQuery;
	readonly change: (v: readonly SqlQuery[]) => SqlQuery;
}

/** File-level facts a normaliser may need. */
export interface NormaliseContext {
	/** Semicolon-separated files come from European Excel: `0,67` is a decimal comma. */
	readonly decimalComma: boolean;
	readonly yearMapping?: 'fall' | 'spring';
	/** `proportion` and `percent` fields: whether plain numbers are percentages (decided per column). */
	readonly percentScale: boolean;
	/** `unit_id` fields: the row's unit type text (`district` or `school`), which sets the ID's width. */
	readonly unitType?: SqlQuery;
}

/** The first computed value (most fields have one). */
export function first(v: readonly SqlQuery[]): SqlQuery {
	const value = v[0];
	if (!value) throw new Error('a field has at least one output');
	return value;
}

import type { SqlQuery } from '../../db/sql.ts';

/**
 * The SQL that reads one field from its trimmed, non-missing text `x` (NULL when missing): the
 * output values, the error code that rejects the row (NULL when fine or missing) and the name of
 * the change made (NULL when the text was already canonical), for the change log.
 */
export interface FieldSql {
	readonly outputs: readonly { readonly column: string; readonly value: SqlQuery }[];
	readonly error: SqlQuery;
	readonly change: SqlQuery;
}

/** File-level facts a normaliser may need. */
export interface NormaliseContext {
	/** Semicolon-separated files come from European Excel: `0,67` is a decimal comma. */
	readonly decimalComma: boolean;
	readonly yearMapping?: 'fall' | 'spring';
	/** `proportion` fields: whether plain numbers are percentages (decided per column). */
	readonly percentScale: boolean;
}

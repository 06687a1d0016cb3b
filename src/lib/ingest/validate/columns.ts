import { identifier, type SqlQuery } from '../../db/sql.ts';

/**
 * Column names of the checked table, per field `f`: `r_f` raw text, `t_f` trimmed, `x_f` the text
 * when not missing, `p_f` prepared, `m_f` missing reason, `e_f`
 * error code, `g_f` change made, and per output column `c`: `v_c` the value. Field names come
 * from the target specs, never from the user.
 */
export const col = {
	raw: (field: string): SqlQuery => identifier(`r_${field}`),
	trimmed: (field: string): SqlQuery => identifier(`t_${field}`),
	missing: (field: string): SqlQuery => identifier(`m_${field}`),
	text: (field: string): SqlQuery => identifier(`x_${field}`),
	prepared: (field: string): SqlQuery => identifier(`p_${field}`),
	error: (field: string): SqlQuery => identifier(`e_${field}`),
	change: (field: string): SqlQuery => identifier(`g_${field}`),
	value: (column: string): SqlQuery => identifier(`v_${column}`),
	warning: (code: string): SqlQuery => identifier(`w_${code}`)
};

/** The output columns a field fills (an interval fills two). */
export function outputColumns(field: { name: string; kind: string }): string[] {
	return field.kind === 'interval' ? [`${field.name}_lo`, `${field.name}_hi`] : [field.name];
}

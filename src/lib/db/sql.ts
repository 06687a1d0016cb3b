/** A value that may be bound to a `?` placeholder. */
export type SqlValue = string | number | boolean | null;

/** SQL text with `?` placeholders and the values bound to them, in order. */
export interface SqlQuery {
	readonly text: string;
	readonly params: readonly SqlValue[];
}

function isSqlQuery(value: unknown): value is SqlQuery {
	return typeof value === 'object' && value !== null && 'text' in value && 'params' in value;
}

/**
 * Tagged template that turns every interpolated value into a bound parameter; interpolated
 * `SqlQuery` fragments (from `sql`, `identifier` or `join`) are spliced in with their own
 * parameters. Values from users therefore never become SQL text.
 */
export function sql(strings: TemplateStringsArray, ...values: (SqlValue | SqlQuery)[]): SqlQuery {
	let text = strings[0] ?? '';
	const params: SqlValue[] = [];
	values.forEach((value, i) => {
		if (isSqlQuery(value)) {
			text += value.text;
			params.push(...value.params);
		} else {
			text += '?';
			params.push(value);
		}
		text += strings[i + 1] ?? '';
	});
	return { text, params };
}

/** A correctly quoted identifier (double quotes doubled), for column names mapped by users. */
export function identifier(name: string): SqlQuery {
	if (name.includes('\0')) throw new Error('invalid identifier: contains a NUL character');
	return { text: `"${name.replaceAll('"', '""')}"`, params: [] };
}

/** A string literal with single quotes doubled, for the few places DuckDB does not bind (file names). */
export function literal(value: string): SqlQuery {
	if (value.includes('\0')) throw new Error('invalid literal: contains a NUL character');
	return { text: `'${value.replaceAll("'", "''")}'`, params: [] };
}

/** Joins fragments with a separator, keeping their parameters in order. */
export function join(fragments: readonly SqlQuery[], separator: string): SqlQuery {
	return {
		text: fragments.map((f) => f.text).join(separator),
		params: fragments.flatMap((f) => f.params)
	};
}

/**
 * Values as a comma-separated list of bound parameters, for `x IN (…)` or `[…]`; `NULL` when
 * there are none (so `x IN (NULL)` matches nothing).
 */
export function valueList(values: readonly SqlValue[]): SqlQuery {
	if (values.length === 0) return raw('NULL');
	return join(
		values.map((v) => sql`${v}`),
		', '
	);
}

/** Text already known to be safe SQL (typed constants only, never user input). */
export function raw(text: string): SqlQuery {
	return { text, params: [] };
}

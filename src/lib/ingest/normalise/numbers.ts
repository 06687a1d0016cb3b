import { literal, raw, sql, type SqlQuery } from '../../db/sql.ts';
import type { FieldSql, NormaliseContext } from './field-sql.ts';

const PLAIN = '^[+-]?(\\d+\\.?\\d*|\\.\\d+)([eE][+-]?\\d+)?$';
const THOUSANDS = '^[+-]?\\d{1,3}(,\\d{3})+(\\.\\d+)?$';
const DOT_THOUSANDS = '^[+-]?[1-9]\\d{0,2}(\\.\\d{3})+(,\\d+)?$';
const COMMA_DECIMAL = '^[+-]?\\d+,\\d+$';

/**
 * Numeric text to a plain number string: `1,234.5` → `1234.5`; in semicolon files (European
 * Excel) `1.234,5` → `1234.5` and `0,67` → `0.67`. Returns the cleaned text (NULL when not a number) and the change.
 */
export function numberText(
	x: SqlQuery,
	context: NormaliseContext
): { text: SqlQuery; change: SqlQuery } {
	if (context.decimalComma) {
		const dotted = sql`regexp_matches(${x}, ${literal(DOT_THOUSANDS)})`;
		const comma = sql`regexp_matches(${x}, ${literal(COMMA_DECIMAL)})`;
		return {
			text: sql`CASE WHEN ${dotted} THEN replace(replace(${x}, '.', ''), ',', '.') WHEN ${comma} THEN replace(${x}, ',', '.') WHEN regexp_matches(${x}, ${literal(PLAIN)}) THEN ${x} END`,
			change: sql`CASE WHEN ${dotted} OR ${comma} THEN 'decimal_comma' END`
		};
	}
	const thousands = sql`regexp_matches(${x}, ${literal(THOUSANDS)})`;
	return {
		text: sql`CASE WHEN regexp_matches(${x}, ${literal(PLAIN)}) THEN ${x} WHEN ${thousands} THEN replace(${x}, ',', '') END`,
		change: sql`CASE WHEN ${thousands} THEN 'thousands_separator_removed' END`
	};
}

/** A DOUBLE (`number`) or a fixed-point DECIMAL; `nonNegative` rejects negative values. */
export function numberSql(
	x: SqlQuery,
	column: string,
	type: string,
	context: NormaliseContext,
	nonNegative: boolean
): FieldSql {
	const { text, change } = numberText(x, context);
	const value = sql`TRY_CAST(${text} AS ${raw(type)})`;
	const negative = nonNegative ? sql` WHEN ${value} < 0 THEN 'negative_count'` : sql``;
	return {
		outputs: [{ column, value }],
		error: sql`CASE WHEN ${x} IS NULL THEN NULL WHEN ${value} IS NULL THEN 'not_a_number'${negative} END`,
		change
	};
}

/** An INTEGER: `12`, `1,234`, `12.0`; counts (`count`) must not be negative. */
export function integerSql(
	x: SqlQuery,
	column: string,
	context: NormaliseContext,
	nonNegative: boolean
): FieldSql {
	const { text, change } = numberText(x, context);
	const whole = sql`regexp_matches(${text}, '^[+-]?\\d+(\\.0+)?$')`;
	const value = sql`CASE WHEN ${whole} THEN TRY_CAST(regexp_extract(${text}, '^[+-]?\\d+') AS INTEGER) END`;
	const negative = nonNegative ? sql` WHEN ${value} < 0 THEN 'negative_count'` : sql``;
	return {
		outputs: [{ column, value }],
		error: sql`CASE WHEN ${x} IS NULL THEN NULL WHEN ${value} IS NULL THEN 'not_an_integer'${negative} END`,
		change: sql`coalesce(${change}, CASE WHEN ${whole} AND contains(${text}, '.') THEN 'decimal_zero_removed' END)`
	};
}

/**
 * A proportion in [0, 1]. `67%` is always 0.67; a plain number is divided by 100 when the column's
 * scale is percent (decided per column before this runs, `percent-scale.ts`).
 */
export function proportionSql(x: SqlQuery, column: string, context: NormaliseContext): FieldSql {
	const marked = sql`ends_with(${x}, '%')`;
	const bare = sql`CASE WHEN ${marked} THEN rtrim(left(${x}, -1)) ELSE ${x} END`;
	const { text, change } = numberText(bare, context);
	const number = sql`TRY_CAST(${text} AS DOUBLE)`;
	const scaled = context.percentScale
		? sql`${number} / 100`
		: sql`CASE WHEN ${marked} THEN ${number} / 100 ELSE ${number} END`;
	return {
		outputs: [{ column, value: sql`CASE WHEN (${scaled}) BETWEEN 0 AND 1 THEN ${scaled} END` }],
		error: sql`CASE WHEN ${x} IS NULL THEN NULL WHEN ${number} IS NULL THEN 'not_a_number' WHEN NOT (${scaled}) BETWEEN 0 AND 1 THEN 'out_of_range' END`,
		change: sql`coalesce(CASE WHEN ${marked} THEN 'percent_sign_removed' END, ${context.percentScale ? sql`'percent_scaled'` : sql`NULL`}, ${change})`
	};
}

/**
 * A percentage stored on its 0–100 scale (e.g. LearnPlatform `pct_access`): `67%` and `67` are
 * 67; plain numbers are multiplied by 100 only when the column's scale was decided to be
 * proportions.
 */
export function percentSql(x: SqlQuery, column: string, context: NormaliseContext): FieldSql {
	const marked = sql`ends_with(${x}, '%')`;
	const bare = sql`CASE WHEN ${marked} THEN rtrim(left(${x}, -1)) ELSE ${x} END`;
	const { text, change } = numberText(bare, context);
	const number = sql`TRY_CAST(${text} AS DOUBLE)`;
	const scaled = context.percentScale
		? number
		: sql`CASE WHEN ${marked} THEN ${number} ELSE ${number} * 100 END`;
	return {
		outputs: [{ column, value: sql`CASE WHEN (${scaled}) BETWEEN 0 AND 100 THEN ${scaled} END` }],
		error: sql`CASE WHEN ${x} IS NULL THEN NULL WHEN ${number} IS NULL THEN 'not_a_number' WHEN NOT (${scaled}) BETWEEN 0 AND 100 THEN 'out_of_range' END`,
		change: sql`coalesce(CASE WHEN ${marked} THEN 'percent_sign_removed' END, ${context.percentScale ? sql`NULL` : sql`'proportion_to_percent'`}, ${change})`
	};
}

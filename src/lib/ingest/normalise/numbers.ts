import { literal, raw, sql, type SqlQuery } from '../../db/sql.ts';
import { first, type FieldSql, type NormaliseContext } from './field-sql.ts';

const PLAIN = '^[+-]?(\\d+\\.?\\d*|\\.\\d+)([eE][+-]?\\d+)?$';
const THOUSANDS = '^[+-]?\\d{1,3}(,\\d{3})+(\\.\\d+)?$';
const DOT_THOUSANDS = '^[+-]?[1-9]\\d{0,2}(\\.\\d{3})+(,\\d+)?$';
const COMMA_DECIMAL = '^[+-]?\\d+,\\d+$';

/**
 * Numeric text as a plain number string, or NULL when it is not a number: `1,234.5` → `1234.5`;
 * in semicolon files (European Excel) `1.234,5` → `1234.5` and `0,67` → `0.67`. Plain numbers
 * are checked by pattern first, because DuckDB's casts also accept `1_000` and `0x10`.
 */
export function numberText(x: SqlQuery, context: Pick<NormaliseContext, 'decimalComma'>): SqlQuery {
	if (context.decimalComma) {
		return sql`CASE WHEN regexp_matches(${x}, ${literal(COMMA_DECIMAL)}) THEN replace(${x}, ',', '.') WHEN regexp_matches(${x}, ${literal(DOT_THOUSANDS)}) THEN replace(replace(${x}, '.', ''), ',', '.') WHEN regexp_matches(${x}, ${literal(PLAIN)}) THEN ${x} END`;
	}
	return sql`CASE WHEN regexp_matches(${x}, ${literal(PLAIN)}) THEN ${x} WHEN regexp_matches(${x}, ${literal(THOUSANDS)}) THEN replace(${x}, ',', '') END`;
}

/** The change a number's text needed (separators), given the cleaned text's value. */
function separatorChange(x: SqlQuery, context: NormaliseContext): SqlQuery {
	return context.decimalComma
		? sql`CASE WHEN contains(${x}, ',') OR regexp_matches(${x}, '\\.\\d{3}(,|$)') THEN 'decimal_comma' END`
		: sql`CASE WHEN contains(${x}, ',') THEN 'thousands_separator_removed' END`;
}

/** The scale of a `DECIMAL(p,s)` type (digits kept after the point), or undefined for others. */
export function decimalScale(type: string): number | undefined {
	const match = /^DECIMAL\(\d+,\s*(\d+)\)$/.exec(type);
	return match ? Number(match[1]) : undefined;
}

/**
 * A DOUBLE (`number`) or a fixed-point DECIMAL; `nonNegative` rejects negative values. A DECIMAL
 * keeps `s` digits after the point: text with more is rounded to them, and the change is recorded
 * (`rounded_to_<s>_decimals`), so 29.996 minutes becoming 30.00 is never silent.
 */
export function numberSql(
	x: SqlQuery,
	column: string,
	type: string,
	context: NormaliseContext,
	nonNegative: boolean
): FieldSql {
	const text = numberText(x, context);
	const value = sql`TRY_CAST(${text} AS ${raw(type)})`;
	const scale = decimalScale(type);
	const rounded = (v: SqlQuery) =>
		scale === undefined
			? sql``
			: sql` WHEN TRY_CAST(${text} AS DOUBLE) <> ${v}::DOUBLE THEN ${literal(`rounded_to_${scale}_decimals`)}`;
	return {
		outputs: [{ column, value }],
		error: (v) =>
			sql`CASE WHEN ${x} IS NULL THEN NULL WHEN ${first(v)} IS NULL THEN 'not_a_number'${nonNegative ? sql` WHEN ${first(v)} < 0 THEN 'negative_count'` : sql``} END`,
		change: (v) =>
			sql`CASE WHEN ${first(v)} IS NULL THEN NULL${rounded(first(v))} ELSE ${separatorChange(x, context)} END`
	};
}

/** An INTEGER: `12`, `1,234`, `12.0`; counts (`count`) must not be negative. */
export function integerSql(
	x: SqlQuery,
	column: string,
	context: NormaliseContext,
	nonNegative: boolean
): FieldSql {
	const text = numberText(x, context);
	const value = sql`CASE WHEN regexp_matches(${x}, '^[+-]?\\d+$') THEN TRY_CAST(${x} AS INTEGER) ELSE TRY_CAST(regexp_extract(${text}, '^([+-]?\\d+)(\\.0*)?$', 1) AS INTEGER) END`;
	return {
		outputs: [{ column, value }],
		error: (v) =>
			sql`CASE WHEN ${x} IS NULL THEN NULL WHEN ${first(v)} IS NULL THEN 'not_an_integer'${nonNegative ? sql` WHEN ${first(v)} < 0 THEN 'negative_count'` : sql``} END`,
		change: (v) =>
			sql`CASE WHEN ${first(v)} IS NULL OR regexp_matches(${x}, '^[+-]?\\d+$') THEN NULL ELSE coalesce(${separatorChange(x, context)}, 'decimal_zero_removed') END`
	};
}

/** NCES urban-centric locale codes (domain-spec §1.4): 11–13 city, 21–23 suburb, 31–33 town, 41–43 rural. */
export const LOCALE_CODES = [11, 12, 13, 21, 22, 23, 31, 32, 33, 41, 42, 43] as const;

/** SQL list of the locale codes (constants, not user input). */
export const LOCALE_LIST = raw(LOCALE_CODES.join(', '));

/**
 * An NCES locale code: `21`, or CCD/ELSI's labelled form `21-Suburb: Large` (the leading code is
 * kept, recorded as `locale_label_removed`). Any other number is rejected (`not_a_locale`).
 */
export function localeSql(x: SqlQuery, column: string): FieldSql {
	const value = sql`TRY_CAST(regexp_extract(${x}, '^(\\d{2})(\\s*-\\s*\\D.*)?$', 1) AS INTEGER)`;
	return {
		outputs: [{ column, value: sql`CASE WHEN ${value} IN (${LOCALE_LIST}) THEN ${value} END` }],
		error: (v) => sql`CASE WHEN ${x} IS NOT NULL AND ${first(v)} IS NULL THEN 'not_a_locale' END`,
		change: (v) =>
			sql`CASE WHEN ${first(v)} IS NOT NULL AND ${x} <> ${first(v)}::VARCHAR THEN 'locale_label_removed' END`
	};
}

/** `67%` → 67 and a plain number as itself, as DOUBLE (computed once per row). */
function shareNumber(x: SqlQuery, context: NormaliseContext): SqlQuery {
	return sql`TRY_CAST(${numberText(sql`rtrim(CASE WHEN ends_with(${x}, '%') THEN left(${x}, -1) ELSE ${x} END)`, context)} AS DOUBLE)`;
}

/**
 * A share stored on a `scale` of 1 (proportion, `proportion` kind) or 100 (percent, `percent`
 * kind). `67%` is always 67 percent; plain numbers are percentages when the column's scale was
 * decided to be percent (`percent-scale.ts`), else proportions.
 */
export function shareSql(
	x: SqlQuery,
	p: SqlQuery,
	column: string,
	context: NormaliseContext,
	scale: 1 | 100
): FieldSql {
	const marked = sql`ends_with(${x}, '%')`;
	const plainFactor = context.percentScale ? scale / 100 : scale;
	const scaled = sql`CASE WHEN ${marked} THEN ${p} * ${literal(String(scale / 100))}::DOUBLE ELSE ${p} * ${literal(String(plainFactor))}::DOUBLE END`;
	const plainChange =
		scale === 1
			? context.percentScale
				? 'percent_scaled'
				: null
			: context.percentScale
				? null
				: 'proportion_to_percent';
	return {
		prepare: shareNumber(x, context),
		outputs: [
			{
				column,
				value: sql`CASE WHEN (${scaled}) BETWEEN 0 AND ${literal(String(scale))}::DOUBLE THEN ${scaled} END`
			}
		],
		error: (v) =>
			sql`CASE WHEN ${x} IS NULL OR ${first(v)} IS NOT NULL THEN NULL WHEN ${p} IS NULL THEN 'not_a_number' ELSE 'out_of_range' END`,
		change: (v) =>
			sql`CASE WHEN ${first(v)} IS NULL THEN NULL WHEN ${marked} THEN 'percent_sign_removed' ELSE ${plainChange === null ? separatorChange(x, context) : sql`${literal(plainChange)}`} END`
	};
}

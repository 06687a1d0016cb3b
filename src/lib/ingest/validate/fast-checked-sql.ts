import { identifier, join, literal, raw, sql, type SqlQuery } from '../../db/sql.ts';
import { missingReasonSql } from '../normalise/missing-codes.ts';
import { decimalScale, LOCALE_LIST } from '../normalise/numbers.ts';
import { stageColumn, stagedWithLines, type StagedFile } from '../stage/stage-chunks.ts';
import type { FieldKind } from '../targets/fields.ts';
import { checkedRowsSql, hasOuterBlank, type CheckOptions } from './checked-sql.ts';
import { col, outputColumns } from './columns.ts';
import type { FieldPlan, LoadPlan } from './plan.ts';
import { warningsSql } from './warnings-sql.ts';

/**
 * How the fast path reads one field's text `x`: its typed value, and `ok` over `x` and the value
 * `v`, true only when the text is already in the canonical form, so that the full normaliser
 * (`normalise/`) would give the same value, no change, no missing code and no error. Every
 * condition is a cheap cast round trip or a short pattern; `ok` is only asked of non-empty text.
 */
interface FastField {
	readonly value: SqlQuery;
	readonly ok: (v: SqlQuery) => SqlQuery;
	/** The change the full path records for every value (`school_year`), and the text it was. */
	readonly change?: { readonly rule: string; readonly before: (v: SqlQuery) => SqlQuery };
}

/** Digits with an optional decimal part: a subset of what `normalise/numbers.ts` reads as plain. */
const UNSIGNED = '\\d+\\.?\\d*|\\.\\d+';

const PADDED: Partial<Record<FieldKind, number>> = { leaid: 7, ncessch: 12, state_fips: 2 };

function fastField(
	kind: FieldKind,
	type: string,
	values: readonly string[],
	x: SqlQuery,
	options: CheckOptions
): FastField | undefined {
	const notMissing = sql`${missingReasonSql(x, kind)} IS NULL`;
	const text = sql`nullif(${x}, '')`;
	const width = PADDED[kind];
	if (width !== undefined)
		return {
			value: text,
			ok: () => sql`regexp_full_match(${x}, ${literal(`\\d{${width}}`)})`
		};
	switch (kind) {
		case 'text':
			return { value: text, ok: () => sql`NOT ${hasOuterBlank(x)} AND ${notMissing}` };
		case 'state_abbr':
			return { value: text, ok: () => sql`regexp_full_match(${x}, '[A-Z]{2}') AND ${notMissing}` };
		case 'enum':
			return {
				value: text,
				ok: () => sql`${x} IN (${join(values.map(literal), ', ')}) AND ${notMissing}`
			};
		case 'integer':
		case 'count':
			return {
				value: sql`TRY_CAST(${x} AS INTEGER)`,
				// -1, -2 and -3 are CCD's missing codes in integer columns; counts are never negative.
				ok: (v) =>
					sql`${v}::VARCHAR = ${x} AND ${kind === 'count' ? sql`${v} >= 0` : sql`NOT ${v} BETWEEN -3 AND -1`}`
			};
		case 'locale':
			return {
				value: sql`TRY_CAST(${x} AS INTEGER)`,
				ok: (v) => sql`${v}::VARCHAR = ${x} AND ${v} IN (${LOCALE_LIST})`
			};
		case 'decimal': {
			// No more digits after the point than the type keeps: others are rounded, a recorded change.
			const s = decimalScale(type) ?? 0;
			const kept = s > 0 ? `\\d+(\\.\\d{0,${s}})?|\\.\\d{1,${s}}` : '\\d+';
			return {
				value: sql`TRY_CAST(${x} AS ${raw(type)})`,
				ok: (v) =>
					sql`${v} >= 0 AND (${v}::VARCHAR = ${x} OR regexp_full_match(${x}, ${literal(kept)}))`
			};
		}
		case 'number':
			return {
				value: sql`TRY_CAST(${x} AS DOUBLE)`,
				ok: (v) => sql`${v} IS NOT NULL AND regexp_full_match(${x}, ${literal(UNSIGNED)})`
			};
		case 'yes_no_int':
			return {
				value: sql`CASE ${x} WHEN '1' THEN 1 WHEN '0' THEN 0 END`,
				ok: (v) => sql`${v} IS NOT NULL`
			};
		case 'yes_no_bool':
			return {
				value: sql`CASE ${x} WHEN 'true' THEN true WHEN 'false' THEN false END`,
				ok: (v) => sql`${v} IS NOT NULL`
			};
		case 'date':
			// Ten characters: DuckDB also reads (and writes back) `infinity`, which is not a date here.
			return {
				value: sql`TRY_CAST(${x} AS DATE)`,
				ok: (v) => sql`strlen(${x}) = 10 AND ${v}::VARCHAR = ${x}`
			};
		case 'school_year': {
			// Only bare years (`2024`), read with the file's year mapping (`dates.ts`).
			if (options.yearMapping === undefined) return undefined;
			const shift = options.yearMapping === 'spring' ? 1 : 0;
			return {
				value: sql`TRY_CAST(${x} AS INTEGER) - ${literal(String(shift))}::INTEGER`,
				ok: (v) =>
					sql`strlen(${x}) = 4 AND (${v} + ${literal(String(shift))}::INTEGER)::VARCHAR = ${x} AND ${v} BETWEEN 1900 AND 2100`,
				change: {
					rule: `bare_year_${options.yearMapping}`,
					before: (v) => sql`(${v} + ${literal(String(shift))}::INTEGER)::VARCHAR`
				}
			};
		}
		default:
			// unit_id, proportion, percent and interval always go through the full normaliser.
			return undefined;
	}
}

function fastFieldOf(plan: FieldPlan, options: CheckOptions): FastField | undefined {
	if (plan.source.kind !== 'column') return undefined;
	return fastField(
		plan.field.kind,
		plan.field.type,
		plan.field.values ?? [],
		col.text(plan.field.name),
		options
	);
}

/**
 * Whether a load can take the fast path: every field is read from a column of a kind the fast
 * path knows, or absent; no user missing codes and no decimal comma (the fast checks assume the
 * built-in codes and plain numbers).
 */
export function fastPathApplies(plan: LoadPlan, options: CheckOptions): boolean {
	return (
		Object.keys(options.missingCodes).length === 0 &&
		!options.decimalComma &&
		options.percentFields.size === 0 &&
		plan.fields.every((p) => p.source.kind === 'absent' || fastFieldOf(p, options) !== undefined)
	);
}

/** The fast path's tables: `fast` (narrow, every row) and `doubts` (full checks, some rows). */
export interface FastTables {
	readonly fast: SqlQuery;
	readonly doubts: SqlQuery;
}

function readFields(plan: LoadPlan, options: CheckOptions) {
	return plan.fields.flatMap((p) => {
		const fast = fastFieldOf(p, options);
		return fast ? [{ p, fast, f: p.field.name }] : [];
	});
}

/**
 * `CREATE TABLE <fast> AS` every staged row's record number, line, typed values and warning
 * flags (`warningsSql`, as the full path computes them), and `doubt`: the row holds text that
 * is not canonical (a missing code, blanks to trim, a value to convert, an error), so its values
 * here are not to be trusted and the full path checks it again (`doubtsTableSql`). Narrow on
 * purpose: materialising columns is most of the cost in DuckDB-WASM; `checkedViewSql` adds the
 * rest, which for canonical text are constants or follow from the value.
 */
export function fastTableSql(
	t: FastTables,
	staged: StagedFile,
	plan: LoadPlan,
	options: CheckOptions
): SqlQuery {
	const read = readFields(plan, options);
	const text = read.map(
		({ p, f }) => sql`${identifier(stageColumn(indexOf(p)))} AS ${col.text(f)}`
	);
	const values = read.map(
		({ p, fast, f }) => sql`(${fast.value})::${raw(p.field.type)} AS ${col.value(f)}`
	);
	const doubts = read.map(({ p, fast, f }) => {
		const x = col.text(f);
		const empty = sql`(${x} IS NULL OR ${x} = '')`;
		const ok = sql`coalesce(${fast.ok(col.value(f))}, false)`;
		return p.field.required ? sql`(${empty} OR NOT ${ok})` : sql`(NOT ${empty} AND NOT ${ok})`;
	});
	const warnings = warningsSql(plan).map(
		(w) => sql`coalesce(${w.sql}, false) AS ${col.warning(w.key)}`
	);
	const doubt = doubts.length === 0 ? sql`false` : join(doubts, ' OR ');
	const kept = [...read.map(({ f }) => col.value(f)), ...warnings];
	return sql`CREATE TABLE ${t.fast} AS SELECT rec, line, ${join(kept, ', ')}, coalesce(${doubt}, true) AS doubt FROM (SELECT *, ${join(values, ', ')} FROM (SELECT rec, line, ${join(text, ', ')} FROM ${stagedWithLines(staged)}))`;
}

/** `CREATE TABLE <doubts> AS` the full path's checked rows for the rows in doubt. */
export function doubtsTableSql(
	t: FastTables,
	staged: StagedFile,
	plan: LoadPlan,
	options: CheckOptions
): SqlQuery {
	const doubted = sql`rec IN (SELECT rec FROM ${t.fast} WHERE doubt)`;
	return sql`CREATE TABLE ${t.doubts} AS ${checkedRowsSql(staged, plan, options, doubted)}`;
}

/**
 * `CREATE VIEW <name> AS` the checked rows with the full path's columns (`checkedTableSql`): the
 * rows not in doubt from `fast`, where the missing reason is `missing` exactly when the value is
 * NULL (canonical text is empty or a value), there is no error, and the only change is the one
 * made to every value (its "before" follows from the value); raw text is NULL elsewhere, which only
 * the change and rejection lists read, and such rows appear in neither. Then, when `withDoubts`,
 * the rows in doubt as the full path checked them.
 */
export function checkedViewSql(
	name: SqlQuery,
	t: FastTables,
	plan: LoadPlan,
	options: CheckOptions,
	withDoubts: boolean
): SqlQuery {
	const columns = plan.fields.flatMap((p) =>
		p.source.kind === 'absent'
			? outputColumns(p.field).map((c) => sql`NULL::${raw(p.field.type)} AS ${col.value(c)}`)
			: []
	);
	for (const { fast, f } of readFields(plan, options)) {
		const v = col.value(f);
		const change = fast.change;
		columns.push(
			sql`${change ? change.before(v) : sql`NULL::VARCHAR`} AS ${col.raw(f)}`,
			sql`CASE WHEN ${v} IS NULL THEN 'missing' END AS ${col.missing(f)}`,
			v,
			sql`NULL::VARCHAR AS ${col.error(f)}`,
			sql`${change ? sql`CASE WHEN ${v} IS NOT NULL THEN ${literal(change.rule)} END` : sql`NULL::VARCHAR`} AS ${col.change(f)}`
		);
	}
	const warnings = warningsSql(plan).map((w) => col.warning(w.key));
	const fastRows = sql`SELECT rec, line, ${join([...columns, ...warnings], ', ')}, false AS has_error FROM ${t.fast} WHERE NOT doubt`;
	return withDoubts
		? sql`CREATE VIEW ${name} AS ${fastRows} UNION ALL BY NAME SELECT * FROM ${t.doubts}`
		: sql`CREATE VIEW ${name} AS ${fastRows}`;
}

function indexOf(plan: FieldPlan): number {
	if (plan.source.kind !== 'column') throw new Error('the fast path reads columns only');
	return plan.source.index;
}

import { identifier, join, literal, raw, sql, type SqlQuery } from '../../db/sql.ts';
import type { MissingReason } from '../mapping/mapping.ts';
import { fieldSql } from '../normalise/by-kind.ts';
import { schoolYearValueSql } from '../normalise/dates.ts';
import type { FieldSql } from '../normalise/field-sql.ts';
import { stateLookupSql } from '../normalise/ids.ts';
import { missingReasonSql } from '../normalise/missing-codes.ts';
import { stageColumn, stagedWithLines, type StagedFile } from '../stage/stage-chunks.ts';
import { col, outputColumns } from './columns.ts';
import type { FieldPlan, LoadPlan } from './plan.ts';
import { warningsSql } from './warnings-sql.ts';

export interface CheckOptions {
	readonly missingCodes: Readonly<Record<string, MissingReason>>;
	readonly decimalComma: boolean;
	readonly yearMapping?: 'fall' | 'spring';
	readonly saipeLag: number;
	/** Proportion and percent fields whose plain numbers are percentages. */
	readonly percentFields: ReadonlySet<string>;
}

/** Blanks trimmed from every value: space, tab, line breaks and the no-break space Excel writes. */
const BLANKS = literal(' \t\n\r\u00a0');

/**
 * Whether text starts or ends with a blank; only then is it trimmed (the general
 * `trim(x, chars)` is several times slower in DuckDB, and most values need no trimming).
 */
export function hasOuterBlank(x: SqlQuery): SqlQuery {
	return sql`(ascii(${x}) IN (32, 9, 10, 13, 160) OR ascii(right(${x}, 1)) IN (32, 9, 10, 13, 160))`;
}

function trimSql(x: SqlQuery): SqlQuery {
	return sql`CASE WHEN ${hasOuterBlank(x)} THEN trim(${x}, ${BLANKS}) ELSE ${x} END`;
}

/** Fields whose text is read (from a column or a constant): they have `r_`, `m_`, `e_`, `g_`. */
export const reads = (p: FieldPlan) => p.source.kind === 'column' || p.source.kind === 'constant';

/** Fields that can reject a row or record a change: read or derived (`e_`, `g_`). */
export const checks = (p: FieldPlan) => reads(p) || p.source.kind === 'derived';

/** `SELECT *, <columns> FROM (<inner>)`: one layer of computed columns. */
function layer(inner: SqlQuery, columns: readonly SqlQuery[]): SqlQuery {
	return columns.length === 0 ? inner : sql`SELECT *, ${join(columns, ', ')} FROM (${inner})`;
}

/**
 * The raw, trimmed and missing-checked text of every field read from the file (`x_f` is the text
 * when not missing): the first layers of the checked table, also used alone to decide scales.
 * `where` (over `rec`) limits the rows, so the layers above run for those rows only.
 */
export function textLayersSql(
	staged: StagedFile,
	plan: LoadPlan,
	options: CheckOptions,
	where?: SqlQuery
): SqlQuery {
	const read = plan.fields.filter(reads);
	const rawColumns = read.map((p) => sql`${rawText(p)} AS ${col.raw(p.field.name)}`);
	const filter = where ? sql` WHERE ${where}` : sql``;
	const base = sql`SELECT rec, line, ${join(rawColumns, ', ')} FROM ${stagedWithLines(staged)}${filter}`;
	const trimmed = layer(
		base,
		read.map((p) => sql`${trimSql(col.raw(p.field.name))} AS ${col.trimmed(p.field.name)}`)
	);
	const missing = layer(
		trimmed,
		read.map(
			(p) =>
				sql`${missingReasonSql(col.trimmed(p.field.name), p.field.kind, options.missingCodes)} AS ${col.missing(p.field.name)}`
		)
	);
	return layer(
		missing,
		read.map(
			(p) =>
				sql`CASE WHEN ${col.missing(p.field.name)} IS NULL THEN ${col.trimmed(p.field.name)} END AS ${col.text(p.field.name)}`
		)
	);
}

function rawText(plan: FieldPlan): SqlQuery {
	if (plan.source.kind === 'column') return identifier(stageColumn(plan.source.index));
	return sql`${plan.source.kind === 'constant' ? plan.source.value : null}::VARCHAR`;
}

/**
 * `CREATE TABLE <name> AS` the checked rows: per field its raw text, missing reason, typed values,
 * error code and change; derived fields; `required_missing` errors; warning flags; `has_error`.
 */
export function checkedTableSql(
	name: SqlQuery,
	staged: StagedFile,
	plan: LoadPlan,
	options: CheckOptions
): SqlQuery {
	return sql`CREATE TABLE ${name} AS ${checkedRowsSql(staged, plan, options)}`;
}

/**
 * The checked rows (all, or those `where` selects) as a query: layered so each costly expression
 * runs once per row: prepare → values → errors and changes.
 */
export function checkedRowsSql(
	staged: StagedFile,
	plan: LoadPlan,
	options: CheckOptions,
	where?: SqlQuery
): SqlQuery {
	const normalisers = new Map<string, FieldSql>();
	for (const p of plan.fields.filter(reads)) {
		const context = {
			decimalComma: options.decimalComma,
			yearMapping: options.yearMapping,
			percentScale: options.percentFields.has(p.field.name),
			unitType: plan.fields.some((u) => u.field.name === 'unit_type' && reads(u))
				? col.text('unit_type')
				: undefined
		};
		normalisers.set(
			p.field.name,
			fieldSql(p.field, col.text(p.field.name), col.prepared(p.field.name), context)
		);
	}
	const text = textLayersSql(staged, plan, options, where);
	const prepared = layer(
		text,
		[...normalisers].flatMap(([f, n]) =>
			n.prepare ? [sql`${n.prepare} AS ${col.prepared(f)}`] : []
		)
	);
	const typed = layer(
		prepared,
		plan.fields.flatMap((p) => valueColumns(p, normalisers.get(p.field.name)))
	);
	const checked = layer(
		typed,
		[...normalisers].flatMap(([f, n]) => {
			const v = n.outputs.map((o) => col.value(o.column));
			return [sql`(${n.error(v)}) AS ${col.error(f)}`, sql`(${n.change(v)}) AS ${col.change(f)}`];
		})
	);
	const finals = plan.fields.flatMap((p) => finalColumns(p, plan, options));
	const warnings = warningsSql(plan).map(
		(w) => sql`coalesce(${w.sql}, false) AS ${col.warning(w.key)}`
	);
	const last = sql`SELECT rec, line, ${join([...finals, ...warnings], ', ')} FROM (${checked})`;
	const errors = plan.fields.filter(checks).map((p) => sql`${col.error(p.field.name)} IS NOT NULL`);
	return sql`SELECT *, (${join(errors, ' OR ')}) AS has_error FROM (${last})`;
}

function valueColumns(plan: FieldPlan, normaliser: FieldSql | undefined): SqlQuery[] {
	if (!normaliser)
		return outputColumns(plan.field).map(
			(c) => sql`NULL::${raw(plan.field.type)} AS ${col.value(c)}`
		);
	return normaliser.outputs.map(
		(o) => sql`(${o.value})::${raw(plan.field.type)} AS ${col.value(o.column)}`
	);
}

function finalColumns(plan: FieldPlan, load: LoadPlan, options: CheckOptions): SqlQuery[] {
	const f = plan.field.name;
	const [first, ...rest] = outputColumns(plan.field);
	if (plan.source.kind === 'absent') return outputColumns(plan.field).map((c) => col.value(c));
	if (plan.source.kind === 'derived') {
		const value = sql`(${derivedSql(plan, load, options)})::${raw(plan.field.type)}`;
		const error = plan.field.required
			? sql`CASE WHEN ${value} IS NULL THEN 'required_missing' END`
			: sql`NULL::VARCHAR`;
		return [
			sql`${value} AS ${col.value(first!)}`,
			sql`${error} AS ${col.error(f)}`,
			sql`CASE WHEN ${value} IS NOT NULL THEN ${literal(plan.source.rule)} END AS ${col.change(f)}`
		];
	}
	const error = plan.field.required
		? sql`coalesce(${col.error(f)}, CASE WHEN ${col.value(first!)} IS NULL THEN 'required_missing' END)`
		: col.error(f);
	return [
		col.raw(f),
		col.missing(f),
		col.value(first!),
		...rest.map((c) => col.value(c)),
		sql`${error} AS ${col.error(f)}`,
		col.change(f)
	];
}

/** The value of a derived field from the values it is derived from (chains resolved). */
function derivedSql(plan: FieldPlan, load: LoadPlan, options: CheckOptions): SqlQuery {
	if (plan.source.kind !== 'derived') return col.value(plan.field.name);
	const fromName = plan.source.from;
	const fromPlan = load.fields.find((p) => p.field.name === fromName);
	const from = fromPlan ? derivedSql(fromPlan, load, options) : col.value(fromName);
	switch (plan.source.rule) {
		case 'state_fips_from_leaid':
			return sql`left(${from}, 2)`;
		case 'leaid_from_ncessch':
			return sql`left(${from}, 7)`;
		case 'state_abbr_from_state_fips':
			return stateLookupSql(from, 'fips', 'abbr');
		case 'census_region_from_state_fips':
			return stateLookupSql(from, 'fips', 'region');
		case 'school_year_from_saipe_year':
			return sql`${from} + ${literal(String(options.saipeLag))}::INTEGER`;
		case 'school_year_from_survey_wave':
			return schoolYearValueSql(from);
	}
}

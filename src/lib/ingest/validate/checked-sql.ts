import { identifier, join, literal, raw, sql, type SqlQuery } from '../../db/sql.ts';
import type { MissingReason } from '../mapping/mapping.ts';
import { fieldSql } from '../normalise/by-kind.ts';
import { schoolYearSql } from '../normalise/dates.ts';
import type { NormaliseContext } from '../normalise/field-sql.ts';
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
	/** Proportion fields whose plain numbers are percentages. */
	readonly percentFields: ReadonlySet<string>;
}

const WS = "' ' || chr(9) || chr(10) || chr(13) || chr(160)";

/**
 * The trimmed text and missing reason of every field (`x_f` is the text when not missing): the
 * first layers of the checked table, also used alone to decide percentage scales.
 */
export function textLayersSql(staged: StagedFile, plan: LoadPlan, options: CheckOptions): SqlQuery {
	const rawColumns = plan.fields.map((p) => sql`${rawText(p)} AS ${col.raw(p.field.name)}`);
	const trimmed = plan.fields.map(
		(p) => sql`trim(${col.raw(p.field.name)}, ${raw(WS)}) AS ${col.trimmed(p.field.name)}`
	);
	const missing = plan.fields.map((p) => {
		const reads = p.source.kind === 'column' || p.source.kind === 'constant';
		return sql`${reads ? missingReasonSql(col.trimmed(p.field.name), p.field.kind, options.missingCodes) : sql`NULL::VARCHAR`} AS ${col.missing(p.field.name)}`;
	});
	const texts = plan.fields.map(
		(p) =>
			sql`CASE WHEN ${col.missing(p.field.name)} IS NULL THEN ${col.trimmed(p.field.name)} END AS ${col.text(p.field.name)}`
	);
	return sql`SELECT *, ${join(texts, ', ')} FROM (SELECT *, ${join(missing, ', ')} FROM (SELECT *, ${join(trimmed, ', ')} FROM (SELECT rec, line, ${join(rawColumns, ', ')} FROM ${stagedWithLines(staged)})))`;
}

function rawText(plan: FieldPlan): SqlQuery {
	if (plan.source.kind === 'column') return identifier(stageColumn(plan.source.index));
	if (plan.source.kind === 'constant') return sql`${plan.source.value}::VARCHAR`;
	return sql`NULL::VARCHAR`;
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
	const typed = plan.fields.flatMap((p) => typedColumns(p, options));
	const layerD = sql`SELECT rec, line, ${join(typed, ', ')} FROM (${textLayersSql(staged, plan, options)})`;
	const finals = plan.fields.flatMap((p) => finalColumns(p, plan, options));
	const errors = plan.fields.map((p) => sql`${col.error(p.field.name)} IS NOT NULL`);
	const warnings = warningsSql(plan);
	const warningColumns = warnings.map(
		(w) => sql`coalesce(${w.sql}, false) AS ${col.warning(w.code)}`
	);
	const layerE = sql`SELECT rec, line, ${join([...finals, ...warningColumns], ', ')} FROM (${layerD})`;
	return sql`CREATE TABLE ${name} AS SELECT *, (${join(errors, ' OR ')}) AS has_error FROM (${layerE}) ORDER BY rec`;
}

function typedColumns(plan: FieldPlan, options: CheckOptions): SqlQuery[] {
	const f = plan.field.name;
	const keep = [sql`${col.raw(f)}`, sql`${col.missing(f)}`];
	const x = col.text(f);
	if (plan.source.kind === 'absent' || plan.source.kind === 'derived') {
		const nulls = outputColumns(plan.field).map(
			(c) => sql`NULL::${raw(plan.field.type)} AS ${col.value(c)}`
		);
		return [
			...keep,
			...nulls,
			sql`NULL::VARCHAR AS ${col.error(f)}`,
			sql`NULL::VARCHAR AS ${col.change(f)}`
		];
	}
	const context: NormaliseContext = {
		decimalComma: options.decimalComma,
		yearMapping: options.yearMapping,
		percentScale: options.percentFields.has(f)
	};
	const normalised = fieldSql(plan.field, x, context);
	const outputs = normalised.outputs.map(
		(o) => sql`(${o.value})::${raw(plan.field.type)} AS ${col.value(o.column)}`
	);
	return [
		...keep,
		...outputs,
		sql`(${normalised.error}) AS ${col.error(f)}`,
		sql`(${normalised.change}) AS ${col.change(f)}`
	];
}

function finalColumns(plan: FieldPlan, load: LoadPlan, options: CheckOptions): SqlQuery[] {
	const f = plan.field.name;
	const [first, ...rest] = outputColumns(plan.field);
	const value =
		plan.source.kind === 'derived'
			? sql`(${derivedSql(plan, load, options)})::${raw(plan.field.type)}`
			: col.value(first!);
	const required = plan.field.required
		? sql`coalesce(${col.error(f)}, CASE WHEN ${value} IS NULL THEN 'required_missing' END)`
		: col.error(f);
	const change =
		plan.source.kind === 'derived'
			? sql`CASE WHEN ${value} IS NOT NULL THEN ${literal(plan.source.rule)} END`
			: col.change(f);
	return [
		col.raw(f),
		col.missing(f),
		sql`${value} AS ${col.value(first!)}`,
		...rest.map((c) => col.value(c)),
		sql`${required} AS ${col.error(f)}`,
		sql`${change} AS ${col.change(f)}`
	];
}

/** The value of a derived field from the values it is derived from (chains resolved). */
function derivedSql(plan: FieldPlan, load: LoadPlan, options: CheckOptions): SqlQuery {
	if (plan.source.kind !== 'derived') return col.value(plan.field.name);
	const fromPlan = load.fields.find((p) => p.field.name === (plan.source as { from: string }).from);
	const from = fromPlan ? derivedSql(fromPlan, load, options) : col.value(plan.source.from);
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
			return schoolYearSql(from, plan.field.name, { decimalComma: false, percentScale: false })
				.outputs[0]!.value;
	}
}

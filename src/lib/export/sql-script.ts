import { identifier, join, literal, raw, sql, type SqlQuery, type SqlValue } from '../db/sql.ts';
import type { GroupBy as SurveyGroupBy, Weighting } from '../metrics/survey/analysis-rows.ts';
import { surveyRateQuery } from '../metrics/survey/rate-query.ts';
import { SURVEY_METRICS } from '../report/survey-figures.ts';
import { formatDosageRule, type DosageRule } from '../dosage/rule.ts';
import { usageFunnelAggregatesSql } from '../metrics/usage/usage-funnel-aggregates.ts';
import type { PovertySchemeId } from '../poverty/schemes.ts';
import { createTableSql, insertCanonicalCsvSql } from '../schema/ddl.ts';
import { DISTRICTS, SURVEY_RESPONSES, USAGE_AGGREGATE, type TableSpec } from '../schema/tables.ts';
import { funnelStatsSql, type ViewSlice } from '../view/funnel-stats-sql.ts';
import { groupSpecs } from '../view/groups.ts';
import { NO_POVERTY } from '../view/view-units.ts';
import {
	createViewCellsSql,
	createViewDistrictsSql,
	createViewUnitsSql,
	insertPooledCellsSql
} from '../view/view-units-sql.ts';
import { APP_VERSION } from '../version.ts';
import { USAGE_UNITS } from './usage-units.ts';

/** The canonical tables a reproduction reads: district and school level only, never students. */
export const REPRODUCE_TABLES: readonly TableSpec[] = [
	DISTRICTS,
	SURVEY_RESPONSES,
	USAGE_AGGREGATE
];

function valueLiteral(value: SqlValue): string {
	if (value === null) return 'NULL';
	if (typeof value === 'boolean') return value ? 'TRUE' : 'FALSE';
	if (typeof value === 'number') {
		if (!Number.isFinite(value)) throw new Error(`cannot write ${value} as a SQL literal`);
		return String(value);
	}
	return literal(value).text;
}

/**
 * A query as standalone SQL text: each `?` placeholder outside string literals, quoted
 * identifiers and comments replaced by its bound value as a literal (strings quoted with `'`
 * doubled, so a value cannot end its literal).
 */
export function inlineParams(query: SqlQuery): string {
	let out = '';
	let next = 0;
	let i = 0;
	const { text, params } = query;
	while (i < text.length) {
		const c = text[i]!;
		if (c === "'" || c === '"') {
			const end = text.indexOf(c, i + 1);
			let close = end;
			while (close !== -1 && text[close + 1] === c) close = text.indexOf(c, close + 2);
			const stop = close === -1 ? text.length : close + 1;
			out += text.slice(i, stop);
			i = stop;
		} else if (c === '-' && text[i + 1] === '-') {
			const end = text.indexOf('\n', i);
			const stop = end === -1 ? text.length : end;
			out += text.slice(i, stop);
			i = stop;
		} else if (c === '?') {
			if (next >= params.length) throw new Error('more placeholders than parameters');
			out += valueLiteral(params[next++]!);
			i++;
		} else {
			out += c;
			i++;
		}
	}
	if (next !== params.length) throw new Error('more parameters than placeholders');
	return out;
}

/** One survey analysis a script rebuilds (the training outcome, as `trainingByPoverty`). */
export interface SurveySpec {
	readonly surveyId: string;
	readonly wave: string;
	readonly weighting: Weighting;
	readonly scheme: PovertySchemeId;
	readonly groupBy: SurveyGroupBy;
}

/**
 * The dashboard's usage tables a script rebuilds: a school year's funnel units of the selected
 * products, their cells per district and (when `pooled`) every product pooled, as product
 * `all-products`.
 */
export interface UsageTables {
	readonly schoolYear: number;
	readonly products: readonly string[];
	readonly pooled: boolean;
	/**
	 * Products whose units the app evaluated from student-week logs, each with its dosage rule
	 * (null for none) and window: the script reads them from `usage_units.csv`.
	 */
	readonly fromLogs: readonly LogUnits[];
}

/** What a reproduction script rebuilds: survey analyses and a usage year with its products. */
export interface ReproduceSpec {
	readonly surveys: readonly SurveySpec[];
	readonly usage:
		| (UsageTables & {
				/** The grouping and district filters (usage figures are cut by them, surveys are not). */
				readonly view: ViewSlice;
		  })
		| null;
}

/** A product whose funnel units were derived from student-week logs. */
export interface LogUnits {
	readonly product: string;
	readonly rule: DosageRule | null;
	readonly window: { readonly start: string; readonly end: string };
}

/** The canonical tables a script loads: `usage_units` too when units come from logs. */
export function reproduceTables(fromLogs: readonly LogUnits[]): readonly TableSpec[] {
	return fromLogs.length ? [...REPRODUCE_TABLES, USAGE_UNITS] : REPRODUCE_TABLES;
}

/** Header lines naming the products read from `usage_units.csv`, their rules and windows. */
function logUnitsNote(fromLogs: readonly LogUnits[]): string[] {
	if (!fromLogs.length) return [];
	return [
		'-- usage_units.csv holds the funnel counts per school that the app evaluated from the',
		'-- student-week logs (never included), for these products, rules and analysis windows:',
		...fromLogs.map(
			(l) =>
				`--   ${JSON.stringify(l.product)}: ${l.rule ? formatDosageRule(l.rule) : 'no rule'} (${l.window.start} to ${l.window.end})`
		)
	];
}

/** A group's count: NULL when any included unit's count is unknown (`funnelRowFromStats`). */
export const countOrNull = (field: string) =>
	`CASE WHEN sum(${field}__nulls) > 0 THEN NULL ELSE sum(${field}) END`;

/** A rate: NULL when either part is unknown or the denominator is not positive. */
export const ratio = (num: string, den: string) =>
	`CASE WHEN ${den} > 0 THEN ${num}::DOUBLE / ${den} END`;

/** The usage rates the export publishes, as numerator and denominator of the group sums. */
export const USAGE_RATES: readonly [string, string, string][] = [
	['access_rate', 'licensed', 'enrolled'],
	['activation_rate', 'activated', 'licensed'],
	['regular_rate', 'regular', 'licensed'],
	['dosage_rate_access', 'dosage_met', 'licensed - not_evaluable']
];

/** The view export also publishes each group's not-evaluable share (`usageViewFigures`). */
const VIEW_RATES: readonly [string, string, string][] = [
	...USAGE_RATES,
	['not_evaluable_share', 'not_evaluable', 'licensed']
];

/**
 * The dashboard's usage tables as statements, parameters inlined: districts with their
 * attributes and national poverty levels, funnel units from the supplied aggregates (and
 * `usage_units` for products evaluated from logs), statistics per district and product, and the
 * pooled cells.
 */
export function usageTablesSql(usage: UsageTables): string[] {
	const { schoolYear, products, pooled, fromLogs } = usage;
	const logged = new Set(fromLogs.map((l) => l.product));
	const scope = {
		schoolYear,
		windowStart: `${schoolYear}-07-01`,
		windowEnd: `${schoolYear + 1}-06-30`,
		rules: new Map(products.filter((p) => !logged.has(p)).map((p) => [p, null]))
	};
	const units = [usageFunnelAggregatesSql({ scope, poverty: NO_POVERTY })];
	if (logged.size) units.push(sql`SELECT * FROM ${identifier(USAGE_UNITS.name)}`);
	return [
		createViewDistrictsSql(schoolYear),
		createViewUnitsSql(units),
		createViewCellsSql(products),
		...(pooled ? [insertPooledCellsSql(products)] : [])
	].map(inlineParams);
}

/**
 * The dashboard's usage figures from its usage tables: `funnelStatsSql` with the view's grouping
 * and district filters inlined, groups summed as `groupedFunnel` sums them (kept districts; a
 * group outside the grouping's levels is `unknown`; `all` is every kept district).
 */
function usageFiguresSql(usage: NonNullable<ReproduceSpec['usage']>): string {
	const { schoolYear, products, pooled, view } = usage;
	const keys = join(
		groupSpecs(view.groupBy, view).map((g) => sql`${g.group}`),
		', '
	);
	const counts = ['enrolled', 'licensed', 'activated', 'regular', 'dosage_met', 'not_evaluable'];
	const figures = sql`WITH stats AS (${funnelStatsSql(view, products, pooled)}),
kept AS (
	SELECT *, CASE WHEN grp IN (${keys}) THEN grp ELSE 'unknown' END AS g FROM stats WHERE kept
),
sums AS (
	SELECT product_id, coalesce(g, 'all') AS "group",
		${raw(counts.map((c) => `${countOrNull(`${c}_n`)} AS ${c}`).join(', '))}
	FROM kept GROUP BY GROUPING SETS ((product_id, g), (product_id))
)
${join(
	VIEW_RATES.map(
		([metric, num, den]) =>
			sql`SELECT 'usage' AS dataset, ${metric} AS metric, ${String(schoolYear)} AS period, product_id, "group", ${raw(ratio(num, `(${den})`))} AS estimate, (${raw(den)})::DOUBLE AS n FROM sums`
	),
	'\nUNION ALL\n'
)}`;
	return inlineParams(figures);
}

/** Every registered survey metric of the wave (the exported rows are some of them). */
function surveyQuery(survey: SurveySpec): string {
	const metrics = SURVEY_METRICS.map(({ id, outcome, weighting }) => {
		const rates = surveyRateQuery({ ...survey, outcome, weighting });
		return sql`SELECT ${survey.surveyId} AS dataset, ${id} AS metric, ${survey.wave} AS period, '' AS product_id, "group", estimate, n_unweighted AS n FROM (${rates})`;
	});
	return inlineParams(join(metrics, '\nUNION ALL\n'));
}

/**
 * A standalone script: the header (with the products read from `usage_units.csv`), the canonical
 * tables loaded with the app's own DDL, the dashboard's usage tables when `usage` is given, then
 * `select`.
 */
export function standaloneScript(
	header: readonly string[],
	usage: UsageTables | null,
	select: string
): string {
	const fromLogs = usage?.fromLogs ?? [];
	const load = reproduceTables(fromLogs).flatMap((table) => [
		createTableSql(table).text,
		insertCanonicalCsvSql(table, `${table.name}.csv`).text
	]);
	const build = usage ? usageTablesSql(usage) : [];
	const text = [...header, ...logUnitsNote(fromLogs)].join('\n');
	return `${text}\n\n${[...load, ...build, select].join(';\n\n')};\n`;
}

/**
 * "Copy as SQL": a standalone DuckDB script that loads the bundle's canonical CSVs (district and
 * school level) with the app's own DDL and rebuilds every exported point estimate and its
 * sample size (n) with the app's own metric SQL (the dashboard's usage pipeline with the view's
 * grouping, district filters and products), parameters inlined. Run it in the folder of the
 * CSVs (`duckdb < reproduce.sql`). Intervals, disclosure control and bootstrap are computed by
 * the app's code, not here; the bundle's datapackage.json documents them.
 */
export function reproduceScript(spec: ReproduceSpec): string {
	const figures = [
		...spec.surveys.map(surveyQuery),
		...(spec.usage ? [usageFiguresSql(spec.usage)] : [])
	];
	const header = [
		`-- Adoption Gap ${APP_VERSION}: rebuilds the exported point estimates and sample sizes (n)`,
		"-- from the canonical CSVs beside this script (district and school level); the view's",
		'-- grouping and district filters are written into the usage query (never cutting the survey).',
		'-- Run in that folder: duckdb < reproduce.sql. Intervals and disclosure control are the',
		"-- app's (see datapackage.json); survey n is unweighted respondents, usage n the rate's",
		'-- denominator in students.'
	];
	const select = figures.length
		? `SELECT * FROM (\n${figures.map((f) => `SELECT * FROM (${f})`).join('\nUNION ALL\n')}\n) ORDER BY ALL`
		: "SELECT 'no figures' AS note";
	return standaloneScript(header, spec.usage, select);
}

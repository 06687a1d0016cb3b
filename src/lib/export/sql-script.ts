import type { Database } from '../db/database.ts';
import { identifier, join, literal, raw, sql, type SqlQuery, type SqlValue } from '../db/sql.ts';
import type { Weighting } from '../metrics/survey/analysis-rows.ts';
import { surveyRateQuery } from '../metrics/survey/rate-query.ts';
import { districtPovertyInput } from '../metrics/usage/poverty-input.ts';
import { usageFunnelAggregatesSql } from '../metrics/usage/usage-funnel-aggregates.ts';
import type { PovertySchemeId } from '../poverty/schemes.ts';
import { createTableSql, insertCanonicalCsvSql } from '../schema/ddl.ts';
import { TABLES, type TableName } from '../schema/tables.ts';
import { POOLED } from '../view/view-tables.ts';
import { APP_VERSION } from '../version.ts';

/** The canonical tables a reproduction reads: district and school level only, never students. */
export const REPRODUCE_TABLES = [
	'districts',
	'survey_responses',
	'usage_aggregate'
] as const satisfies readonly TableName[];

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

/**
 * A table as it is loaded (filters applied) in canonical CSV: the canonical columns in order,
 * each value as DuckDB prints it (so decimals and dates are exact), empty for NULL.
 */
export async function canonicalCsv(db: Database, table: TableName): Promise<string> {
	const spec = TABLES.find((t) => t.name === table)!;
	const columns = spec.columns.map((c) => c.name);
	const rows = await db.query<Record<string, string | null>>(
		sql`SELECT ${join(
			columns.map((c) => sql`CAST(${identifier(c)} AS VARCHAR) AS ${identifier(c)}`),
			', '
		)} FROM ${identifier(table)} ORDER BY ALL`
	);
	const { default: Papa } = await import('papaparse');
	return `${Papa.unparse(
		{ fields: columns, data: rows.map((r) => columns.map((c) => r[c] ?? '')) },
		{ newline: '\n' }
	)}\n`;
}

/** One survey analysis a script rebuilds (the training outcome, as `trainingByPoverty`). */
export interface SurveySpec {
	readonly surveyId: string;
	readonly wave: string;
	readonly weighting: Weighting;
	readonly scheme: PovertySchemeId;
	readonly groupBy: 'poverty' | 'locale';
}

/** What a reproduction script rebuilds: survey analyses and a usage year with its products. */
export interface ReproduceSpec {
	readonly surveys: readonly SurveySpec[];
	readonly usage: {
		readonly schoolYear: number;
		readonly products: readonly string[];
		readonly scheme: Exclude<PovertySchemeId, 'survey'>;
		/** Also every product pooled, as product `all-products` (the dashboard's pooled funnel). */
		readonly pooled: boolean;
	} | null;
}

/** A nullable sum: NULL when any unit's count is unknown (as the app sums a group). */
const sumOrNull = (column: string) =>
	`CASE WHEN count(*) FILTER (WHERE ${column} IS NULL) > 0 THEN NULL ELSE coalesce(sum(${column}), 0) END`;

/** A rate: NULL when either part is unknown or the denominator is not positive. */
const ratio = (num: string, den: string) => `CASE WHEN ${den} > 0 THEN ${num}::DOUBLE / ${den} END`;

/** The usage rates the export publishes, as numerator and denominator of the group sums. */
const USAGE_RATES: readonly [string, string, string][] = [
	['access_rate', 'licensed', 'enrolled'],
	['activation_rate', 'activated', 'licensed'],
	['regular_rate', 'regular', 'licensed'],
	['dosage_rate_access', 'dosage_met', 'licensed - not_evaluable']
];

function usageQuery(usage: NonNullable<ReproduceSpec['usage']>): string {
	const poverty = districtPovertyInput(usage.scheme, usage.schoolYear);
	const units = usageFunnelAggregatesSql({
		scope: {
			schoolYear: usage.schoolYear,
			windowStart: `${usage.schoolYear}-07-01`,
			windowEnd: `${usage.schoolYear + 1}-06-30`,
			rules: new Map(usage.products.map((p) => [p, null]))
		},
		poverty
	});
	const levels = join(
		poverty.groups.map((g) => sql`${g}`),
		', '
	);
	const grouped = sql`WITH units AS (${units}),
included AS (
	SELECT *, CASE WHEN poverty_group IN (${levels}) THEN poverty_group ELSE 'unknown' END AS grp
	FROM units WHERE NOT funnel_inconsistent
),
sums AS (
	SELECT CASE WHEN grouping(product_id) = 1 THEN ${POOLED} ELSE product_id END AS product_id,
		coalesce(grp, 'all') AS "group",
		${raw(sumOrNull('enrolled_n'))} AS enrolled, ${raw(sumOrNull('licensed_n'))} AS licensed,
		${raw(sumOrNull('activated_n'))} AS activated, ${raw(sumOrNull('regular_n'))} AS regular,
		${raw(sumOrNull('dosage_met_n'))} AS dosage_met, ${raw(sumOrNull('not_evaluable_n'))} AS not_evaluable
	FROM included GROUP BY GROUPING SETS ((product_id, grp), (product_id)${raw(usage.pooled ? ', (grp), ()' : '')})
)
${join(
	USAGE_RATES.map(
		([metric, num, den]) =>
			sql`SELECT 'usage' AS dataset, ${metric} AS metric, ${String(usage.schoolYear)} AS period, product_id, "group", ${raw(ratio(num, `(${den})`))} AS estimate, (${raw(den)})::DOUBLE AS n FROM sums`
	),
	'\nUNION ALL\n'
)}`;
	return inlineParams(grouped);
}

function surveyQuery(survey: SurveySpec): string {
	const rates = surveyRateQuery({ ...survey, outcome: 'trained' });
	return inlineParams(
		sql`SELECT ${survey.surveyId} AS dataset, 'ai-training-trained' AS metric, ${survey.wave} AS period, '' AS product_id, "group", estimate, n_unweighted AS n FROM (${rates})`
	);
}

/**
 * "Copy as SQL": a standalone DuckDB script that loads the bundle's canonical CSVs (district and
 * school level) with the app's own DDL and rebuilds every exported point estimate and its
 * sample size (n) with the app's own metric SQL, parameters inlined. Run it in the folder of the
 * CSVs (`duckdb < reproduce.sql`). Intervals, disclosure control and bootstrap are computed by
 * the app's code, not here; the bundle's datapackage.json documents them.
 */
export function reproduceScript(spec: ReproduceSpec): string {
	const load = REPRODUCE_TABLES.flatMap((name) => {
		const table = TABLES.find((t) => t.name === name)!;
		return [createTableSql(table).text, insertCanonicalCsvSql(table, `${name}.csv`).text];
	});
	const figures = [
		...spec.surveys.map(surveyQuery),
		...(spec.usage ? [usageQuery(spec.usage)] : [])
	];
	const header = [
		`-- Adoption Gap ${APP_VERSION}: rebuilds the exported point estimates and sample sizes (n)`,
		'-- from the canonical CSVs beside this script (district and school level, filters applied).',
		'-- Run in that folder: duckdb < reproduce.sql. Intervals and disclosure control are the',
		"-- app's (see datapackage.json); survey n is unweighted respondents, usage n the rate's",
		'-- denominator in students.'
	].join('\n');
	const select = figures.length
		? `SELECT * FROM (\n${figures.map((f) => `SELECT * FROM (${f})`).join('\nUNION ALL\n')}\n) ORDER BY ALL`
		: "SELECT 'no figures' AS note";
	return `${header}\n\n${[...load, select].join(';\n\n')};\n`;
}

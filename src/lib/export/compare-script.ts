import { join, raw, sql, valueList, type SqlQuery } from '../db/sql.ts';
import type { PovertyMeasure } from '../poverty/schemes.ts';
import { peerRatesSql } from '../view/compare-data.ts';
import type { CompareRow } from '../view/compare-model.ts';
import { districtRatesSql } from '../view/district-rates.ts';
import { selectedProducts } from '../view/groups.ts';
import { percentilesSql } from '../view/outcome-data.ts';
import type { OutcomeModel } from '../view/outcome-model.ts';
import type { ViewState } from '../view/view-state.ts';
import { POOLED } from '../view/view-tables.ts';
import type { ViewUnits } from '../view/view-units.ts';
import { APP_VERSION } from '../version.ts';
import type { ChartScript } from './chart-export.ts';
import { logUnitsOf } from './reproduce-files.ts';
import { inlineParams, standaloneScript, type UsageTables } from './sql-script.ts';

/** What the compare page computed its charts from (`CompareState`'s inputs). */
export interface CompareSource {
	/** The dashboard's usage units the rates were read from; null without usage data. */
	readonly units: ViewUnits | null;
	/** `POOLED` or the one product shown; null without usage. */
	readonly product: string | null;
	readonly districtYear: number | null;
	readonly measure: PovertyMeasure;
	readonly survey: { readonly id: string; readonly wave: string } | null;
}

const HEADER = [
	`-- Adoption Gap ${APP_VERSION}: rebuilds the chart's point estimates and counts from the`,
	'-- canonical CSVs beside this script (district and school level). Run in that folder:',
	'-- duckdb < reproduce.sql. Peer search and disclosure control are the app’s: the picked',
	'-- districts and the peers used are written below as literal lists. Intervals are the',
	'-- app’s too (see datapackage.json).'
];

const list = (ids: readonly string[]): SqlQuery =>
	ids.length ? sql`[${valueList(ids)}]::VARCHAR[]` : raw('[]::VARCHAR[]');

/** The picked districts with their peers as a relation `(leaid, peers)`. */
function pickedSql(picked: readonly { leaid: string; peers: readonly string[] }[]): SqlQuery {
	if (!picked.length)
		return raw('SELECT NULL::VARCHAR AS leaid, []::VARCHAR[] AS peers WHERE false');
	return sql`SELECT * FROM (VALUES ${join(
		picked.map((p) => sql`(${p.leaid}, ${list(p.peers)})`),
		', '
	)}) t(leaid, peers)`;
}

/** `met / base` as the compare model divides them: NULL when either is unknown or base is 0. */
const RATE =
	'CASE WHEN met IS NULL OR base IS NULL OR base = 0 THEN NULL ELSE met::DOUBLE / base END';

/** The usage tables the compare charts read their rates from. */
function usageTables(units: ViewUnits, product: string, state: ViewState): UsageTables {
	const products =
		product === POOLED ? selectedProducts(units.products, state).map((p) => p.id) : [product];
	return {
		schoolYear: units.schoolYear,
		products,
		pooled: product === POOLED,
		fromLogs: logUnitsOf(units, products)
	};
}

/**
 * The dosage dot plot's script: each picked district's dosage rate (dosage-meeters over students
 * with access, selected products pooled) with its base, from the dashboard's cells
 * (`peerRatesSql`), and the median and quartiles of its peers' rates over the peers written in
 * (those whose rate the app showed exactly), by `quantile_cont` (linear interpolation, R type 7,
 * as the app's `d3.quantileSorted`). Null without usage.
 */
export function peerDosageScript(
	rows: readonly CompareRow[],
	state: ViewState,
	source: CompareSource
): ChartScript | null {
	const { units, product } = source;
	if (!units || !product) return null;
	const picked = rows.flatMap((r) =>
		r.usage ? [{ leaid: r.leaid, peers: r.usage.peersUsed }] : []
	);
	const everyone = [...new Set(picked.flatMap((p) => [p.leaid, ...p.peers]))];
	const select = inlineParams(sql`WITH picked AS (${pickedSql(picked)}),
rates AS (${peerRatesSql(product, everyone)}),
rate AS (SELECT leaid, base, ${raw(RATE)} AS rate FROM rates),
peer AS (
	SELECT p.leaid, r.rate FROM (SELECT leaid, unnest(peers) AS peer FROM picked) p
	JOIN rate r ON r.leaid = p.peer
),
stats AS (
	SELECT leaid, quantile_cont(rate, 0.5) AS peer_median, quantile_cont(rate, 0.25) AS peer_q1,
		quantile_cont(rate, 0.75) AS peer_q3, count(rate) AS peers_used
	FROM peer GROUP BY leaid
)
SELECT p.leaid, o.rate AS dosage_rate, o.base AS n, s.peer_median, s.peer_q1, s.peer_q3,
	coalesce(s.peers_used, 0) AS peers_used
FROM picked p LEFT JOIN rate o ON o.leaid = p.leaid LEFT JOIN stats s ON s.leaid = p.leaid
ORDER BY p.leaid`);
	const usage = usageTables(units, product, state);
	const header = [
		...HEADER,
		'-- Rates: dosage-meeters / students with access, per district; n is that base.'
	];
	return { script: standaloneScript(header, usage, select), fromLogs: usage.fromLogs };
}

/** Each district's first response of the wave (by respondent id), as `answerOf` reads it. */
function firstAnswersSql(survey: { id: string; wave: string }, answered: boolean): SqlQuery {
	return sql`SELECT leaid, trained FROM (
	SELECT leaid, trained_teachers_ai AS trained,
		row_number() OVER (PARTITION BY leaid ORDER BY respondent_id) AS k
	FROM survey_responses
	WHERE survey_id = ${survey.id} AND survey_wave = ${survey.wave} AND leaid IS NOT NULL
		${raw(answered ? 'AND trained_teachers_ai IS NOT NULL' : '')}
) WHERE k = 1`;
}

/**
 * The training dot plot's script: each picked district's own answer in the wave (its first
 * response) and the unweighted share of its peers (the peer group, written in) that answered
 * and had trained, with that number of answering peers (the share's n). Null without a survey.
 */
export function peerTrainingScript(
	rows: readonly CompareRow[],
	source: CompareSource
): ChartScript | null {
	const { survey } = source;
	if (!survey) return null;
	const picked = rows.flatMap((r) =>
		r.training && r.peers.ok
			? [{ leaid: r.leaid, peers: r.peers.group.peers.map((p) => p.leaid) }]
			: []
	);
	const select = inlineParams(sql`WITH picked AS (${pickedSql(picked)}),
answers AS (${firstAnswersSql(survey, false)}),
peer AS (
	SELECT p.leaid, a.trained FROM (SELECT leaid, unnest(peers) AS peer FROM picked) p
	JOIN answers a ON a.leaid = p.peer
),
stats AS (
	SELECT leaid, count(trained) AS peers_answered,
		CASE WHEN count(trained) > 0
			THEN count(*) FILTER (WHERE trained = 1)::DOUBLE / count(trained) END AS peer_share
	FROM peer GROUP BY leaid
),
own AS (
	SELECT p.leaid, CASE WHEN a.leaid IS NULL THEN 'not_surveyed' WHEN a.trained IS NULL
		THEN 'no_answer' WHEN a.trained = 1 THEN 'trained' ELSE 'not_trained' END AS answer
	FROM picked p LEFT JOIN answers a ON a.leaid = p.leaid
)
SELECT o.leaid, o.answer,
	CASE o.answer WHEN 'trained' THEN 1 WHEN 'not_trained' THEN 0 END AS trained,
	s.peer_share, coalesce(s.peers_answered, 0) AS peers_answered
FROM own o LEFT JOIN stats s ON s.leaid = o.leaid
ORDER BY o.leaid`);
	const header = [...HEADER, '-- For training, the peers written in are the whole peer group.'];
	return { script: standaloneScript(header, null, select), fromLogs: [] };
}

/**
 * The poverty-vs-outcome scatter's script: each drawn district (written in: drawing depends on
 * disclosure) with its national poverty percentile (`percentilesSql`) and outcome (its dosage
 * rate from the view's cells, filters applied, or its first non-empty training answer), and the
 * least-squares line over those points (`regr_intercept`/`regr_slope`: OLS of the outcome on the
 * percentile, each district once, as `fitExpectedLine`; none under 3 points).
 */
export function outcomeScript(
	model: OutcomeModel,
	state: ViewState,
	source: CompareSource
): ChartScript | null {
	const { units, product, survey, districtYear } = source;
	if (districtYear === null) return null;
	let outcome: SqlQuery;
	let usage: UsageTables | null = null;
	if (model.kind === 'dosage') {
		if (!units || !product) return null;
		usage = usageTables(units, product, state);
		outcome = sql`SELECT leaid, ${raw(RATE)} AS value
	FROM (${districtRatesSql(state, [product])})`;
	} else {
		if (!survey) return null;
		outcome = sql`SELECT leaid, trained::DOUBLE AS value FROM (${firstAnswersSql(survey, true)})`;
	}
	const drawn = model.points.map((p) => p.leaid);
	const select = inlineParams(sql`WITH drawn AS (SELECT unnest(${list(drawn)}) AS leaid),
pct AS (${percentilesSql(districtYear, source.measure)}),
outcome AS (${outcome}),
points AS (
	SELECT d.leaid, p.poverty_percentile, o.value FROM drawn d
	JOIN pct p ON p.leaid = d.leaid JOIN outcome o ON o.leaid = d.leaid
)
SELECT 'point' AS "row", leaid, poverty_percentile, value, NULL::DOUBLE AS intercept,
	NULL::DOUBLE AS slope, NULL::BIGINT AS n
FROM points
UNION ALL
SELECT 'line', NULL, NULL, NULL, regr_intercept(value, poverty_percentile),
	regr_slope(value, poverty_percentile), count(*)
FROM points HAVING count(*) >= 3
ORDER BY ALL`);
	const header = [
		...HEADER,
		'-- The scatter: the districts drawn (written in), and the line fitted on them.'
	];
	return { script: standaloneScript(header, usage, select), fromLogs: usage?.fromLogs ?? [] };
}

import { join, raw, sql, type SqlQuery } from '../db/sql.ts';
import { measureSql } from '../poverty/measures.ts';
import type { PeerBasis, ResolvedPeerOptions } from './options.ts';

/**
 * SQL of the peer search over `districts` (domain-spec §7.2 [D]). Values are bound; the only
 * spliced text is typed constants (column names by basis, the poverty measure of
 * `poverty/measures.ts`). The universe is one school year, size > 0 and a non-NULL poverty
 * measure (and the chosen agency types); the percentile and z-scores are over that universe.
 */

/** The size feature by basis: enrollment, or SAIPE children 5–17 in the fallback. */
const SIZE_COLUMN: Record<PeerBasis, SqlQuery> = {
	locale_region: raw('enrollment_total'),
	state_child_population: raw('saipe_pop_5_17')
};

/** Distances within 1e-9 count as ties, so rounding noise never decides the order. */
const TIE_DIGITS = raw('9');

function leaTypeFilter(types: readonly string[] | null): SqlQuery {
	if (types === null) return raw('TRUE');
	if (types.length === 0) return raw('lea_type IS NULL');
	return sql`(lea_type IS NULL OR lea_type IN (${join(
		types.map((t) => sql`${t}`),
		', '
	)}))`;
}

/**
 * The scored universe as CTEs ending in `scored`: features, national poverty percentile
 * (`100 · percent_rank()`, ties share the lower rank) and population z-scores (a constant
 * feature has z = 0).
 */
export function scoredUniverseSql(basis: PeerBasis, o: ResolvedPeerOptions): SqlQuery {
	const size = SIZE_COLUMN[basis];
	return sql`WITH universe AS (
	SELECT leaid, lea_name, state_fips, census_region, locale_code, locale_code // 10 AS locale_group,
		${size}::DOUBLE AS size, ${measureSql(o.measure)} AS poverty_value
	FROM districts
	WHERE school_year_start = ${o.schoolYearStart} AND ${size} > 0 AND ${leaTypeFilter(o.leaTypes)}
),
measured AS (
	SELECT *, log10(size) AS log_size,
		100 * percent_rank() OVER (ORDER BY poverty_value) AS poverty_percentile
	FROM universe WHERE poverty_value IS NOT NULL
),
scored AS (
	SELECT *,
		coalesce((log_size - avg(log_size) OVER ()) / nullif(stddev_pop(log_size) OVER (), 0), 0) AS z_size,
		coalesce((poverty_percentile - avg(poverty_percentile) OVER ())
			/ nullif(stddev_pop(poverty_percentile) OVER (), 0), 0) AS z_poverty
	FROM measured
)`;
}

/** The target's scored row (none when it is outside the universe). */
export function peerTargetSql(basis: PeerBasis, o: ResolvedPeerOptions): SqlQuery {
	return sql`${scoredUniverseSql(basis, o)}
SELECT leaid, lea_name, state_fips, census_region, locale_code, size, poverty_value,
	poverty_percentile, z_size, z_poverty
FROM scored WHERE leaid = ${o.leaid}`;
}

/**
 * Relaxation tier of a candidate `c` against the target `t` (NULL = never a peer). Nearest,
 * default basis, by `scope`: `locale_region` 0 same locale group and region, 1 same group, 2
 * adjacent group (City↔Suburb, Town↔Rural: groups 1–2 and 3–4 pair up); `locale` 0 same group,
 * 2 adjacent group; `national` 0. Fallback: 0 same state. Band: 0 inside the window (same locale
 * group unless `national`; same state in the fallback).
 */
function tierSql(basis: PeerBasis, o: ResolvedPeerOptions): SqlQuery {
	const sameGroup =
		basis === 'state_child_population'
			? raw('c.state_fips = t.state_fips')
			: o.scope === 'national'
				? raw('TRUE')
				: raw('c.locale_group = t.locale_group');
	if (o.method === 'band') {
		const { percentilePoints, sizeRatio } = o.band;
		return sql`CASE WHEN ${sameGroup}
			AND abs(c.poverty_percentile - t.poverty_percentile) <= ${percentilePoints} + 1e-9
			AND c.size * ${sizeRatio} >= t.size AND c.size <= t.size * ${sizeRatio} THEN 0 END`;
	}
	if (basis === 'state_child_population' || o.scope === 'national') {
		return sql`CASE WHEN ${sameGroup} THEN 0 END`;
	}
	const adjacent = 'WHEN (c.locale_group + 1) // 2 = (t.locale_group + 1) // 2 THEN 2 END';
	if (o.scope === 'locale')
		return raw(`CASE WHEN c.locale_group = t.locale_group THEN 0 ${adjacent}`);
	return raw(`CASE WHEN c.locale_group = t.locale_group AND c.census_region = t.census_region THEN 0
		WHEN c.locale_group = t.locale_group THEN 1
		${adjacent}`);
}

/** Highest relaxation tier the search may reach. */
export function maxTier(basis: PeerBasis, o: ResolvedPeerOptions): number {
	return o.method === 'nearest' && basis === 'locale_region' && o.scope !== 'national' ? 2 : 0;
}

/**
 * Peers of the target: candidates at the lowest tier level with at least `kMin` of them (else
 * the highest), ordered by distance (weighted Euclidean on z-scores, + penalty for the adjacent
 * locale group), then |Δsize|, then leaid; `nearest` keeps the first k. The target is never a
 * candidate. Each row carries `candidates`, the count at the chosen level, and that `level`.
 */
export function peerCandidatesSql(basis: PeerBasis, o: ResolvedPeerOptions): SqlQuery {
	const top = maxTier(basis, o);
	const limit = o.method === 'nearest' ? o.k : 2 ** 31 - 1;
	return sql`${scoredUniverseSql(basis, o)},
target AS (SELECT * FROM scored WHERE leaid = ${o.leaid}),
candidates AS (
	SELECT c.*, ${tierSql(basis, o)} AS tier, abs(c.size - t.size) AS size_gap,
		sqrt(${o.weights.size} * (c.z_size - t.z_size) ** 2
			+ ${o.weights.poverty} * (c.z_poverty - t.z_poverty) ** 2) AS raw_distance
	FROM scored c CROSS JOIN target t WHERE c.leaid <> t.leaid
),
level AS (
	SELECT coalesce(min(l.level), ${top}::BIGINT) AS level FROM range(0, ${top}::BIGINT + 1) AS l(level)
	WHERE (SELECT count(*) FROM candidates e WHERE e.tier <= l.level) >= ${o.kMin}
),
chosen AS (
	SELECT *, CASE WHEN tier = 2 THEN ${o.adjacentPenalty} ELSE 0 END AS penalty
	FROM candidates WHERE tier <= (SELECT level FROM level)
)
SELECT leaid, lea_name, state_fips, census_region, locale_code, size, poverty_value,
	poverty_percentile, z_size, z_poverty, tier, penalty, raw_distance + penalty AS distance, size_gap,
	row_number() OVER (ORDER BY round(raw_distance + penalty, ${TIE_DIGITS}), size_gap, leaid) AS rank,
	count(*) OVER () AS candidates, (SELECT level FROM level) AS level
FROM chosen ORDER BY rank LIMIT ${limit}::BIGINT`;
}

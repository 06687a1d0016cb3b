import type { Database } from '../db/database.ts';
import { sql } from '../db/sql.ts';
import { measureSql } from '../poverty/measures.ts';
import {
	PEER_DEFAULTS,
	type PeerBasis,
	type PeerCandidateRow,
	type PeerGroup,
	type PeerOptions,
	type PeerRow,
	type PeerScope,
	type Relaxation,
	type ResolvedPeerOptions
} from './options.ts';
import { maxTier, peerCandidatesSql, peerTargetSql } from './peer-sql.ts';

interface TargetInput {
	locale_code: number | null;
	enrollment_total: number | null;
	poverty_value: number | null;
}

/** Locale and enrollment present → default basis; otherwise the SAIPE fallback, with why. */
function chooseBasis(row: TargetInput): { basis: PeerBasis; fallbackReason: string | null } {
	const missing = [
		row.locale_code === null ? 'locale' : null,
		row.enrollment_total === null || row.enrollment_total <= 0 ? 'enrollment' : null
	].filter((m) => m !== null);
	if (missing.length === 0) return { basis: 'locale_region', fallbackReason: null };
	return {
		basis: 'state_child_population',
		fallbackReason: `The district has no ${missing.join(' or ')} (e.g. only the SAIPE file is loaded), so peers are matched within its state on poverty and the number of school-age children.`
	};
}

/** The hard constraints, in words: the fallback keeps the state, the default basis its scope. */
function constraintsOf(basis: PeerBasis, scope: PeerScope): string[] {
	if (basis === 'state_child_population') return ['same state'];
	if (scope === 'national') return ['any locale group and Census region'];
	return scope === 'locale'
		? ['same locale group', 'any Census region']
		: ['same locale group', 'same Census region'];
}

function criteriaOf(basis: PeerBasis, o: ResolvedPeerOptions): string[] {
	const size = basis === 'locale_region' ? 'log10 enrollment' : 'log10 SAIPE children 5–17';
	const where = ['same school year', ...constraintsOf(basis, o.scope)];
	const features = `${size} (weight ${o.weights.size}) and national ${o.measure} poverty percentile (weight ${o.weights.poverty}), z-scored`;
	if (o.method === 'band') {
		const { percentilePoints: p, sizeRatio: r } = o.band;
		const group =
			basis === 'locale_region' ? constraintsOf(basis, o.scope).slice(0, 1) : ['same state'];
		return [
			'same school year',
			...group,
			`poverty percentile within ±${p} points`,
			`size within ÷${r} to ×${r}`
		];
	}
	return [...where, features, `the ${o.k} nearest; ties by |Δsize|, then leaid`];
}

const RELAXATIONS: readonly Relaxation[] = ['dropped_region', 'adjacent_locale'];

/**
 * The peer group of one district (domain-spec §7.2 [D], precedents Ohio [P][S39], SEDA/CPAL
 * [S][S47]): the k nearest districts on z-scored log10 enrollment and national poverty
 * percentile within the same locale group and Census region, relaxing (region dropped, then the
 * adjacent locale group at +1.0 distance) while fewer than `kMin` candidates; or the band mode.
 * `scope` loosens the hard constraints (`locale`: any region; `national`: no locale or region).
 * Without locale or enrollment it falls back to state + poverty + log10 children 5–17 and says
 * why. The poverty percentile is `percent_rank()` over the universe of `poverty/measures.ts`'s
 * measure. Throws when the district is not in `districts` or has no poverty measure.
 */
export async function findPeers(db: Database, options: PeerOptions): Promise<PeerGroup> {
	const o: ResolvedPeerOptions = { ...PEER_DEFAULTS, ...options };
	const [row] = await db.query<TargetInput>(sql`SELECT locale_code, enrollment_total,
		${measureSql(o.measure)} AS poverty_value FROM districts
		WHERE leaid = ${o.leaid} AND school_year_start = ${o.schoolYearStart}`);
	if (!row) throw new Error(`unknown district: ${o.leaid} in ${o.schoolYearStart}`);
	const { basis, fallbackReason } = chooseBasis(row);
	const [target] = await db.query<PeerRow>(peerTargetSql(basis, o));
	if (!target) {
		throw new Error(
			`no peer group: ${o.leaid} is outside the peer universe (no ${o.measure} measure or size) in ${o.schoolYearStart}`
		);
	}
	const peers = await db.query<PeerCandidateRow>(peerCandidatesSql(basis, o));
	const level = peers[0]?.level ?? maxTier(basis, o);
	const candidates = peers[0]?.candidates ?? 0;
	return {
		target,
		method: o.method,
		basis,
		fallbackReason,
		criteria: criteriaOf(basis, o),
		options: o,
		relaxations: RELAXATIONS.slice(0, level).filter(
			(r) => r !== 'dropped_region' || o.scope === 'locale_region'
		),
		candidates,
		short: candidates < o.kMin,
		peers
	};
}

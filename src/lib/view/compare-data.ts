import type { Database } from '../db/database.ts';
import { sql, valueList, type SqlQuery } from '../db/sql.ts';
import type { GroupEstimateRow } from '../metrics/survey/estimate-rows.ts';
import { findPeers } from '../peers/find-peers.ts';
import { peerTrainingShare } from '../peers/peer-training.ts';
import type { PeerGroup, PeerMethod, PeerScope } from '../peers/options.ts';
import type { PovertyMeasure } from '../poverty/schemes.ts';
import type { DistrictEntry } from './district-search.ts';
import { districtRatesSql } from './district-rates.ts';
import { ensureViewBlocks, withBlocksSql } from './view-blocks.ts';
import { PUBLIC_POLICY } from '../disclosure/disclose-view.ts';
import { statsFromRow, type FunnelStats } from './funnel-stats.ts';
import { districtStatsSql } from './funnel-stats-sql.ts';
import { DEFAULT_VIEW_STATE, type ViewState } from './view-state.ts';

/** The peer criteria a reader can change on the compare view (the rest are §7.2's defaults). */
export interface PeerSettings {
	readonly method: PeerMethod;
	/** Peers kept by `nearest`. */
	readonly k: number;
	readonly weights: { readonly size: number; readonly poverty: number };
	readonly scope: PeerScope;
}

/** The criteria a view's peer settings stand for (`band` keeps k unused). */
export function peerSettings(
	view: Pick<ViewState, 'peers' | 'peerSize' | 'peerPoverty' | 'peerScope'>
): PeerSettings {
	const choice = view.peers;
	return {
		...(choice === 'band'
			? { method: 'band' as const, k: 20 }
			: { method: 'nearest' as const, k: Number(choice) }),
		weights: { size: Number(view.peerSize), poverty: Number(view.peerPoverty) },
		scope: view.peerScope
	};
}

/** A district's dosage-meeters and their evaluable base (students with access), pooled. */
export interface DistrictRateRow {
	readonly leaid: string;
	readonly met: number | null;
	readonly base: number | null;
	/** In a block of small districts (`withBlocksSql`): its own rate is withheld. */
	readonly in_block: boolean;
}

/** A district's answer to the training item in one wave. */
export interface TrainingAnswerRow {
	readonly leaid: string;
	/** 1 trained, 0 not; null without an answer. */
	readonly trained: number | null;
	readonly status: string | null;
}

/** A picked district's peer group, or why it has none. */
export type PeerResult =
	| { readonly ok: true; readonly group: PeerGroup }
	| { readonly ok: false; readonly reason: string };

/** Everything the compare view is built from (`compareModel` turns it into rows). */
export interface CompareData {
	/** The picked districts in the order picked; null where the data has no such LEAID. */
	readonly districts: readonly (DistrictEntry | null)[];
	readonly leaids: readonly string[];
	readonly peers: readonly PeerResult[];
	/** Rates of the picked districts and of every peer; none when there is no usage view. */
	readonly rates: readonly DistrictRateRow[];
	/** Training answers of the picked districts and peers that answered the wave. */
	readonly answers: readonly TrainingAnswerRow[];
	/** The wave the answers come from; null when the data has no survey. */
	readonly wave: string | null;
	/**
	 * Funnel statistics (`districtStatsSql`) of the picked districts and every peer for the
	 * product read, from which the pooled peer rate is built; absent or empty without usage.
	 */
	readonly stats?: ReadonlyMap<string, FunnelStats>;
	/**
	 * Per picked district (in order), its peers' survey-weighted training share
	 * (`peerTrainingShare`); null without a survey, a peer group or a surveyed peer.
	 */
	readonly peerTraining?: readonly (GroupEstimateRow | null)[];
}

/**
 * The view's usage cells per district, filters ignored (peers come from the whole universe),
 * for the pooled products (or the one product): see `districtRatesSql`.
 */
export function peerRatesSql(product: string, leaids: readonly string[]): SqlQuery {
	const all: ViewState = { ...DEFAULT_VIEW_STATE, groupBy: 'locale' };
	const base = districtRatesSql(all, [product]);
	return sql`SELECT product_id, leaid, met, base FROM (${base}) WHERE leaid IN (${valueList(leaids)})`;
}

/** Answers to the training item of the given districts in one survey wave. */
export function trainingAnswersSql(
	surveyId: string,
	wave: string,
	leaids: readonly string[]
): SqlQuery {
	return sql`SELECT leaid, trained_teachers_ai AS trained, item_response_status AS status
FROM survey_responses
WHERE survey_id = ${surveyId} AND survey_wave = ${wave} AND leaid IN (${valueList(leaids)})
ORDER BY leaid, respondent_id`;
}

/**
 * Reads what the compare view needs for the picked districts: each one's directory entry and
 * peer group (`findPeers` with the reader's criteria, one school year of districts), the usage
 * rate cells and funnel statistics of them and their peers (`product` is `POOLED` or the single
 * product shown, read from the cells the usage view built; null skips usage), their training
 * answers and each peer group's survey-weighted training share.
 */
export async function compareData(
	db: Database,
	options: {
		leaids: readonly string[];
		districtYear: number;
		measure: PovertyMeasure;
		peer: PeerSettings;
		product: string | null;
		survey: { readonly id: string; readonly wave: string } | null;
	}
): Promise<CompareData> {
	const { leaids, districtYear } = options;
	const entries = await db.query<DistrictEntry>(sql`SELECT leaid, lea_name, state_abbr
		FROM districts WHERE school_year_start = ${districtYear} AND leaid IN (${valueList(leaids)})`);
	const districts = leaids.map((id) => entries.find((e) => e.leaid === id) ?? null);
	const peers: PeerResult[] = [];
	for (const [i, leaid] of leaids.entries()) {
		if (!districts[i]) {
			peers.push({ ok: false, reason: `LEAID ${leaid} is not in this data.` });
			continue;
		}
		try {
			const group = await findPeers(db, {
				leaid,
				schoolYearStart: districtYear,
				measure: options.measure,
				...options.peer
			});
			peers.push({ ok: true, group });
		} catch (error) {
			peers.push({ ok: false, reason: (error as Error).message });
		}
	}
	const everyone = [
		...new Set([
			...leaids,
			...peers.flatMap((p) => (p.ok ? p.group.peers.map((r) => r.leaid) : []))
		])
	];
	const { product, survey } = options;
	if (product) await ensureViewBlocks(db, PUBLIC_POLICY);
	const rates = product
		? await db.query<DistrictRateRow>(withBlocksSql(peerRatesSql(product, everyone), PUBLIC_POLICY))
		: [];
	const stats = product
		? await db.query<Record<string, unknown>>(districtStatsSql(everyone, [product]))
		: [];
	const answers = survey
		? await db.query<TrainingAnswerRow>(trainingAnswersSql(survey.id, survey.wave, everyone))
		: [];
	const peerTraining: (GroupEstimateRow | null)[] = [];
	for (const p of peers) {
		peerTraining.push(
			survey && p.ok
				? await peerTrainingShare(db, {
						surveyId: survey.id,
						wave: survey.wave,
						leaids: p.group.peers.map((r) => r.leaid)
					})
				: null
		);
	}
	return {
		districts,
		leaids,
		peers,
		rates,
		answers,
		wave: survey?.wave ?? null,
		stats: new Map(stats.map((r) => [r.leaid as string, statsFromRow(r)])),
		peerTraining
	};
}

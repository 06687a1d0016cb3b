import type { Database } from '../../db/database.ts';
import type { DomainCell } from '../../stats/domain.ts';
import { matrixRank } from '../../stats/matrix-rank.ts';
import { isReplicateMethod, replicateScale, type ReplicateMethod } from '../../stats/replicate.ts';
import { fitDomain, type DomainFit, type SurveyDesign } from '../../stats/survey-design.ts';
import { psuCounts } from '../../stats/domain.ts';
import type { AnalysisOptions } from './analysis-rows.ts';
import {
	designInfoQuery,
	psuGroupSumsQuery,
	replicateGroupSumsQuery,
	replicateRatioQuery,
	replicateWeightsQuery,
	type DesignInfoRow,
	type PsuGroupRow,
	type ReplicateGroupRow,
	type ReplicateRatioRow,
	type ReplicateWeightRow
} from './design-sums.ts';

/** The variance method named on every result. */
export type VarianceMethod = 'taylor' | 'jk1' | 'brr' | 'fay' | 'bootstrap' | 'kish' | 'srs';

/** One group's fit plus its item non-response. */
export interface GroupFit {
	group: string;
	fit: DomainFit | null;
	/** Design df for Korn–Graubard: Taylor `degf`, replicate `rank − 1`; null without a design. */
	df: number | null;
	n_item_missing: number;
	/** Survey-weighted share of the group's respondents whose item is missing. */
	item_missing_rate: number | null;
}

export interface SurveyFit {
	design: SurveyDesign;
	variance_method: VarianceMethod;
	unweighted: boolean;
	school_year_start: number | null;
	/** Every PSU of the wave (for designs that stack waves). */
	psus: { stratum: string; psu: string }[];
	groups: GroupFit[];
	overall: GroupFit;
}

function chooseDesign(info: DesignInfoRow, fayRho: number | null): SurveyDesign {
	if (info.n_replicates >= 2) {
		const methods = (info.repwt_methods ?? '').split(',').filter(Boolean);
		const method = methods[0] ?? '';
		if (methods.length !== 1 || !isReplicateMethod(method)) {
			throw new Error(`invalid repwt_method: ${info.repwt_methods ?? '(none)'}`);
		}
		const scale = replicateScale(method, info.n_replicates, fayRho);
		return { kind: 'replicate', method, scale, replicates: info.n_replicates };
	}
	if (info.n_stratum > 0 || info.n_psu > 0) return { kind: 'taylor', psuCounts: new Map() };
	return { kind: info.n_weighted > 0 ? 'kish' : 'srs' };
}

/**
 * Fay's ρ read from the replicate weights when not given: Fay replicates scale each weight by
 * either ρ or 2 − ρ, so the smallest and largest ratios `w_r / w` are ρ and 2 − ρ (domain-spec
 * §3.2; R's `svrepdesign(type = "Fay", rho)` needs it stated). Null when the ratios do not
 * follow that pattern, so the caller asks for ρ instead.
 */
export async function inferFayRho(
	db: Database,
	surveyId: string,
	wave: string
): Promise<number | null> {
	const [row] = await db.query<ReplicateRatioRow>(replicateRatioQuery(surveyId, wave));
	const [lo, hi] = [row?.min_ratio ?? null, row?.max_ratio ?? null];
	if (lo === null || hi === null) return null;
	return lo >= 0 && lo < 1 && Math.abs(lo + hi - 2) < 1e-9 ? lo : null;
}

const REPLICATE_LABEL: Record<ReplicateMethod, VarianceMethod> = {
	JK1: 'jk1',
	BRR: 'brr',
	Fay: 'fay',
	bootstrap: 'bootstrap'
};

/** Adds PSU cells of several groups into one cell per PSU (for the overall domain). */
function mergeByPsu(rows: readonly PsuGroupRow[]): DomainCell[] {
	const merged = new Map<string, DomainCell>();
	for (const r of rows) {
		const key = JSON.stringify([r.stratum, r.psu]);
		const m = merged.get(key) ?? {
			stratum: r.stratum,
			psu: r.psu,
			n: 0,
			sum_w: 0,
			sum_wy: 0,
			sum_w2: 0
		};
		m.n += r.n;
		m.sum_w += r.sum_w;
		m.sum_wy += r.sum_wy;
		m.sum_w2 += r.sum_w2;
		merged.set(key, m);
	}
	return [...merged.values()];
}

function replicateDf(rows: readonly ReplicateWeightRow[]): number {
	const byReplicate = new Map<number, number[]>();
	for (const r of rows) {
		const column = byReplicate.get(r.replicate) ?? [];
		column.push(r.weight);
		byReplicate.set(r.replicate, column);
	}
	return matrixRank([...byReplicate.values()]) - 1;
}

/**
 * Runs the design sums for one survey wave and fits every group and the overall domain
 * (unknown poverty included in the overall). `needDf` also fetches the replicate weights of
 * answered rows for the replicate design's df (Korn–Graubard only).
 */
export async function fitGroups(
	db: Database,
	options: AnalysisOptions,
	settings: { fayRho: number | null; needDf: boolean }
): Promise<SurveyFit> {
	const [info] = await db.query<DesignInfoRow>(designInfoQuery(options.surveyId, options.wave));
	if (!info || info.n_rows === 0) {
		throw new Error(`no survey responses: ${options.surveyId} ${options.wave}`);
	}
	const fayRho =
		settings.fayRho ??
		(info.n_replicates >= 2 && info.repwt_methods === 'Fay'
			? await inferFayRho(db, options.surveyId, options.wave)
			: null);
	let design = chooseDesign(info, fayRho);
	const rows = await db.query<PsuGroupRow>(psuGroupSumsQuery(options));
	if (design.kind === 'taylor') design = { kind: 'taylor', psuCounts: psuCounts(rows) };
	const reps =
		design.kind === 'replicate'
			? await db.query<ReplicateGroupRow>(replicateGroupSumsQuery(options))
			: [];
	const weights =
		design.kind === 'replicate' && settings.needDf
			? await db.query<ReplicateWeightRow>(replicateWeightsQuery(options))
			: [];
	const replicateCount = design.kind === 'replicate' ? design.replicates : 0;

	const fitOne = (
		group: string,
		members: readonly PsuGroupRow[],
		inGroup: (g: string) => boolean
	): GroupFit => {
		const replicates = Array.from({ length: replicateCount }, (_, i) => {
			const own = reps.filter((r) => r.replicate === i + 1 && inGroup(r.grp));
			return {
				sum_w: own.reduce((s, r) => s + r.sum_w, 0),
				sum_wy: own.reduce((s, r) => s + r.sum_wy, 0)
			};
		});
		const fit = fitDomain(design, { cells: mergeByPsu(members), replicates });
		const baseW = members.reduce((s, r) => s + r.sum_base_w, 0);
		const missingW = members.reduce((s, r) => s + r.sum_base_w_missing, 0);
		const df =
			design.kind === 'taylor'
				? (fit?.df ?? null)
				: design.kind === 'replicate' && settings.needDf
					? replicateDf(weights.filter((w) => inGroup(w.grp)))
					: null;
		return {
			group,
			fit,
			df,
			n_item_missing: members.reduce((s, r) => s + r.n_missing, 0),
			item_missing_rate: baseW > 0 ? missingW / baseW : null
		};
	};

	const groupNames = [...new Set(rows.map((r) => r.grp))].sort();
	return {
		design,
		variance_method: design.kind === 'replicate' ? REPLICATE_LABEL[design.method] : design.kind,
		unweighted: info.n_weighted === 0,
		school_year_start: info.school_year_start,
		psus: rows.map((r) => ({ stratum: r.stratum, psu: r.psu })),
		groups: groupNames.map((g) =>
			fitOne(
				g,
				rows.filter((r) => r.grp === g),
				(x) => x === g
			)
		),
		overall: fitOne('all', rows, () => true)
	};
}

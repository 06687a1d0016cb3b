import type { Database } from '../db/database.ts';
import { estimateRow, type GroupEstimateRow } from '../metrics/survey/estimate-rows.ts';
import { fitGroups } from '../metrics/survey/fit-groups.ts';

/**
 * The survey-weighted share of a peer group's surveyed districts that had trained teachers on
 * AI (A1, domain-spec §3.1, on the peers' LEAIDs as a domain; §7.2 step 6): `Σ w·y / Σ w` over
 * the peers that answered, w = final survey weight (each district once; unweighted and flagged
 * when the survey has no weights), with the survey's design-based variance estimated on the
 * full design (the domain is not subset first), a Wilson 95% interval on n_eff* (§3.2, §5.2)
 * and the reliability flags of §5.5 (`estimate` null when ‡). Peers without an answer are left
 * out; null when no peer is in the wave.
 */
export async function peerTrainingShare(
	db: Database,
	options: { surveyId: string; wave: string; leaids: readonly string[] }
): Promise<GroupEstimateRow | null> {
	const survey = await fitGroups(
		db,
		{
			surveyId: options.surveyId,
			wave: options.wave,
			outcome: 'trained',
			weighting: 'district',
			scheme: 'survey',
			groupBy: 'none',
			domain: options.leaids
		},
		{ fayRho: null, needDf: false }
	);
	const peers = survey.groups.find((g) => g.group === 'in');
	if (!peers) return null;
	return estimateRow(survey, peers, { level: 0.95, intervalMethod: 'wilson' });
}

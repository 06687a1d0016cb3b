import { describe, expect, it } from 'vitest';
import type { DecompositionLike } from '#lib/charts/decomposition/decomposition-geometry.ts';
import type { FunnelRowLike } from '#lib/charts/funnel/funnel-data.ts';
import { intervalData, type EstimateLike } from '#lib/charts/interval/interval-data.ts';
import type { RepresentationLike } from '#lib/charts/representation/representation-geometry.ts';
import type { GroupEstimateRow } from '#lib/metrics/survey/estimate-rows.ts';
import type { UseGapDecomposition } from '#lib/metrics/usage/equity.ts';
import type { FunnelGroupRow } from '#lib/metrics/usage/funnel-groups.ts';
import type { RepresentationRow } from '#lib/metrics/usage/representation-index.ts';

// The charts accept the metrics' rows as they are: these assignments are checked by svelte-check.
const fromSurvey = (row: GroupEstimateRow): EstimateLike => row;
const fromFunnel = (row: FunnelGroupRow): FunnelRowLike => row;
const fromDecomposition = (d: UseGapDecomposition): DecompositionLike => d;
const fromRepresentation = (r: RepresentationRow): RepresentationLike => r;

describe('chart inputs', () => {
	it('take a survey GroupEstimateRow unchanged', () => {
		const row: GroupEstimateRow = {
			group: 'high',
			estimate: null,
			estimate_unsuppressed: 0.41,
			se: 0.12,
			lo: 0.18,
			hi: 0.66,
			n_unweighted: 12,
			n_eff: 9.4,
			variance_method: 'kish',
			interval_method: 'wilson',
			level: 0.95,
			reliability: 'unreliable',
			flags: ['kish_approx', 'unreliable'],
			item_missing_rate: 0,
			n_item_missing: 0
		};
		const [d] = intervalData([fromSurvey(row)], [{ group: 'high', label: 'High' }]);
		expect([d?.value, d?.lo, d?.hi, d?.n_eff]).toEqual([
			{ status: 'suppressed', reason: 'unreliable', label: '‡' },
			null,
			null,
			9.4
		]);
		expect([fromFunnel, fromDecomposition, fromRepresentation].every(Boolean)).toBe(true);
	});
});

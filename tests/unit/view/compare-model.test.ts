import { describe, expect, it } from 'vitest';
import type { GroupEstimateRow } from '#lib/metrics/survey/estimate-rows.ts';
import type { PeerGroup } from '#lib/peers/options.ts';
import type { CompareData } from '#lib/view/compare-data.ts';
import { compareModel } from '#lib/view/compare-model.ts';
import { statsFromRow } from '#lib/view/funnel-stats.ts';

/*
 * Hand-built compare data: target T (30 of 100 students with access met the rule) and four
 * peers reporting by school, (dosage-meeters D, students with access B) per school:
 *   P1 (10, 40), (12, 40) → 22/80 = 0.275     P2 (5, 30), (8, 30) → 13/60 = 0.216667
 *   P3 (20, 50), (15, 50) → 35/100 = 0.35     P4 (2, 5) → 2/5, under the minimum n of 10:
 *   withheld in public mode, so it is neither in the median nor in the pooled rate.
 * Pooled over P1–P3: r = 70/240 = 0.291667 over 6 schools. Domain-spec §5.4:
 *   Var(r) = 6/5 · Σ(D − r·B)² / 240² = 0.00097975, n_eff* = r(1 − r)/Var = 210.868 (< 240),
 *   Wilson with n_eff*: [0.234483, 0.356306] (worked in Python from the §5.1/§5.4 formulas).
 * With district totals only (no school IDs) the interval is student-level Wilson on n = 240:
 *   [0.237804, 0.352093] (same script).
 * T among the shown peers 0.216667, 0.275, 0.35: two below → 66.67th percentile; median 0.275,
 * gap 0.3 − 0.275 = +0.025.
 */
type School = readonly [number, number];
const SCHOOLS: Record<string, readonly School[]> = {
	T: [
		[15, 50],
		[15, 50]
	],
	P1: [
		[10, 40],
		[12, 40]
	],
	P2: [
		[5, 30],
		[8, 30]
	],
	P3: [
		[20, 50],
		[15, 50]
	],
	P4: [[2, 5]]
};

/** A district's funnel statistics from its schools, as `districtStatsSql` sums them. */
function statsOf(schools: readonly School[], byDistrict = false) {
	const sum = (f: (s: School) => number) => schools.reduce((a, s) => a + f(s), 0);
	const D = sum(([d]) => d);
	const B = sum(([, b]) => b);
	return statsFromRow({
		units_n: byDistrict ? 1 : schools.length,
		schools_n: byDistrict ? 0 : schools.length,
		district_units_n: byDistrict ? 1 : 0,
		enrolled_n: B,
		licensed_n: B,
		activated_n: B,
		dosage_met_n: D,
		dosage_rate_access__sn: D,
		dosage_rate_access__sd: B,
		dosage_rate_access__snn: byDistrict ? D * D : sum(([d]) => d * d),
		dosage_rate_access__snd: byDistrict ? D * B : sum(([d, b]) => d * b),
		dosage_rate_access__sdd: byDistrict ? B * B : sum(([, b]) => b * b)
	});
}

const PEERS = ['P1', 'P2', 'P3', 'P4'];
const group = { peers: PEERS.map((leaid) => ({ leaid })), criteria: [] } as unknown as PeerGroup;

function data(over: Partial<CompareData> = {}): CompareData {
	const ids = ['T', ...PEERS];
	return {
		districts: [{ leaid: 'T', lea_name: 'Target', state_abbr: 'AL' }],
		leaids: ['T'],
		peers: [{ ok: true, group }],
		rates: ids.map((leaid) => {
			const schools = SCHOOLS[leaid]!;
			return {
				leaid,
				met: schools.reduce((a, [d]) => a + d, 0),
				base: schools.reduce((a, [, b]) => a + b, 0),
				in_block: false
			};
		}),
		answers: [],
		wave: null,
		stats: new Map(ids.map((id) => [id, statsOf(SCHOOLS[id]!)])),
		...over
	};
}

describe('compareModel — the peers’ pooled dosage rate', () => {
	it('pools the peers shown exactly, with the clustered §5.4 interval', () => {
		const [row] = compareModel(data(), 'demo');
		const u = row!.usage!;
		expect(u.peersUsed).toEqual(['P1', 'P2', 'P3']);
		expect(u.pooled).toMatchObject({
			value: { status: 'shown', value: expect.closeTo(70 / 240, 12) },
			ciMethod: 'clustered_wilson',
			ciMissing: null,
			peers: 3,
			schools: 6
		});
		expect(u.pooled!.lo).toBeCloseTo(0.234483, 6);
		expect(u.pooled!.hi).toBeCloseTo(0.356306, 6);
	});

	it('says where the district sits among its peers', () => {
		const [row] = compareModel(data(), 'demo');
		expect(row!.usage!.peer).toMatchObject({
			target_percentile: expect.closeTo(200 / 3, 9),
			median: 0.275,
			peer_gap: expect.closeTo(0.025, 12)
		});
	});

	it('falls back to student-level Wilson when peers report district totals only', () => {
		const stats = new Map(['T', ...PEERS].map((id) => [id, statsOf(SCHOOLS[id]!, true)] as const));
		const pooled = compareModel(data({ stats }), 'demo')[0]!.usage!.pooled!;
		expect(pooled.ciMethod).toBe('wilson');
		expect(pooled.lo).toBeCloseTo(0.237804, 6);
		expect(pooled.hi).toBeCloseTo(0.352093, 6);
	});

	it('gives no interval under 5 schools, and no pooled rate without the statistics', () => {
		const rates = data().rates.filter((r) => r.leaid !== 'P1' && r.leaid !== 'P3');
		const few = compareModel(data({ rates }), 'demo')[0]!.usage!.pooled!;
		// P2 alone: 13/60 over 2 schools.
		expect(few).toMatchObject({ ciMissing: 'too_few_schools', lo: null, hi: null, schools: 2 });
		expect(few.value).toEqual({ status: 'shown', value: expect.closeTo(13 / 60, 12) });
		expect(compareModel(data({ stats: undefined }), 'demo')[0]!.usage!.pooled).toBeNull();
	});
});

const estimate = (over: Partial<GroupEstimateRow>): GroupEstimateRow => ({
	group: 'in',
	estimate: 0.4,
	estimate_unsuppressed: 0.4,
	se: 0.05,
	lo: 0.31,
	hi: 0.5,
	n_unweighted: 120,
	n_eff: 96,
	variance_method: 'taylor',
	interval_method: 'wilson',
	level: 0.95,
	reliability: 'caution',
	flags: ['caution'],
	item_missing_rate: 0,
	n_item_missing: 0,
	...over
});

describe('compareModel — the peers’ survey-weighted training share', () => {
	const survey = { wave: 'fall 2024', answers: [] };

	it('shows the weighted share with its design-based interval, flagged "!" under n_eff 100', () => {
		const [row] = compareModel(data({ ...survey, peerTraining: [estimate({})] }), 'demo');
		expect(row!.training!.weighted).toEqual({
			value: { status: 'shown', value: 0.4 },
			lo: 0.31,
			hi: 0.5,
			n: 120,
			nEff: 96,
			reliability: 'caution'
		});
	});

	it('withholds an unreliable share (‡) and its interval', () => {
		const unreliable = estimate({ estimate: null, reliability: 'unreliable', n_eff: 4.9 });
		const [row] = compareModel(data({ ...survey, peerTraining: [unreliable] }), 'demo');
		expect(row!.training!.weighted).toMatchObject({
			value: { status: 'suppressed', label: '‡' },
			lo: null,
			hi: null
		});
	});

	it('is null when no peer is in the wave', () => {
		const [row] = compareModel(data({ ...survey, peerTraining: [null] }), 'demo');
		expect(row!.training!.weighted).toBeNull();
	});
});

import { describe, expect, it } from 'vitest';
import { briefModel, type BriefInput } from '#lib/brief/brief-model.ts';
import { NO_PRICES_SENTENCE } from '#lib/brief/sentences.ts';
import { parseDosageRule } from '#lib/dosage/parse-rule.ts';
import { EMPTY_STATS, type FunnelStats } from '#lib/view/funnel-stats.ts';

/**
 * A small hand-made fixture: "Test District" has one district-level unit of one product
 * ("Practice"), so every interval is a plain Wilson interval on the counts:
 *   enrolled 50, licensed 40, activated 30, regular 16, met 8, not evaluable 8.
 * Rates: access 40/50 = 80%, activation 30/40 = 75%, regular 16/40 = 40%,
 * dosage 8/(40 − 8) = 8/32 = 25%.
 * Wilson 95% for 8/32 (z = 1.959964, z² = 3.841459): 1 + z²/n = 1.120046,
 *   centre = (0.25 + 0.060023)/1.120046 = 0.276795,
 *   half = 1.959964·√(0.25·0.75/32 + z²/(4·32²))/1.120046 = 1.959964·0.0824453/1.120046 = 0.144271,
 *   so 13.25%–42.11% → "13–42%".
 * Costs at $12.50 a licence: 40 × 12.50 = $500; per student who met the rule 500/8 = $62.50;
 * never activated (40 − 30)/40 = 25% of licences (the $125 is withheld in public mode).
 */
const COUNTS = {
	enrolled_n: 50,
	licensed_n: 40,
	activated_n: 30,
	regular_n: 16,
	dosage_met_n: 8,
	not_evaluable_n: 8,
	not_evaluable_enrolled_n: 8,
	not_evaluable_active_n: 8
};
const districtStats: FunnelStats = {
	...EMPTY_STATS,
	units_n: 1,
	district_units_n: 1,
	sums: COUNTS
};

/**
 * Six peers, as (met, evaluable base): 4/30, 6/40, 12/50, 9/30, 14/40 and 2/5. The last has fewer
 * than 10 students and is withheld; none of the others is near 0% or 100% for its size tier, so
 * five rates are shown: 13.3%, 15%, 24%, 30%, 35%.
 * Median (type 7, n = 5) = the 3rd = 24%; quartiles = the 2nd and 4th = 15% and 30%.
 * Test District's 25% is above 3 of the 5 → 60th percentile; 25 − 24 = 1.0 point above.
 * Pooled over the five: 45/190 = 23.68% → "24%"; Wilson with n = 190: 1 + z²/n = 1.020218,
 *   centre = (0.236842 + 0.010109)/1.020218 = 0.242057,
 *   half = 1.959964·√(0.236842·0.763158/190 + z²/(4·190²))/1.020218 = 0.060077 → "18–30%".
 */
const PEERS = [
	{ leaid: '0100002', met: 4, base: 30, in_block: false },
	{ leaid: '0100003', met: 6, base: 40, in_block: false },
	{ leaid: '0100004', met: 12, base: 50, in_block: false },
	{ leaid: '0100005', met: 9, base: 30, in_block: false },
	{ leaid: '0100006', met: 14, base: 40, in_block: false },
	{ leaid: '0100007', met: 2, base: 5, in_block: false }
];

const rule = parseDosageRule('{"minutes_per_week_mean": {">=": 30}, "min_eligible_weeks": 4}');

const input = (over: Partial<BriefInput> = {}): BriefInput => ({
	district: { leaid: '0100001', lea_name: 'Test District', state_abbr: 'AL' },
	schoolYear: 2024,
	origin: 'demo',
	products: [
		{
			id: 'p1',
			name: 'Practice',
			grain: 'aggregate',
			rule: { product_id: 'p1', rule, source: 'products_table', source_keys: ['S10'] }
		}
	],
	overallId: 'p1',
	stats: new Map([['p1', districtStats]]),
	inBlock: new Set(),
	prices: new Map([['p1', 12.5]]),
	peers: {
		group: { criteria: ['same school year'], fallbackReason: null, short: false },
		counts: PEERS
	},
	...over
});

describe('briefModel sentences', () => {
	const { sentences } = briefModel(input());

	it('states the district’s dosage rate with its interval', () => {
		expect(sentences.headline).toBe(
			'In Test District, 25% of students given access (95% CI 13–42%) met the recommended dosage in 2024–25.'
		);
	});

	it('walks through the funnel', () => {
		expect(sentences.funnel).toBe(
			'Of enrolled students, 80% were given a licence; of those, 75% activated an account, 40% used it regularly and 25% met the recommended dosage.'
		);
	});

	it('places the district among the peers whose rates can be shown', () => {
		expect(sentences.peers).toBe(
			'Among its 6 peer districts, the median dosage rate is 24% (middle half 15–30%, 5 shown); pooled, 24% (95% CI 18–30%). Test District is 1.0 points above the median, higher than 60% of these peers.'
		);
	});

	it('gives the cost per student who met the rule and withholds the never-activated spend', () => {
		expect(sentences.costs).toEqual([
			'Practice: $62.50 per student who met the dosage rule; 25% of licence spend went on licences never activated (the amount is withheld in public mode).'
		]);
	});

	it('gives one cost sentence for several priced products together', () => {
		// A second product "Tutor" at $5.00: licensed 20, activated 16, met 4 of 20 evaluable.
		// Together: spend 40 × 12.50 + 20 × 5 = $600 over 8 + 4 = 12 who met a rule → $50.00;
		// never activated (10 + 4)/(40 + 20) = 14/60 = 23.3% → "23%".
		const tutor = { ...COUNTS, enrolled_n: 25, licensed_n: 20, activated_n: 16, regular_n: 8 };
		const tutorCounts = {
			...tutor,
			dosage_met_n: 4,
			not_evaluable_n: 0,
			not_evaluable_enrolled_n: 0,
			not_evaluable_active_n: 0
		};
		const base = input();
		const model = briefModel({
			...base,
			products: [
				...base.products,
				{
					...base.products[0]!,
					id: 'p2',
					name: 'Tutor',
					rule: { ...base.products[0]!.rule, product_id: 'p2' }
				}
			],
			overallId: 'all-products',
			stats: new Map([
				['p1', districtStats],
				['p2', { ...districtStats, sums: tutorCounts }]
			]),
			prices: new Map([
				['p1', 12.5],
				['p2', 5]
			])
		});
		expect(model.sentences.costs).toEqual([
			'All priced products together: $50.00 per student who met the dosage rule; 23% of licence spend went on licences never activated (the amount is withheld in public mode).'
		]);
	});

	it('says so when no price was entered, and when no peer group could be formed', () => {
		const model = briefModel(
			input({ prices: new Map(), peers: { reason: 'the district has no poverty measure.' } })
		);
		expect(model.sentences.costs).toEqual([NO_PRICES_SENTENCE]);
		expect(model.sentences.peers).toBe('No peer comparison: the district has no poverty measure.');
		expect(model.peers).toBeNull();
	});

	it('names the district’s rate as withheld when it has fewer than 10 students', () => {
		// 3 met of 8 evaluable (licensed 8, none not evaluable): under the minimum group of 10.
		const small = { ...COUNTS, enrolled_n: 9, licensed_n: 8, activated_n: 6, regular_n: 4 };
		const stats = { ...districtStats, sums: { ...small, dosage_met_n: 3, not_evaluable_n: 0 } };
		const model = briefModel(input({ stats: new Map([['p1', stats]]) }));
		expect(model.sentences.headline).toBe(
			'In Test District, the share of students given access who met the recommended dosage in 2024–25 is not shown (n<10: Fewer students than the minimum group size; hidden to protect privacy.).'
		);
		expect(model.sentences.peers).toMatch(
			/Test District's own rate is not shown exactly, so it is not placed among them\.$/
		);
	});

	it('withholds the district’s figures, and a peer’s rate, that would split a block of small districts', () => {
		// The district's 40 evaluable students would be shown on their own (as above); in a block
		// (see district-blocks.ts) its figures are complements, and a blocked peer leaves the
		// median: 0100002's 4/30 drops out, so the 5 shown become 4 (0100007 is under 10).
		const peers = PEERS.map((p) => ({ ...p, in_block: p.leaid === '0100002' }));
		const model = briefModel(
			input({
				inBlock: new Set(['p1']),
				peers: {
					group: { criteria: ['same school year'], fallbackReason: null, short: false },
					counts: peers
				}
			})
		);
		expect(model.sentences.headline).toMatch(
			/is not shown \(\*: Hidden so that a smaller hidden group/
		);
		expect(model.sentences.peers).toMatch(/, 4 shown\)/);
	});
});

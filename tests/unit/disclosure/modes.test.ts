import { describe, expect, it } from 'vitest';
import { disclosurePolicy, discloseView, PUBLIC_POLICY } from '#lib/disclosure/disclose-view.ts';
import { DEFAULT_PROFILE, disclosureProfile } from '#lib/disclosure/profiles.ts';
import type { CellInput, DisclosureView } from '#lib/disclosure/view.ts';

const RESEARCH = { mode: 'research', profile: DEFAULT_PROFILE } as const;

/** A district's funnel stage by poverty group: small groups, a zero and an empty group. */
const cells: CellInput[] = [
	{ id: 'T', keys: { group: 'all' }, numerator: 31, denominator: 159, totalOf: ['pov'] },
	{ id: 'Q1', keys: { group: 'Q1' }, numerator: 0, denominator: 100, partOf: ['pov'] },
	{ id: 'Q2', keys: { group: 'Q2' }, numerator: 30, denominator: 50, partOf: ['pov'] },
	{ id: 'Q3', keys: { group: 'Q3' }, numerator: 1, denominator: 8, partOf: ['pov'] },
	{ id: 'Q4', keys: { group: 'Q4' }, numerator: 0, denominator: 1, partOf: ['pov'] },
	{ id: 'U', keys: { group: 'unknown' }, numerator: 0, denominator: 0, partOf: ['pov'] }
];
const userView: DisclosureView = {
	records: 'student',
	origin: 'user_loaded',
	cells,
	derived: [
		{ id: 'gap', value: 0.6 - 0, from: ['Q2', 'Q1'] },
		{ id: 'gap-small', value: 0.6 - 0.125, from: ['Q2', 'Q3'] }
	]
};
const byId = (result: ReturnType<typeof discloseView>, id: string) =>
	result.cells.find((c) => c.id === id);

describe('discloseView — research mode', () => {
	const result = discloseView(userView, RESEARCH);

	it('labels the result so the UI shows the research banner', () => {
		expect(result.mode).toBe('research');
	});

	it('passes counts and rates through unsuppressed and uncoded', () => {
		expect(byId(result, 'Q2')).toMatchObject({
			suppression: null,
			numerator: { status: 'shown', value: 30 },
			denominator: { status: 'shown', value: 50 },
			rate: { status: 'shown', value: 30 / 50 }
		});
		expect(byId(result, 'Q1')?.rate).toEqual({ status: 'true_zero', value: 0 });
		expect(byId(result, 'Q1')?.numerator).toEqual({ status: 'true_zero', value: 0 });
		expect(result.derived[0]).toEqual({ id: 'gap', value: { status: 'shown', value: 0.6 } });
	});

	it('still withholds a one-student group', () => {
		expect(byId(result, 'Q4')?.suppression).toBe('single_student');
	});

	// Hand-worked: with only Q4 hidden, Q4 = T − Q1 − Q2 − Q3 − U = 159 − 100 − 50 − 8 − 0 = 1
	// (and its numerator 31 − 0 − 30 − 1 − 0 = 0). The complement is the smallest published
	// non-empty part, Q3 (n = 8); then T − Q1 − Q2 − U = 9 = Q3 + Q4 leaves both unknown.
	it('hides one complement so the one-student group cannot be worked out from the total', () => {
		expect(result.cells.map((c) => [c.id, c.suppression])).toEqual([
			['T', null],
			['Q1', null],
			['Q2', null],
			['Q3', 'complementary'],
			['Q4', 'single_student'],
			['U', null]
		]);
		expect(result.derived[1]).toEqual({
			id: 'gap-small',
			value: { status: 'suppressed', reason: 'built_from_suppressed', label: '*' }
		});
	});

	it('adds no complement when no one-student group is shown', () => {
		const noSingle = cells
			.filter((c) => c.id !== 'Q4')
			.map((c) => (c.id === 'T' ? { ...c, denominator: 158 } : c));
		const shown = discloseView({ ...userView, cells: noSingle, derived: [] }, RESEARCH);
		expect(shown.cells.every((c) => c.suppression === null)).toBe(true);
	});

	it('is refused for demo data and shared links', () => {
		expect(() => discloseView({ ...userView, origin: 'demo' }, RESEARCH)).toThrow(
			/research mode is only for data you loaded yourself/
		);
		expect(() => discloseView({ ...userView, origin: 'shared_link' }, RESEARCH)).toThrow();
	});
});

describe('disclosurePolicy — who may switch research mode on', () => {
	it('gives research mode for the reader’s own data when asked, public otherwise', () => {
		expect(disclosurePolicy('user_loaded', true)).toEqual(RESEARCH);
		expect(disclosurePolicy('user_loaded', false)).toBe(PUBLIC_POLICY);
	});

	it('publishes the reader’s own data with the profile they chose, in either mode', () => {
		const delaware = disclosureProfile('delaware');
		expect(disclosurePolicy('user_loaded', false, delaware)).toEqual({
			mode: 'public',
			profile: delaware
		});
		expect(disclosurePolicy('user_loaded', true, delaware)).toEqual({
			mode: 'research',
			profile: delaware
		});
		// Delaware hides groups of 15 or fewer: Q3 (n = 8) shows its profile's label.
		const result = discloseView(userView, disclosurePolicy('user_loaded', false, delaware));
		expect(result.profile).toBe('delaware');
		expect(byId(result, 'Q3')?.rate).toEqual({
			status: 'suppressed',
			reason: 'min_n',
			label: 'n<16'
		});
	});

	it('keeps demo data and shared links public with the default profile, whatever is asked', () => {
		expect(disclosurePolicy('demo', false, disclosureProfile('new_york'))).toBe(PUBLIC_POLICY);
		expect(disclosurePolicy('shared_link', true, disclosureProfile('texas'))).toBe(PUBLIC_POLICY);
	});

	it('keeps demo data and shared links public, whatever is asked', () => {
		expect(disclosurePolicy('demo', true)).toBe(PUBLIC_POLICY);
		expect(disclosurePolicy('shared_link', true)).toBe(PUBLIC_POLICY);
		// The policy it gives is accepted by discloseView for that origin (no throw).
		for (const origin of ['demo', 'shared_link', 'user_loaded'] as const) {
			const view = { ...userView, origin };
			expect(discloseView(view, disclosurePolicy(origin, true)).mode).toBe(
				origin === 'user_loaded' ? 'research' : 'public'
			);
		}
	});
});

describe('discloseView — public mode on the same cells', () => {
	const result = discloseView(userView);

	it('hides two small groups (they protect each other), keeping the empty group a true zero', () => {
		const hidden = result.cells.map((c) => [c.id, c.suppression]);
		expect(hidden).toEqual([
			['T', null],
			['Q1', null],
			['Q2', null],
			['Q3', 'min_n'],
			['Q4', 'min_n'],
			['U', null]
		]);
		expect(byId(result, 'U')).toMatchObject({
			denominator: { status: 'true_zero' },
			rate: { status: 'not_applicable', reason: 'zero_denominator' }
		});
	});

	it('withholds counts, bands n and bottom-codes a zero rate', () => {
		expect(byId(result, 'Q1')).toMatchObject({
			numerator: { status: 'suppressed', reason: 'counts_withheld' },
			denominator: { status: 'coarsened', label: '100–299' },
			rate: { status: 'coarsened', reason: 'bottom_coded', label: '≤2%' }
		});
	});

	it('hides a figure built from a hidden or a coded cell', () => {
		expect(result.derived.map((d) => [d.id, d.value])).toEqual([
			['gap', { status: 'suppressed', reason: 'built_from_coarsened', label: '*' }],
			['gap-small', { status: 'suppressed', reason: 'built_from_suppressed', label: '*' }]
		]);
	});
});

describe('discloseView — four-way missingness', () => {
	const view: DisclosureView = {
		records: 'student',
		origin: 'demo',
		cells: [
			{ id: 'missing', keys: {}, numerator: null, denominator: 40 },
			{
				id: 'na',
				keys: {},
				numerator: { status: 'not_applicable', reason: 'no_dosage_rule' },
				denominator: 40
			},
			{
				id: 'supplier',
				keys: {},
				numerator: 3,
				denominator: { status: 'suppressed', reason: '-3' }
			}
		]
	};
	const result = discloseView(view);

	it('keeps missing, not applicable and suppressed apart in counts and rates', () => {
		expect(byId(result, 'missing')?.rate).toEqual({ status: 'missing', reason: 'missing' });
		expect(byId(result, 'na')?.numerator).toEqual({
			status: 'not_applicable',
			reason: 'no_dosage_rule'
		});
		expect(byId(result, 'na')?.rate).toEqual({
			status: 'not_applicable',
			reason: 'no_dosage_rule'
		});
		expect(byId(result, 'supplier')?.rate).toMatchObject({
			status: 'suppressed',
			reason: 'supplier_suppressed'
		});
	});
});

describe('discloseView — survey cells (reliability, no privacy rules)', () => {
	const survey: DisclosureView = {
		records: 'survey',
		origin: 'demo',
		cells: [
			{
				id: 'high',
				keys: { poverty_level: 'high' },
				numerator: null,
				denominator: 12,
				rate: 0.4,
				reliability: 'unreliable',
				values: { lo: { kind: 'interval', value: 0.18 }, hi: { kind: 'interval', value: 0.66 } }
			},
			{
				id: 'low',
				keys: { poverty_level: 'low' },
				numerator: 40,
				denominator: 60,
				reliability: 'caution'
			}
		]
	};

	it('withholds an unreliable estimate as ‡ with its interval, and flags caution', () => {
		const result = discloseView(survey);
		expect(byId(result, 'high')).toMatchObject({
			denominator: { status: 'shown', value: 12 },
			rate: { status: 'suppressed', reason: 'unreliable', label: '‡' },
			values: { lo: { reason: 'built_from_suppressed' }, hi: { reason: 'built_from_suppressed' } }
		});
		expect(byId(result, 'low')).toMatchObject({
			numerator: { status: 'shown', value: 40 },
			rate: { status: 'shown', value: 40 / 60 },
			reliability: 'caution'
		});
	});

	it('shows the unreliable estimate in research mode, keeping the flag', () => {
		const result = discloseView({ ...survey, origin: 'user_loaded' }, RESEARCH);
		expect(byId(result, 'high')).toMatchObject({
			rate: { status: 'shown', value: 0.4 },
			reliability: 'unreliable'
		});
	});
});

describe('discloseView — aggregates only', () => {
	it('refuses a cell keyed by a student', () => {
		const cell = { id: 's', keys: { student_key: 'x' }, numerator: 1, denominator: 1 };
		expect(() =>
			discloseView({ records: 'student', origin: 'user_loaded', cells: [cell] }, RESEARCH)
		).toThrow(/student-level key not accepted/);
	});

	it('refuses duplicate cell ids and derived figures with unknown sources', () => {
		const cell = { id: 'a', keys: {}, numerator: 1, denominator: 20 };
		expect(() => discloseView({ records: 'student', origin: 'demo', cells: [cell, cell] })).toThrow(
			/duplicate/
		);
		const derived = [{ id: 'd', value: 1, from: ['zz'] }];
		expect(() =>
			discloseView({ records: 'student', origin: 'demo', cells: [cell], derived })
		).toThrow(/unknown source/);
	});
});

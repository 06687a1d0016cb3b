import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '#lib/db/database.ts';
import {
	balanced,
	issuesOf,
	load,
	mapping,
	openDatabase,
	resetTables,
	rowsOf
} from './ingest-helpers.ts';

let db: Database;
beforeAll(async () => {
	db = await openDatabase();
});
afterAll(() => db.close());

const summary = (table: string, read: number, loaded: number, rejected: number) => ({
	severity: 'notice',
	code: 'rows_summary',
	message: `${read} rows read: ${loaded} loaded into ${table}, ${rejected} rejected.`
});

describe('yes/no answers (survey_responses.trained_teachers_ai)', () => {
	const M = mapping('survey_responses', {
		survey_id: 'survey',
		survey_wave: 'wave',
		respondent_id: 'id',
		trained_teachers_ai: 'Trained'
	});
	it('reads the common spellings as 1/0 and rejects anything else', async () => {
		await resetTables(db, 'survey_responses');
		const answers = ['Y', 'yes', 'TRUE', '1', 'Sí', 'N', 'no', 'False', '0', 'maybe'];
		const csv =
			'survey,wave,id,Trained\n' + answers.map((a, i) => `s,fall 2024,r${i},${a}\n`).join('');
		const report = await load(db, csv, M);
		expect(
			await rowsOf(db, 'survey_responses', ['trained_teachers_ai', 'school_year_start'])
		).toEqual(
			[1, 1, 1, 1, 1, 0, 0, 0, 0].map((v) => ({ trained_teachers_ai: v, school_year_start: 2024 }))
		);
		expect(issuesOf(report)).toEqual([
			{
				severity: 'error',
				code: 'not_yes_no',
				line: 11,
				column: 'Trained',
				value: 'maybe',
				message:
					'line 11, column `Trained`: `maybe` is not a yes/no answer; use Yes/No, Y/N, TRUE/FALSE or 1/0.'
			},
			summary('survey_responses', 10, 9, 1)
		]);
		expect(report.changes.find((c) => c.rule === 'yes_no_normalised')?.count).toBe(7);
		expect(report.changes.find((c) => c.rule === 'school_year_from_survey_wave')?.count).toBe(9);
	});
});

describe('percentages decided per column', () => {
	const M = mapping('districts', { leaid: 'leaid', school_year_start: 'sy', meps_pct: 'share' });
	interface ScaleCase {
		name: string;
		values: string[];
		options?: Record<string, 'percent' | 'proportion'>;
		stored: (number | null)[];
		issues: unknown[];
		/** The share's change records: field, rule, count and the lines of the examples. */
		changes: unknown[];
	}
	const CASES: ScaleCase[] = [
		{
			name: 'proportions (all ≤ 1) stay as they are',
			values: ['0.67', '0.5', '1'],
			stored: [0.67, 0.5, 1],
			issues: [],
			changes: []
		},
		{
			name: 'plain numbers above 1 make the column percentages',
			values: ['67', '0.5', '100'],
			stored: [0.67, 0.005, 1],
			issues: [],
			changes: [['meps_pct', 'percent_scaled', 3, [2, 3, 4]]]
		},
		{
			name: 'values with % are always percentages',
			values: ['67%', '50 %', '100%'],
			stored: [0.67, 0.5, 1],
			issues: [],
			changes: [['meps_pct', 'percent_sign_removed', 3, [2, 3, 4]]]
		},
		{
			name: 'mixing % with plain numbers ≤ 1 is ambiguous: the default is stated and the user asked',
			values: ['67%', '0.5', '0.25'],
			stored: [0.67, 0.5, 0.25],
			issues: [
				{
					severity: 'warning',
					code: 'ambiguous_scale',
					column: 'share',
					message:
						'Column "share" (meps_pct) mixes values written with % (1) and plain numbers that are all at most 1 (largest 0.5). The plain numbers were read as proportions: 0.5 means 50%. If they are percentages, set options.scales.meps_pct to "percent".'
				}
			],
			changes: [['meps_pct', 'percent_sign_removed', 1, [2]]]
		},
		{
			name: 'an explicit scale settles it',
			values: ['67%', '0.5', '0.25'],
			options: { meps_pct: 'percent' },
			stored: [0.67, 0.005, 0.0025],
			issues: [],
			changes: [
				['meps_pct', 'percent_scaled', 2, [3, 4]],
				['meps_pct', 'percent_sign_removed', 1, [2]]
			]
		}
	];
	it.each(CASES)('$name', async ({ values, options, stored, issues, changes }) => {
		await resetTables(db, 'districts');
		const csv = 'leaid,sy,share\n' + values.map((v, i) => `010000${i},2024-25,${v}\n`).join('');
		const report = await load(db, csv, { ...M, options: { scales: options } });
		expect(issuesOf(report)).toEqual([...issues, summary('districts', 3, 3, 0)]);
		expect(
			report.changes
				.filter((c) => c.field === 'meps_pct')
				.map((c) => [c.field, c.rule, c.count, c.examples.map((e) => e.line)])
		).toEqual(changes);
		const rows = await rowsOf(db, 'districts', ['meps_pct']);
		rows.forEach((row, i) => expect(row.meps_pct).toBeCloseTo(stored[i]!, 12));
	});

	it('rejects shares outside 0–100%', async () => {
		await resetTables(db, 'districts');
		const report = await load(db, 'leaid,sy,share\n0100001,2024-25,150%\n0100002,2024-25,abc\n', M);
		expect(issuesOf(report)).toEqual([
			{
				severity: 'error',
				code: 'out_of_range',
				line: 2,
				column: 'share',
				value: '150%',
				message: 'line 2, column `share`: `150%` is not a share between 0% and 100%.'
			},
			{
				severity: 'error',
				code: 'not_a_number',
				line: 3,
				column: 'share',
				value: 'abc',
				message: 'line 3, column `share`: `abc` is not a number.'
			},
			summary('districts', 2, 0, 2)
		]);
	});

	it('asks when a percentage column (pct_access) has only values ≤ 1, defaulting to percent', async () => {
		await resetTables(db, 'daily_touch');
		const m = mapping(
			'daily_touch',
			{ lp_id: 'lp_id', day: 'time', pct_access: 'pct_access' },
			{ constants: { lp_district_id: '2872' } }
		);
		const report = await load(
			db,
			'time,lp_id,pct_access\n2020-01-03,95731,0.37\n2020-01-04,95731,0.9\n',
			m
		);
		expect(issuesOf(report)).toEqual([
			{
				severity: 'warning',
				code: 'ambiguous_scale',
				column: 'pct_access',
				message:
					'Column "pct_access" (pct_access) is documented as a percentage (0–100), but every value is at most 1 (largest 0.9). It was read as percentages: 0.9 means 0.9% (0.009 as a proportion). If the values are proportions (0.9 = 90%), set options.scales.pct_access to "proportion".'
			},
			summary('daily_touch', 2, 2, 0)
		]);
		expect(await rowsOf(db, 'daily_touch', ['lp_district_id', 'day', 'pct_access'])).toEqual([
			{ lp_district_id: '2872', day: new Date('2020-01-03').getTime(), pct_access: 0.37 },
			{ lp_district_id: '2872', day: new Date('2020-01-04').getTime(), pct_access: 0.9 }
		]);
	});
});

describe('European Excel files', () => {
	it('reads semicolons, decimal commas and title rows', async () => {
		await resetTables(db, 'districts');
		const csv =
			'Schulbezirke 2024;;\n;;\nleaid;sy;share\n0100001;2024-25;0,67\n0100002;2024-25;"1.234,5"\n';
		const report = await load(
			db,
			csv,
			mapping('districts', { leaid: 'leaid', school_year_start: 'sy', enrollment_total: 'share' }),
			{},
			'eu.csv'
		);
		expect(issuesOf(report)).toEqual([
			{
				severity: 'notice',
				code: 'title_rows_skipped',
				line: 3,
				message:
					'The header is on line 3; line 1 above it ("Schulbezirke 2024") was skipped as titles.'
			},
			{
				severity: 'error',
				code: 'not_an_integer',
				line: 4,
				column: 'share',
				value: '0,67',
				message: 'line 4, column `share`: `0,67` is not a whole number.'
			},
			{
				severity: 'error',
				code: 'not_an_integer',
				line: 5,
				column: 'share',
				value: '1.234,5',
				message: 'line 5, column `share`: `1.234,5` is not a whole number.'
			},
			summary('districts', 2, 0, 2)
		]);
		expect(balanced(report)).toBe(true);
	});

	it('turns decimal commas into numbers', async () => {
		await resetTables(db, 'districts');
		await load(
			db,
			'leaid;sy;share\n0100001;2024-25;0,67\n0100002;2024-25;"12,5"\n',
			mapping('districts', { leaid: 'leaid', school_year_start: 'sy', meps_pct: 'share' }),
			{},
			'eu.csv'
		);
		expect(await rowsOf(db, 'districts', ['meps_pct'])).toEqual([
			{ meps_pct: 0.0067 },
			{ meps_pct: 0.125 }
		]);
	});
});

describe('usage aggregates', () => {
	it('warns about funnels out of order (D ≤ A ≤ L) but loads the rows', async () => {
		await resetTables(db, 'usage_aggregate');
		const m = mapping('usage_aggregate', {
			unit_type: 'unit',
			unit_id: 'id',
			product_id: 'product',
			school_year_start: 'sy',
			licensed_n: 'L',
			activated_n: 'A',
			dosage_met_n: 'D'
		});
		const csv =
			'unit,id,product,sy,L,A,D\ndistrict,0100190,khan,2024-25,100,80,10\nDistrict,0100005,khan,2024-25,100,120,10\n';
		const report = await load(db, csv, m);
		expect(issuesOf(report)).toEqual([
			{
				severity: 'warning',
				code: 'funnel_inconsistent',
				line: 3,
				message:
					'line 3: licensed 100, activated 120, regular –, dosage met 10: the funnel needs dosage met ≤ activated ≤ licensed and regular ≤ activated. The row is loaded; its rates will be blank (funnel_inconsistent).'
			},
			summary('usage_aggregate', 2, 2, 0)
		]);
		expect(await rowsOf(db, 'usage_aggregate', ['unit_type', 'activated_n'])).toEqual([
			{ unit_type: 'district', activated_n: 80 },
			{ unit_type: 'district', activated_n: 120 }
		]);
	});
});

describe('dosage rules (products.dosage_rule_json)', () => {
	const M = mapping('products', { product_id: 'id', dosage_rule_json: 'rule' });
	const csvValue = (json: string) => `"${json.replaceAll('"', '""')}"`;
	const RULES = [
		['p1', '{"minutes_per_week_mean": {">=": 30}, "min_eligible_weeks": 4}'],
		['p2', 'thirty minutes'],
		['p3', '{"minutes": {">=": 30}}'],
		['p4', '{"minutes_per_week_mean": {">=": "thirty"}}'],
		['p5', '']
	] as const;
	// What V8's JSON.parse says about the text (the parser quotes it), computed here, not copied.
	const notJson = (() => {
		try {
			JSON.parse(RULES[1][1]);
			return '';
		} catch (error) {
			return (error as Error).message;
		}
	})();
	const HOW = 'Write it like {"minutes_per_week_mean": {">=": 30}, "min_eligible_weeks": 4}.';
	const rejected = (line: number, value: string, why: string) => ({
		severity: 'error',
		code: 'dosage_rule_invalid',
		line,
		column: 'rule',
		value,
		message: `line ${line}, column \`rule\`: \`${value}\` is not a dosage rule: ${why}. ${HOW}`
	});

	it('rejects rules the metrics could not parse, in the parser’s own words; loads the rest', async () => {
		await resetTables(db, 'products');
		const csv = 'id,rule\n' + RULES.map(([id, rule]) => `${id},${csvValue(rule)}\n`).join('');
		const report = await load(db, csv, M);
		expect(issuesOf(report)).toEqual([
			rejected(3, RULES[1][1], `not valid JSON (${notJson})`),
			rejected(
				4,
				RULES[2][1],
				'unknown clause "minutes" (expected one of minutes_per_week_mean, hours_total, lessons_completed_per_week_mean, skills_proficient_per_week_mean, quiz_pass_rate, active_weeks, min_eligible_weeks)'
			),
			rejected(5, RULES[3][1], 'minutes_per_week_mean >= needs a finite number ≥ 0, got "thirty"'),
			summary('products', 5, 2, 3)
		]);
		expect(balanced(report)).toBe(true);
		expect(await rowsOf(db, 'products', ['product_id', 'dosage_rule_json'])).toEqual([
			{ product_id: 'p1', dosage_rule_json: RULES[0][1] },
			{ product_id: 'p5', dosage_rule_json: null }
		]);
	});
});

describe('minutes keep two decimals (usage_student_week.minutes, DECIMAL(12,2))', () => {
	const M = mapping('usage_student_week', {
		student_key: 'student',
		leaid: 'leaid',
		product_id: 'product',
		school_year_start: 'sy',
		week_start: 'week',
		minutes: 'minutes'
	});
	const MINUTES = ['29.996', '26.8', '30', '12.345', '2.9996e1'];
	const csv =
		'student,leaid,product,sy,week,minutes\n' +
		MINUTES.map((m, i) => `s${i},0100190,p,2024-25,2024-09-02,${m}\n`).join('');

	// Rounded to hundredths, half away from zero: 29.996 → 30.00, 12.345 → 12.35, 2.9996e1 =
	// 29.996 → 30.00; 26.8 and 30 keep their value (26.80, 30.00), which is no change.
	it.each([true, false])(
		'records every value rounded to fit, so a threshold crossing is never silent (fast path %s)',
		async (fastPath) => {
			await resetTables(db, 'usage_student_week');
			const report = await load(db, csv, M, { fastPath });
			expect([report.rowsRead, report.rowsLoaded, report.rowsRejected]).toEqual([5, 5, 0]);
			expect(report.changes.filter((c) => c.field === 'minutes')).toEqual([
				{
					field: 'minutes',
					column: 'minutes',
					rule: 'rounded_to_2_decimals',
					count: 3,
					examples: [
						{ line: 2, before: '29.996', after: '30.00' },
						{ line: 5, before: '12.345', after: '12.35' },
						{ line: 6, before: '2.9996e1', after: '30.00' }
					]
				}
			]);
			const rows = await rowsOf(db, 'usage_student_week', ['minutes']);
			expect(rows.map((r) => Number(r.minutes))).toEqual([30, 26.8, 30, 12.35, 30]);
		}
	);
});

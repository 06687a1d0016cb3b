import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
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
beforeEach(() => resetTables(db, 'districts'));

const M = mapping(
	'districts',
	{
		leaid: 'District Code',
		school_year_start: 'Year',
		state_fips: 'FIPS',
		enrollment_total: 'Enrollment'
	},
	{ year_mapping: 'fall' }
);
const summary = (read: number, loaded: number, rejected: number, extra = '') => ({
	severity: 'notice',
	code: 'rows_summary',
	message: `${read} rows read: ${loaded} loaded into districts, ${rejected} rejected.${extra}`
});

interface Case {
	name: string;
	csv: string;
	rows: Record<string, unknown>[];
	issues: unknown[];
	read: number;
	rejected: number;
	/** The report's missing values by reason, when the case is about them. */
	missing?: unknown[];
}

const CASES: Case[] = [
	{
		name: 'LEAIDs stripped of leading zeros are padded; state FIPS too; CRLF and a BOM are fine',
		csv: '\ufeffDistrict Code,Year,FIPS,Enrollment\r\n100190,2024,1,"6,631"\r\n0100005,2024,01,4825\r\n',
		rows: [
			{ leaid: '0100190', school_year_start: 2024, state_fips: '01', enrollment_total: 6631 },
			{ leaid: '0100005', school_year_start: 2024, state_fips: '01', enrollment_total: 4825 }
		],
		issues: [summary(2, 2, 0)],
		read: 2,
		rejected: 0
	},
	{
		name: 'a LEAID longer than 7 digits or not numeric rejects its row, naming line, column and value',
		csv: 'District Code,Year,FIPS,Enrollment\n1234567890,2024,12,10\nAB-12,2024,12,10\n1200030,2024,12,10\n',
		rows: [{ leaid: '1200030', school_year_start: 2024, state_fips: '12', enrollment_total: 10 }],
		issues: [
			{
				severity: 'error',
				code: 'leaid_too_long',
				line: 2,
				column: 'District Code',
				value: '1234567890',
				message: 'line 2, column `District Code`: `1234567890` has 10 digits; an NCES LEAID has 7.'
			},
			{
				severity: 'error',
				code: 'leaid_not_numeric',
				line: 3,
				column: 'District Code',
				value: 'AB-12',
				message:
					'line 3, column `District Code`: `AB-12` is not a number; an NCES LEAID is 7 digits (2-digit state FIPS + 5), e.g. 0100190.'
			},
			summary(3, 1, 2)
		],
		read: 3,
		rejected: 2
	},
	{
		name: 'a LEAID whose prefix is not the state is loaded with a warning',
		csv: 'District Code,Year,FIPS,Enrollment\n0600001,2024,01,10\n',
		rows: [{ leaid: '0600001', school_year_start: 2024, state_fips: '01', enrollment_total: 10 }],
		issues: [
			{
				severity: 'warning',
				code: 'leaid_state_mismatch',
				line: 2,
				column: 'District Code',
				value: '0600001',
				message:
					'line 2, column `District Code`: LEAID 0600001 starts with 06 (California), but the state is 01 (Alabama); check the LEAID or the state.'
			},
			summary(1, 1, 0)
		],
		read: 1,
		rejected: 0
	},
	{
		name: 'missing and suppression codes become NULL, never zero, each with its reason',
		csv: 'District Code,Year,FIPS,Enrollment\n0100001,2024,01,-1\n0100002,2024,01,-2\n0100003,2024,01,-3\n0100004,2024,01,*\n0100005,2024,01,<10\n0100006,2024,01,N/A\n0100007,2024,01,\n0100008,2024,01,M\n0100009,2024,01,NaN\n',
		rows: [1, 2, 3, 4, 5, 6, 7, 8, 9].map((i) => ({
			leaid: `010000${i}`,
			school_year_start: 2024,
			state_fips: '01',
			enrollment_total: null
		})),
		issues: [summary(9, 9, 0)],
		read: 9,
		rejected: 0,
		// domain-spec §1.6 (CCD's codes): -1, empty, M and NaN are missing (lines 2, 8, 9, 10; the
		// report lists the first three); -2 and N/A not applicable (3, 7); -3, * and <10 suppressed.
		missing: [
			['missing', 4, [2, 8, 9]],
			['not_applicable', 2, [3, 7]],
			['suppressed', 3, [4, 5, 6]]
		].map(([reason, count, lines]) => ({
			field: 'enrollment_total',
			column: 'Enrollment',
			reason,
			count,
			lines
		}))
	},
	{
		name: 'school-year formats all give the fall year; inconsistent ranges are rejected',
		csv: 'District Code,Year,FIPS,Enrollment\n0100001,2024-25,01,1\n0100002,2024–25,01,1\n0100003,2024-2025,01,1\n0100004,SY2024-25,01,1\n0100005,2024-26,01,1\n0100006,24/25,01,1\n',
		rows: [1, 2, 3, 4].map((i) => ({
			leaid: `010000${i}`,
			school_year_start: 2024,
			state_fips: '01',
			enrollment_total: 1
		})),
		issues: [
			{
				severity: 'error',
				code: 'school_year_inconsistent',
				line: 6,
				column: 'Year',
				value: '2024-26',
				message:
					'line 6, column `Year`: `2024-26` does not span two consecutive years; write it like 2024-25.'
			},
			{
				severity: 'error',
				code: 'not_a_school_year',
				line: 7,
				column: 'Year',
				value: '24/25',
				message: 'line 7, column `Year`: `24/25` is not a school year; write it like 2024-25.'
			},
			summary(6, 4, 2)
		],
		read: 6,
		rejected: 2
	},
	{
		name: 'a duplicate key keeps the first row and rejects the rest, naming the kept line',
		csv: 'District Code,Year,FIPS,Enrollment\n100190,2024,01,1\n0100190,2024,01,2\n0100190,2023,01,3\n',
		rows: [
			{ leaid: '0100190', school_year_start: 2024, state_fips: '01', enrollment_total: 1 },
			{ leaid: '0100190', school_year_start: 2023, state_fips: '01', enrollment_total: 3 }
		],
		issues: [
			{
				severity: 'error',
				code: 'duplicate_key',
				line: 3,
				column: 'District Code',
				value: '0100190',
				message:
					'line 3, column `District Code`: same key (leaid 0100190, school_year_start 2024) as line 2; only the first row with this key is loaded, line 2.'
			},
			summary(3, 2, 1)
		],
		read: 3,
		rejected: 1
	},
	{
		name: 'rows with the wrong number of values are rejected; blank lines are not rows',
		csv: 'District Code,Year,FIPS,Enrollment\n0100001,2024,01\n\n0100002,2024,01,5,x\n0100003,2024,01,5\n\n\n',
		rows: [{ leaid: '0100003', school_year_start: 2024, state_fips: '01', enrollment_total: 5 }],
		issues: [
			{
				severity: 'error',
				code: 'wrong_field_count',
				line: 2,
				column: '(whole row)',
				value: '',
				message:
					'line 2: has 3 values; the header (line 1) has 4. Quote values that contain the delimiter ",", or add the missing values.'
			},
			{
				severity: 'error',
				code: 'wrong_field_count',
				line: 4,
				column: '(whole row)',
				value: '',
				message:
					'line 4: has 5 values; the header (line 1) has 4. Quote values that contain the delimiter ",", or add the missing values.'
			},
			summary(3, 1, 2, ' 3 blank lines were skipped (not rows).')
		],
		read: 3,
		rejected: 2
	},
	{
		name: 'a required value that is missing rejects the row',
		csv: 'District Code,Year,FIPS,Enrollment\n,2024,01,5\nNaN,2024,01,5\n',
		rows: [],
		issues: [
			{
				severity: 'error',
				code: 'required_missing',
				line: 2,
				column: 'District Code',
				value: '',
				message: 'line 2, column `District Code`: no value, but every districts row needs leaid.'
			},
			{
				severity: 'error',
				code: 'required_missing',
				line: 3,
				column: 'District Code',
				value: 'NaN',
				message:
					'line 3, column `District Code`: `NaN` is a code for "missing", but every districts row needs leaid.'
			},
			summary(2, 0, 2)
		],
		read: 2,
		rejected: 2
	},
	{
		name: 'counts reject negative and fractional values',
		csv: 'District Code,Year,FIPS,Enrollment\n0100001,2024,01,-5\n0100002,2024,01,12.5\n0100003,2024,01,12.0\n',
		rows: [{ leaid: '0100003', school_year_start: 2024, state_fips: '01', enrollment_total: 12 }],
		issues: [
			{
				severity: 'error',
				code: 'negative_count',
				line: 2,
				column: 'Enrollment',
				value: '-5',
				message:
					'line 2, column `Enrollment`: `-5` is negative; counts cannot be (-1, -2 and -3 mean missing, not applicable and suppressed).'
			},
			{
				severity: 'error',
				code: 'not_an_integer',
				line: 3,
				column: 'Enrollment',
				value: '12.5',
				message: 'line 3, column `Enrollment`: `12.5` is not a whole number.'
			},
			summary(3, 1, 2)
		],
		read: 3,
		rejected: 2
	}
];

describe('ingestFile into districts', () => {
	it.each(CASES)('$name', async ({ csv, rows, issues, read, rejected, missing }) => {
		const report = await load(db, csv, M);
		expect(issuesOf(report)).toEqual(issues);
		if (missing) expect(report.missing).toEqual(missing);
		expect(
			await rowsOf(db, 'districts', [
				'leaid',
				'school_year_start',
				'state_fips',
				'enrollment_total'
			])
		).toEqual(rows);
		expect([report.rowsRead, report.rowsRejected, report.rowsLoaded]).toEqual([
			read,
			rejected,
			rows.length
		]);
		expect(balanced(report)).toBe(true);
	});

	it('lists every rejected row with its original values, and as CSV', async () => {
		const { rejectedRowsCsv } = await import('#lib/ingest/report.ts');
		const report = await load(
			db,
			'District Code,Year,FIPS,Enrollment\n1234567890,2024,"1, or 2",x\n',
			M
		);
		expect(report.rejected).toEqual([
			{
				line: 2,
				fields: ['1234567890', '2024', '1, or 2', 'x'],
				reasons: [
					{
						column: 'District Code',
						value: '1234567890',
						code: 'leaid_too_long',
						message:
							'line 2, column `District Code`: `1234567890` has 10 digits; an NCES LEAID has 7.'
					},
					{
						column: 'FIPS',
						value: '1, or 2',
						code: 'fips_invalid',
						message:
							'line 2, column `FIPS`: `1, or 2` is not a state FIPS code (1–2 digits, e.g. 01 for Alabama).'
					},
					{
						column: 'Enrollment',
						value: 'x',
						code: 'not_an_integer',
						message: 'line 2, column `Enrollment`: `x` is not a whole number.'
					}
				]
			}
		]);
		expect(rejectedRowsCsv(report)).toBe(
			'District Code,Year,FIPS,Enrollment,rejected_line,rejected_columns,rejected_reasons\r\n' +
				'1234567890,2024,"1, or 2",x,2,District Code | FIPS | Enrollment,"line 2, column `District Code`: `1234567890` has 10 digits; an NCES LEAID has 7. | line 2, column `FIPS`: `1, or 2` is not a state FIPS code (1–2 digits, e.g. 01 for Alabama). | line 2, column `Enrollment`: `x` is not a whole number."\r\n'
		);
	});

	it('lists rejected rows up to the limit, counts the rest and says so', async () => {
		const { rejectedRowsCsv } = await import('#lib/ingest/report.ts');
		// Five rows with a non-numeric LEAID (lines 2–6) and one good row (line 7); 2 may be listed.
		const bad = ['A1', 'A2', 'A3', 'A4', 'A5'];
		const csv =
			'District Code,Year\n' + bad.map((id) => `${id},2024\n`).join('') + '0100190,2024\n';
		const m = mapping(
			'districts',
			{ leaid: 'District Code', school_year_start: 'Year' },
			{ year_mapping: 'fall' }
		);
		const report = await load(db, csv, m, { limits: { maxRejectedListed: 2 } });
		expect([report.rowsRead, report.rowsLoaded, report.rowsRejected]).toEqual([6, 1, 5]);
		expect(report.rejected.map((r) => r.line)).toEqual([2, 3]);
		expect(report.rejectedNotListed).toBe(3);
		const notNumeric = (line: number, id: string) => ({
			severity: 'error',
			code: 'leaid_not_numeric',
			line,
			column: 'District Code',
			value: id,
			message: `line ${line}, column \`District Code\`: \`${id}\` is not a number; an NCES LEAID is 7 digits (2-digit state FIPS + 5), e.g. 0100190.`
		});
		expect(issuesOf(report)).toEqual([
			notNumeric(2, 'A1'),
			notNumeric(3, 'A2'),
			summary(6, 1, 5),
			{
				severity: 'error',
				code: 'rows_summary',
				message: '3 more rejected rows are not listed here (the first 2 are).'
			}
		]);
		expect(rejectedRowsCsv(report).split('\r\n').slice(1, -1)).toHaveLength(2);
	});

	it('records every change with counts and examples, and missing values by reason', async () => {
		const report = await load(
			db,
			'District Code,Year,FIPS,Enrollment\n100190, 2024-25 ,1,-1\n100005,2024,01,*\n',
			M
		);
		expect(report.changes).toEqual([
			{
				field: 'leaid',
				column: 'District Code',
				rule: 'zero_padded',
				count: 2,
				examples: [
					{ line: 2, before: '100190', after: '0100190' },
					{ line: 3, before: '100005', after: '0100005' }
				]
			},
			{
				field: 'school_year_start',
				column: 'Year',
				rule: 'bare_year_fall',
				count: 1,
				examples: [{ line: 3, before: '2024', after: '2024' }]
			},
			{
				field: 'school_year_start',
				column: 'Year',
				rule: 'school_year_to_fall_year',
				count: 1,
				examples: [{ line: 2, before: ' 2024-25 ', after: '2024' }]
			},
			{
				field: 'school_year_start',
				column: 'Year',
				rule: 'whitespace_trimmed',
				count: 1,
				examples: [{ line: 2, before: ' 2024-25 ', after: '2024-25' }]
			},
			{
				field: 'state_fips',
				column: 'FIPS',
				rule: 'zero_padded',
				count: 1,
				examples: [{ line: 2, before: '1', after: '01' }]
			},
			{
				field: 'state_abbr',
				column: 'state_abbr (from FIPS)',
				rule: 'state_abbr_from_state_fips',
				count: 2,
				examples: [
					{ line: 2, before: '1', after: 'AL' },
					{ line: 3, before: '01', after: 'AL' }
				]
			},
			{
				field: 'census_region',
				column: 'census_region (from FIPS)',
				rule: 'census_region_from_state_fips',
				count: 2,
				examples: [
					{ line: 2, before: '1', after: 'South' },
					{ line: 3, before: '01', after: 'South' }
				]
			}
		]);
		expect(report.missing).toEqual([
			{ field: 'enrollment_total', column: 'Enrollment', reason: 'missing', count: 1, lines: [2] },
			{
				field: 'enrollment_total',
				column: 'Enrollment',
				reason: 'suppressed',
				count: 1,
				lines: [3]
			}
		]);
	});

	it('rejects bare years without a year mapping, with one summary naming the column', async () => {
		const report = await load(
			db,
			'District Code,Year\n0100190,2024\n',
			mapping('districts', { leaid: 'District Code', school_year_start: 'Year' })
		);
		expect(issuesOf(report)).toEqual([
			{
				severity: 'error',
				code: 'bare_year_needs_mapping',
				line: 2,
				column: 'Year',
				value: '2024',
				message:
					'line 2, column `Year`: `2024` is a bare year: is it 2024-25 or 2023-24? Set options.year_mapping to "fall" (2024 = 2024-25) or "spring" (2024 = 2023-24).'
			},
			summary(1, 0, 1),
			{
				severity: 'error',
				code: 'bare_year_needs_mapping',
				column: 'Year',
				message:
					'Column `Year` has bare years (e.g. 2024). A bare year is ambiguous: set options.year_mapping to "fall" (2024 = 2024-25) or "spring" (2024 = 2023-24), then load the file again.'
			}
		]);
	});

	it('reads a bare spring year as the year before', async () => {
		await load(
			db,
			'District Code,Year\n0100190,2025\n',
			mapping(
				'districts',
				{ leaid: 'District Code', school_year_start: 'Year' },
				{ year_mapping: 'spring' }
			)
		);
		expect(await rowsOf(db, 'districts', ['school_year_start'])).toEqual([
			{ school_year_start: 2024 }
		]);
	});

	it('keeps the last duplicate when asked', async () => {
		const report = await load(
			db,
			'District Code,Year\n0100190,2024-25\n0100190,2024-25\n',
			mapping(
				'districts',
				{ leaid: 'District Code', school_year_start: 'Year' },
				{ duplicates: 'keep_last' }
			)
		);
		expect(report.rejected.map((r) => [r.line, r.reasons[0]?.message])).toEqual([
			[
				2,
				'line 2, column `District Code`: same key (leaid 0100190, school_year_start 2024) as line 3; only the last row with this key is loaded, line 3.'
			]
		]);
	});
});

describe('duplicate keys across files', () => {
	const DM = mapping('districts', { leaid: 'District Code', school_year_start: 'Year' });
	const A = 'District Code,Year\n0100190,2024-25\n0100005,2024-25\n';
	const B = 'District Code,Year\n100190,2024-25\n0100006,2024-25\n';
	const counts = (r: { rowsRead: number; rowsLoaded: number; rowsRejected: number }) => [
		r.rowsRead,
		r.rowsLoaded,
		r.rowsRejected
	];
	// B's line 2 is A's line 2 once padded (100190 → 0100190): the one key the files share.
	const rejectedB = (from: string) =>
		`line 2, column \`District Code\`: same key (leaid 0100190, school_year_start 2024) as a row ${from}; the row loaded first is kept, so this row is not loaded. If this file should replace the other one, remove the other file.`;

	it('rejects a later file’s row whose key an earlier file loaded, naming that file', async () => {
		expect(counts(await load(db, A, DM, {}, 'a.csv'))).toEqual([2, 2, 0]);
		const b = await load(db, B, DM, {}, 'b.csv');
		expect(counts(b)).toEqual([2, 1, 1]);
		expect(b.rejected).toEqual([
			{
				line: 2,
				fields: ['100190', '2024-25'],
				reasons: [
					{
						column: 'District Code',
						value: '0100190',
						code: 'duplicate_key',
						message: rejectedB('already loaded from `a.csv`')
					}
				]
			}
		]);
		expect(await rowsOf(db, 'districts', ['leaid'])).toEqual([
			{ leaid: '0100190' },
			{ leaid: '0100005' },
			{ leaid: '0100006' }
		]);
	});

	it('keeps the earlier file’s row even with keep_last (its report stays true)', async () => {
		await load(db, A, DM, {}, 'a.csv');
		const b = await load(db, B, { ...DM, options: { duplicates: 'keep_last' } }, {}, 'b.csv');
		expect(counts(b)).toEqual([2, 1, 1]);
		expect(b.rejected[0]?.reasons[0]?.message).toBe(rejectedB('already loaded from `a.csv`'));
	});

	it('names the file a key came from when several were loaded, and a repeat inside the new file defers to it', async () => {
		await load(db, A, DM, {}, 'a.csv');
		await load(db, 'District Code,Year\n0100007,2024-25\n', DM, {}, 'c.csv');
		const d = await load(
			db,
			'District Code,Year\n0100007,2024-25\n0100007,2024-25\n0100008,2024-25\n',
			DM,
			{},
			'd.csv'
		);
		expect(counts(d)).toEqual([3, 1, 2]);
		expect(d.rejected.map((r) => [r.line, r.reasons[0]?.message])).toEqual(
			[2, 3].map((line) => [
				line,
				`line ${line}, column \`District Code\`: same key (leaid 0100007, school_year_start 2024) as a row already loaded from \`c.csv\`; the row loaded first is kept, so this row is not loaded. If this file should replace the other one, remove the other file.`
			])
		);
	});

	it('says "already in" when the earlier rows did not come through the ingest, and forgets files once the table is re-created', async () => {
		await db.exec(`INSERT INTO districts (leaid, school_year_start) VALUES ('0100190', 2024)`);
		const b = await load(db, B, DM, {}, 'b.csv');
		expect(b.rejected[0]?.reasons[0]?.message).toBe(rejectedB('already in districts'));
		await resetTables(db, 'districts');
		expect(counts(await load(db, B, DM, {}, 'b.csv'))).toEqual([2, 2, 0]);
	});
});

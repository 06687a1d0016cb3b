import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '#lib/db/database.ts';
import { studentStatusSql } from '#lib/metrics/usage/student-status-sql.ts';
import { createTableSql } from '#lib/schema/ddl.ts';
import { TABLES } from '#lib/schema/tables.ts';
import { createNativeDatabase, nativeInstalled } from '../../../bench/native-db.ts';
import { createSchemaDatabase, loadCsv } from '../../helpers/schema-db.ts';
import { clearUsageTables } from './fixture-db.ts';
import { MINUTES_RULE } from './usage-scope.ts';

/** Native DuckDB with every core (its parallel aggregation sums in no fixed order). */
async function nativeSchemaDatabase(): Promise<Database> {
	const native = await createNativeDatabase();
	for (const table of TABLES) await native.exec(createTableSql(table));
	return native;
}

let db: Database;

const WEEKS = ['2024-09-02', '2024-09-09', '2024-09-16', '2024-09-23', '2024-09-30', '2024-10-07'];
/** Sums to exactly 180.00 = 30.00 × 6 weeks in decimal arithmetic. */
const AT_THRESHOLD = ['10.10', '9.95', '9.95', '50.00', '50.00', '50.00'];
/** One hundredth of a minute short of 180.00. */
const JUST_BELOW = ['10.10', '9.94', '9.95', '50.00', '50.00', '50.00'];
const SCOPE = {
	schoolYear: 2024,
	windowStart: '2024-09-02',
	windowEnd: '2024-10-13',
	rules: new Map([['demo-math-practice', MINUTES_RULE]])
};

const PERMUTATION = fc.shuffledSubarray([0, 1, 2, 3, 4, 5], { minLength: 6 });

/** Loads one student whose week `WEEKS[i]` has `minutes[valueOf[i]]`, rows inserted in `rowOrder`. */
async function dosageMet(
	minutes: readonly string[],
	valueOf: readonly number[],
	rowOrder: readonly number[]
): Promise<boolean> {
	await clearUsageTables(db);
	const roster = ['at', 'below'].map(
		(s) => `${s},010000100001,0100001,demo-math-practice,2024,4,2024-08-26,,2024-08-26,`
	);
	await loadCsv(
		db,
		'usage_roster',
		`student_key,ncessch,leaid,product_id,school_year_start,grade,license_start,license_end,enroll_start,enroll_end\n${roster.join('\n')}\n`
	);
	const rows = rowOrder.map(
		(i) =>
			`at,010000100001,0100001,demo-math-practice,2024,${WEEKS[i]},${minutes[valueOf[i]!]},1,1,,,,,`
	);
	await loadCsv(
		db,
		'usage_student_week',
		`student_key,ncessch,leaid,product_id,school_year_start,week_start,minutes,sessions,logins,lessons_completed,lessons_passed,quizzes_taken,quizzes_passed,skills_proficient\n${rows.join('\n')}\n`
	);
	const result = await db.query<{ student_key: string; dosage_met: boolean }>(
		studentStatusSql(SCOPE)
	);
	return result.find((r) => r.student_key === 'at')?.dosage_met ?? false;
}

describe('the threshold fixture', () => {
	it('the fixture would fail under binary floating point in some summation order', () => {
		const floatMeans = [
			[0, 1, 2, 3, 4, 5],
			[3, 4, 5, 0, 1, 2]
		].map((order) => order.reduce((s, i) => s + Number(AT_THRESHOLD[i]), 0) / 6);
		expect(floatMeans.some((m) => m < 30)).toBe(true);
	});
});

/**
 * Native DuckDB is not a dependency (this registry lacks its other platforms' binaries, which
 * breaks `npm ci`): its case runs where `npm run bench` has installed it, and is skipped in CI.
 */
const ENGINES: [string, () => Promise<Database>, boolean][] = [
	['DuckDB-WASM (the browser engine)', createSchemaDatabase, true],
	['native DuckDB, multi-threaded', nativeSchemaDatabase, await nativeInstalled()]
];

for (const [engine, open, installed] of ENGINES) {
	describe.skipIf(!installed)(
		`dosage thresholds are exact on ${engine} (fixed-point minutes, DECIMAL threshold)`,
		() => {
			beforeAll(async () => {
				db = await open();
			});
			afterAll(() => db.close());

			it('a student at exactly 30.00 min/week meets ≥ 30 in every week and row order', async () => {
				await fc.assert(
					fc.asyncProperty(PERMUTATION, PERMUTATION, async (valueOf, rowOrder) => {
						expect(await dosageMet(AT_THRESHOLD, valueOf, rowOrder)).toBe(true);
					}),
					{ numRuns: 15, seed: 20240902 }
				);
			});

			it('a student 0.01 minute short over the window does not', async () => {
				await fc.assert(
					fc.asyncProperty(PERMUTATION, PERMUTATION, async (valueOf, rowOrder) => {
						expect(await dosageMet(JUST_BELOW, valueOf, rowOrder)).toBe(false);
					}),
					{ numRuns: 5, seed: 20240903 }
				);
			});
		}
	);
}

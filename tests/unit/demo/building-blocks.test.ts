import { describe, expect, it } from 'vitest';
import { interpolateKnots, largestRemainder } from '#lib/demo/allocate.ts';
import { demoInstructionalWeeks, fromDay, mondayOf, toDay } from '#lib/demo/calendar.ts';
import { formatHundredths, toCsv } from '#lib/demo/csv.ts';
import { evaluateStudent, type RosterEntry, type WeekUsage } from '#lib/demo/dosage.ts';
import { DEMO_PRODUCTS } from '#lib/demo/products.ts';
import { createRandom } from '#lib/demo/random.ts';
import { CALENDAR_EXCLUSIONS } from '#lib/schema/tables.ts';

const mathPractice = DEMO_PRODUCTS.find((p) => p.product_id === 'demo-math-practice')!;
const lessons = DEMO_PRODUCTS.find((p) => p.product_id === 'demo-adaptive-lessons')!;

describe('largestRemainder', () => {
	it('splits a total into integers that sum to it', () => {
		// 10 · [1,1,1] / 3 = 3.33 each → floors 3,3,3 and the one left over goes to the first.
		expect(largestRemainder(10, [1, 1, 1])).toEqual([4, 3, 3]);
		// 7 · [0.5, 0.3, 0.2] = 3.5, 2.1, 1.4 → 3,2,1 + one for the largest remainder (0.5).
		expect(largestRemainder(7, [0.5, 0.3, 0.2])).toEqual([4, 2, 1]);
	});
});

describe('interpolateKnots', () => {
	it('interpolates linearly, or linearly in logs', () => {
		expect(interpolateKnots([0, 0.5, 1], [0, 10, 30], 0.75)).toBe(20);
		// Halfway between 10 and 1000 on a log scale is their geometric mean, 100.
		expect(interpolateKnots([0, 1], [10, 1000], 0.5, 'log')).toBeCloseTo(100, 9);
	});
});

describe('demo calendar', () => {
	it('converts dates and finds ISO Mondays', () => {
		expect(fromDay(toDay('2024-09-02'))).toBe('2024-09-02');
		// 2024-09-05 was a Thursday; 2024-09-08 a Sunday, still in the week of Monday 09-02.
		expect(fromDay(mondayOf(toDay('2024-09-05')))).toBe('2024-09-02');
		expect(fromDay(mondayOf(toDay('2024-09-08')))).toBe('2024-09-02');
	});

	it('has 35 instructional weeks: 39 ISO weeks from 2024-09-02 to 2025-05-30 minus 4 breaks', () => {
		// Mondays 2024-09-02 … 2025-05-26 are 266 days apart: 266 / 7 + 1 = 39 weeks.
		const weeks = demoInstructionalWeeks();
		expect(weeks).toHaveLength(35);
		expect(fromDay(weeks[0]!)).toBe('2024-09-02');
		expect(fromDay(weeks.at(-1)!)).toBe('2025-05-26');
		expect(weeks.map(fromDay)).not.toContain('2024-12-23');
	});
});

describe('toCsv', () => {
	it('writes NULL as empty, booleans as true/false and quotes fields with commas or quotes', () => {
		const text = toCsv(CALENDAR_EXCLUSIONS, [
			{ school_year_start: 2024, leaid: null, week_start: '2024-11-25', reason: 'a "b", c' }
		]);
		expect(text).toBe('school_year_start,leaid,week_start,reason\n2024,,2024-11-25,"a ""b"", c"\n');
	});

	it('formats integer hundredths with two decimals', () => {
		expect([3000, 2999, 5, 0].map(formatHundredths)).toEqual(['30.00', '29.99', '0.05', '0.00']);
	});
});

describe('createRandom', () => {
	it('repeats for the same seed and stream, and differs across streams', () => {
		const a = createRandom(1, 'x');
		const b = createRandom(1, 'x');
		const c = createRandom(1, 'y');
		const draws = [a.next(), a.next()];
		expect([b.next(), b.next()]).toEqual(draws);
		expect([c.next(), c.next()]).not.toEqual(draws);
	});
});

describe('evaluateStudent', () => {
	const weeks = demoInstructionalWeeks();
	const use = (week: number, minutesHundredths: number, lessonsCompleted = 0): WeekUsage => ({
		week,
		minutesHundredths,
		sessions: 1,
		logins: 1,
		lessonsCompleted,
		lessonsPassed: null,
		quizzesTaken: null,
		quizzesPassed: null,
		skillsProficient: null
	});
	const entry = (usage: WeekUsage[], from = weeks[0]!, to = toDay('2025-05-30')): RosterEntry => ({
		studentKey: 'k',
		ncessch: '019500100001',
		leaid: '0195001',
		productId: 'p',
		grade: 4,
		licenseStart: from,
		licenseEnd: to,
		enrollStart: toDay('2024-08-19'),
		enrollEnd: toDay('2025-06-06'),
		usage
	});

	it('meets ≥ 30 min/week at a mean of exactly 30.00 over eligible weeks, not at 29.99', () => {
		// 35 eligible weeks; 1050.00 minutes in 20 weeks = 30.00 per eligible week (zero weeks count).
		const exact = weeks.slice(0, 20).map((w) => use(w, 5250));
		expect(evaluateStudent(entry(exact), mathPractice, weeks)).toMatchObject({
			dosageMet: true,
			regular: true,
			minutesHundredths: 105000
		});
		const below = exact.map((u, i) =>
			i === 0 ? { ...u, minutesHundredths: u.minutesHundredths - 1 } : u
		);
		expect(evaluateStudent(entry(below), mathPractice, weeks).dosageMet).toBe(false);
	});

	it('leaves a student with fewer than 4 eligible weeks not evaluable, so never D', () => {
		// Licensed from the Monday of the third-to-last week: 3 eligible weeks at 60 min each.
		const late = weeks.slice(-3);
		const result = evaluateStudent(
			entry(
				late.map((w) => use(w, 6000)),
				late[0]!
			),
			mathPractice,
			weeks
		);
		expect(result).toMatchObject({
			activated: true,
			regular: true,
			evaluable: false,
			dosageMet: false
		});
	});

	it('counts regular use at 50% of eligible weeks and lessons for a lessons rule', () => {
		// 18 of 35 weeks active (≥ 50%), 5 lessons each: 90 lessons < 5 × 35 = 175.
		const half = weeks.slice(0, 18).map((w) => use(w, 100, 5));
		expect(evaluateStudent(entry(half), lessons, weeks)).toMatchObject({
			regular: true,
			dosageMet: false
		});
		const fewer = half.slice(1);
		expect(evaluateStudent(entry(fewer), lessons, weeks).regular).toBe(false);
		const all = weeks.map((w) => use(w, 100, 5));
		expect(evaluateStudent(entry(all), lessons, weeks).dosageMet).toBe(true);
	});

	it('treats a roster row without a licence as enrolled only', () => {
		const unlicensed = { ...entry([]), licenseStart: null, licenseEnd: null };
		expect(evaluateStudent(unlicensed, mathPractice, weeks)).toMatchObject({
			licensed: false,
			activated: false
		});
	});
});

import { largestRemainder } from './allocate.ts';
import { eligibleWeeks, toDay } from './calendar.ts';
import type { RosterEntry, WeekUsage } from './dosage.ts';
import type { DemoDistrict } from './districts.ts';
import { funnelRates, type FunnelRates } from './funnel.ts';
import type { DemoProduct } from './products.ts';
import type { Random } from './random.ts';
import type { DemoSchool } from './schools.ts';

/** Roster dates [D], all Mondays (starts) or Fridays (ends) so every week-overlap convention agrees. */
const DATES = {
	enrollStart: toDay('2024-08-19'),
	enrollEnd: toDay('2025-06-06'),
	licenseStart: toDay('2024-09-02'),
	licenseEnd: toDay('2025-06-27'),
	lateFrom: toDay('2024-09-09'),
	lateTo: toDay('2025-05-12'),
	earlyFrom: toDay('2024-09-13'),
	earlyTo: toDay('2025-05-23'),
	lateLicenseTo: toDay('2025-01-27')
};
/** Partial enrolment and late licences [D]: shares of students. */
const PARTIAL = { lateEnrol: 0.05, earlyLeave: 0.05, lateLicense: 0.05 };
/** Of students designed to meet dosage, the share placed exactly on the threshold [D]. */
const ON_THRESHOLD = 0.1;
/** Of regular users, the share placed one hundredth of a minute (or lesson) below it [D]. */
const JUST_BELOW = 0.03;

type Kind = 'never' | 'light' | 'regular' | 'dosage';

const sameWeekdayBetween = (random: Random, from: number, to: number) =>
	from + 7 * random.int(0, Math.floor((to - from) / 7));

/** Splits `total` into `parts` integers of at least `min` with random proportions. */
function spread(random: Random, total: number, parts: number, min: number): number[] {
	const weights = Array.from({ length: parts }, () => random.uniform(0.5, 1.5));
	return largestRemainder(total - min * parts, weights).map((x) => x + min);
}

/** Per-week totals of the rule's measure for a student of a kind over `n` eligible weeks. */
function plan(random: Random, kind: Kind, n: number, product: DemoProduct) {
	const lessons = product.measure === 'lessons_completed_per_week_mean';
	const unit = lessons ? 1 : 100;
	const threshold = product.threshold * unit * n;
	if (kind === 'dosage') {
		const active = n - Math.floor(n * random.uniform(0, 0.15));
		const total = random.bernoulli(ON_THRESHOLD)
			? threshold
			: Math.ceil(n * unit * product.threshold * random.uniform(1.02, 1.8));
		return { active, totals: spread(random, total, active, 1) };
	}
	const active =
		kind === 'regular'
			? Math.ceil(n * random.uniform(0.5, 0.95))
			: Math.max(1, Math.floor(n * random.uniform(0.05, 0.45)));
	if (kind === 'regular' && random.bernoulli(JUST_BELOW) && threshold - 1 >= active) {
		return { active, totals: spread(random, threshold - 1, active, 1) };
	}
	const perWeek = () => (lessons ? random.int(0, 4) : Math.round(random.uniform(3, 25) * unit));
	return {
		active,
		totals: Array.from({ length: active }, () => Math.max(lessons ? 0 : 1, perWeek()))
	};
}

/** One week's row: the measure's total plus consistent minutes, sessions and counts [D]. */
function week(random: Random, product: DemoProduct, weekDay: number, total: number): WeekUsage {
	const lessonsProduct = product.measure === 'lessons_completed_per_week_mean';
	const minutesHundredths = lessonsProduct
		? Math.max(100, Math.round(total * random.uniform(6, 12) * 100))
		: total;
	const sessions = Math.max(1, Math.round(minutesHundredths / 100 / random.uniform(10, 25)));
	const lessons = !product.logs_lessons
		? null
		: lessonsProduct
			? total
			: Math.round(minutesHundredths / 1200);
	const quizzes = lessons === null ? null : random.binomial(lessons, 0.4);
	return {
		week: weekDay,
		minutesHundredths,
		sessions,
		logins: random.int(1, sessions),
		lessonsCompleted: lessons,
		lessonsPassed: lessons === null ? null : random.binomial(lessons, 0.8),
		quizzesTaken: quizzes,
		quizzesPassed: quizzes === null ? null : random.binomial(quizzes, 0.7),
		skillsProficient: product.logs_skills ? random.binomial(lessons ?? 0, 0.3) : null
	};
}

interface Enrolment {
	readonly studentKey: string;
	readonly ncessch: string;
	readonly leaid: string;
	readonly grade: number;
	readonly enrollStart: number;
	readonly enrollEnd: number;
}

/** A new student of a school: a unique hash-like key and (mostly full-year) enrolment dates. */
function enrol(
	random: Random,
	school: DemoSchool,
	grade: number,
	usedKeys: Set<string>
): Enrolment {
	let studentKey = random.hex(16);
	while (usedKeys.has(studentKey)) studentKey = random.hex(16);
	usedKeys.add(studentKey);
	const enrollStart = random.bernoulli(PARTIAL.lateEnrol)
		? sameWeekdayBetween(random, DATES.lateFrom, DATES.lateTo)
		: DATES.enrollStart;
	const earlyEnd = sameWeekdayBetween(random, DATES.earlyFrom, DATES.earlyTo);
	const leaves = random.bernoulli(PARTIAL.earlyLeave) && earlyEnd > enrollStart;
	return {
		studentKey,
		ncessch: school.ncessch,
		leaid: school.leaid,
		grade,
		enrollStart,
		enrollEnd: leaves ? earlyEnd : DATES.enrollEnd
	};
}

/** A student's roster entry for one product: licensed or not, and if licensed their weeks of use. */
function rosterEntry(
	random: Random,
	student: Enrolment,
	product: DemoProduct,
	rates: FunnelRates,
	instructional: readonly number[]
): RosterEntry {
	const base = { ...student, productId: product.product_id };
	if (!random.bernoulli(rates.access)) {
		return { ...base, licenseStart: null, licenseEnd: null, usage: [] };
	}
	const licenseStart = random.bernoulli(PARTIAL.lateLicense)
		? sameWeekdayBetween(random, DATES.lateFrom, DATES.lateLicenseTo)
		: DATES.licenseStart;
	const weeks = eligibleWeeks(
		instructional,
		Math.max(student.enrollStart, licenseStart),
		Math.min(student.enrollEnd, DATES.licenseEnd)
	);
	const kinds: readonly Kind[] = ['dosage', 'regular', 'light', 'never'];
	const kind =
		kinds[
			random.weightedIndex([
				rates.dosage,
				rates.regular - rates.dosage,
				rates.activated - rates.regular,
				1 - rates.activated
			])
		]!;
	const usage: WeekUsage[] = [];
	if (kind !== 'never' && weeks.length > 0) {
		const { active, totals } = plan(random, kind, weeks.length, product);
		random.sample(weeks, Math.min(active, weeks.length)).forEach((w, i) => {
			usage.push(week(random, product, w, totals[i] ?? 0));
		});
	}
	return { ...base, licenseStart, licenseEnd: DATES.licenseEnd, usage };
}

/**
 * Rosters and weekly use for one district: every student enrolled in a licensed product's grades
 * gets a roster row (licensed or not); licensed students are drawn as never active, light,
 * regular or dosage-meeting users with the district's demo funnel shares (`funnelRates`), and
 * rows are written only for eligible weeks with use.
 */
export function simulateDistrictLogs(
	district: DemoDistrict,
	schools: readonly DemoSchool[],
	products: readonly DemoProduct[],
	instructional: readonly number[],
	random: Random,
	usedKeys: Set<string>
): RosterEntry[] {
	const rates = products.map((p) => funnelRates(district.poverty_percentile, p));
	const entries: RosterEntry[] = [];
	for (const school of schools) {
		school.gradeCounts.forEach((count, grade) => {
			for (let s = 0; s < count; s++) {
				const student = enrol(random, school, grade, usedKeys);
				products.forEach((product, i) => {
					if (grade < product.grade_min || grade > product.grade_max) return;
					entries.push(rosterEntry(random, student, product, rates[i]!, instructional));
				});
			}
		});
	}
	return entries;
}

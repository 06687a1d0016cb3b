import { DEMO_SCHOOL_YEAR, fromDay } from './calendar.ts';
import { formatHundredths, type CsvRow } from './csv.ts';
import type { RosterEntry } from './dosage.ts';
import type { USAGE_ROSTER, USAGE_STUDENT_WEEK } from '../schema/tables.ts';

const YEAR = DEMO_SCHOOL_YEAR.school_year_start;

/** Formats day numbers, caching the few hundred distinct dates. */
function dateFormatter(): (day: number | null) => string | null {
	const cache = new Map<number, string>();
	return (day) => {
		if (day === null) return null;
		let text = cache.get(day);
		if (text === undefined) cache.set(day, (text = fromDay(day)));
		return text;
	};
}

/** Rows of `usage_roster.csv`, one per roster entry. */
export function rosterRows(entries: readonly RosterEntry[]): CsvRow<typeof USAGE_ROSTER>[] {
	const date = dateFormatter();
	return entries.map((e) => ({
		student_key: e.studentKey,
		ncessch: e.ncessch,
		leaid: e.leaid,
		product_id: e.productId,
		school_year_start: YEAR,
		grade: e.grade,
		license_start: date(e.licenseStart),
		license_end: date(e.licenseEnd),
		enroll_start: date(e.enrollStart),
		enroll_end: date(e.enrollEnd)
	}));
}

/** Rows of `usage_student_week.csv`: one per entry and week with use (zero weeks are implicit). */
export function studentWeekRows(
	entries: readonly RosterEntry[]
): CsvRow<typeof USAGE_STUDENT_WEEK>[] {
	const date = dateFormatter();
	return entries.flatMap((e) =>
		e.usage.map((u) => ({
			student_key: e.studentKey,
			ncessch: e.ncessch,
			leaid: e.leaid,
			product_id: e.productId,
			school_year_start: YEAR,
			week_start: date(u.week),
			minutes: formatHundredths(u.minutesHundredths),
			sessions: u.sessions,
			logins: u.logins,
			lessons_completed: u.lessonsCompleted,
			lessons_passed: u.lessonsPassed,
			quizzes_taken: u.quizzesTaken,
			quizzes_passed: u.quizzesPassed,
			skills_proficient: u.skillsProficient
		}))
	);
}

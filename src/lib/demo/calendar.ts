/**
 * The demo school year 2024-25 and its calendar, with dates as UTC day numbers (days since
 * 1970-01-01) so week arithmetic is exact and free of time zones.
 */
const MS_PER_DAY = 86_400_000;

/** `YYYY-MM-DD` → day number. */
export function toDay(date: string): number {
	const [y, m, d] = date.split('-').map(Number);
	return Date.UTC(y!, m! - 1, d!) / MS_PER_DAY;
}

/** Day number → `YYYY-MM-DD`. */
export function fromDay(day: number): string {
	return new Date(day * MS_PER_DAY).toISOString().slice(0, 10);
}

/** The Monday of the ISO week containing `day` (day 0, 1970-01-01, was a Thursday). */
export function mondayOf(day: number): number {
	return day - ((((day + 3) % 7) + 7) % 7);
}

/** The analysis window of the demo usage data [D]: first Monday of September to the last Friday of May. */
export const DEMO_SCHOOL_YEAR = {
	school_year_start: 2024,
	period_start: '2024-09-02',
	period_end: '2025-05-30'
} as const;

/** Weeks without instruction in every demo district (`leaid` empty) [D: a typical U.S. calendar]. */
export const DEMO_CALENDAR_EXCLUSIONS: readonly { week_start: string; reason: string }[] = [
	{ week_start: '2024-11-25', reason: 'Thanksgiving week' },
	{ week_start: '2024-12-23', reason: 'winter break' },
	{ week_start: '2024-12-30', reason: 'winter break' },
	{ week_start: '2025-03-17', reason: 'spring break' }
];

/** Mondays of the ISO weeks that overlap [start, end]. */
export function isoWeeks(start: string, end: string): number[] {
	const weeks: number[] = [];
	for (let m = mondayOf(toDay(start)); m <= toDay(end); m += 7) weeks.push(m);
	return weeks;
}

/** Instructional weeks of the demo year: ISO weeks of the window minus the excluded weeks. */
export function demoInstructionalWeeks(): number[] {
	const excluded = new Set(DEMO_CALENDAR_EXCLUSIONS.map((e) => toDay(e.week_start)));
	return isoWeeks(DEMO_SCHOOL_YEAR.period_start, DEMO_SCHOOL_YEAR.period_end).filter(
		(m) => !excluded.has(m)
	);
}

/**
 * A student's eligible weeks: the instructional weeks whose Monday lies in [start, end]
 * (`start` = later of licence and enrolment start, `end` = earlier of their ends).
 */
export function eligibleWeeks(
	instructional: readonly number[],
	start: number,
	end: number
): number[] {
	return instructional.filter((m) => m >= start && m <= end);
}

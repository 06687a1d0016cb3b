import { mondayOf, toDay } from '#lib/demo/calendar.ts';
import { parseDosageRule } from '#lib/dosage/parse-rule.ts';
import { THRESHOLD_DECIMALS, type DosageCondition, type DosageRule } from '#lib/dosage/rule.ts';

/**
 * The pieces of the student funnel (domain-spec §4.1–4.2, as `studentStatusSql` defines them)
 * that the JavaScript alternatives share: dates as UTC day numbers, the analysis window, each
 * district's instructional weeks and the dosage rule on exact scaled integers.
 */

const SCALE = 10 ** THRESHOLD_DECIMALS;

/** Each file's text parsed by `parse`, by table name (the file name without `.csv`). */
export function parseFiles<T>(
	files: readonly { name: string; bytes: Uint8Array }[],
	parse: (text: string) => T
): Map<string, T> {
	const decoder = new TextDecoder();
	return new Map(files.map((f) => [f.name.replace(/\.csv$/, ''), parse(decoder.decode(f.bytes))]));
}

/** A student's sums over their eligible weeks; minutes in integer hundredths. */
export interface StudentSums {
	readonly eligibleWeeks: number;
	readonly minutesHundredths: number;
	readonly lessons: number;
	readonly skills: number;
	readonly quizzesTaken: number;
	readonly quizzesPassed: number;
	readonly activeWeeks: number;
}

export interface ProductInfo {
	readonly gradeMin: number | null;
	readonly gradeMax: number | null;
	readonly rule: DosageRule | null;
}

const dayCache = new Map<string, number>();

/** `YYYY-MM-DD` (or empty) → day number (or null), cached: files repeat a few hundred dates. */
export function day(text: string | undefined | null): number | null {
	if (!text) return null;
	let d = dayCache.get(text);
	if (d === undefined) dayCache.set(text, (d = toDay(text)));
	return d;
}

/** `"26.80"` → 2680 hundredths; empty → 0 (NULL minutes count as zero). */
export function hundredths(text: string | undefined | null): number {
	return text ? Math.round(Number(text) * 100) : 0;
}

/** An integer field; empty → 0 (NULL counts count as zero). */
export function count(text: string | undefined | null): number {
	return text ? Number(text) : 0;
}

/** Products by id with their grade range and stored rule (`products.dosage_rule_json`). */
export function productInfo(
	rows: readonly Record<string, string | undefined>[]
): Map<string, ProductInfo> {
	return new Map(
		rows.map((r) => [
			r.product_id!,
			{
				gradeMin: r.grade_min ? Number(r.grade_min) : null,
				gradeMax: r.grade_max ? Number(r.grade_max) : null,
				rule: r.dosage_rule_json?.trim() ? parseDosageRule(r.dosage_rule_json) : null
			}
		])
	);
}

/** The default analysis window: the Monday of the first week with logs to the last week's Sunday. */
export function analysisWindow(firstWeek: number, lastWeek: number) {
	const t0 = firstWeek;
	const t1 = lastWeek + 6;
	const weeks: number[] = [];
	for (let m = mondayOf(t0); m <= t1; m += 7) weeks.push(m);
	return { t0, t1, weeks };
}

/**
 * Each district's instructional weeks: the window's weeks minus calendar exclusions for every
 * district (`leaid` empty) or for that district.
 */
export function instructionalWeeks(
	windowWeeks: readonly number[],
	exclusions: readonly { leaid: string | null; week: number }[]
): (leaid: string) => number[] {
	const cache = new Map<string, number[]>();
	return (leaid) => {
		let weeks = cache.get(leaid);
		if (!weeks) {
			const out = new Set(
				exclusions.filter((x) => x.leaid === null || x.leaid === leaid).map((x) => mondayOf(x.week))
			);
			cache.set(leaid, (weeks = windowWeeks.filter((w) => !out.has(w))));
		}
		return weeks;
	};
}

function compare(left: number, op: DosageCondition['comparison'], right: number): boolean {
	switch (op) {
		case '>=':
			return left >= right;
		case '>':
			return left > right;
		case '<=':
			return left <= right;
		case '<':
			return left < right;
	}
}

/** One condition on exact integers (both sides × 10⁴, minutes from hundredths), as rule-sql.ts. */
function holds(c: DosageCondition, s: StudentSums): boolean {
	const t = Math.round(c.threshold * SCALE);
	switch (c.measure) {
		case 'minutes_per_week_mean':
			return compare(s.minutesHundredths * (SCALE / 100), c.comparison, t * s.eligibleWeeks);
		case 'hours_total':
			return compare(s.minutesHundredths * (SCALE / 100), c.comparison, t * 60);
		case 'lessons_completed_per_week_mean':
			return compare(s.lessons * SCALE, c.comparison, t * s.eligibleWeeks);
		case 'skills_proficient_per_week_mean':
			return compare(s.skills * SCALE, c.comparison, t * s.eligibleWeeks);
		case 'quiz_pass_rate':
			return (
				s.quizzesTaken > 0 && compare(s.quizzesPassed * SCALE, c.comparison, t * s.quizzesTaken)
			);
		case 'active_weeks':
			return compare(s.activeWeeks * SCALE, c.comparison, t);
	}
}

/** Whether the student is evaluable and meets every condition of the rule. */
export function meetsRule(rule: DosageRule, s: StudentSums): boolean {
	return s.eligibleWeeks >= rule.minEligibleWeeks && rule.conditions.every((c) => holds(c, s));
}

import Papa from 'papaparse';
import { mondayOf } from '#lib/demo/calendar.ts';
import type { FunnelCounts } from '../figures.ts';
import { time, type Timings } from '../timing.ts';
import {
	parseFiles,
	analysisWindow,
	count,
	day,
	hundredths,
	instructionalWeeks,
	meetsRule,
	productInfo
} from './funnel-rules.ts';

type Row = Record<string, string | undefined>;

interface Week {
	minutes: number;
	lessons: number;
	skills: number;
	quizzesTaken: number;
	quizzesPassed: number;
	active: boolean;
}

/** One rostered student and product with its funnel stages (1 or 0, so they add up). */
type StudentStage = FunnelCounts;

/**
 * The alternative a developer might write by hand: papaparse (header rows as objects) and plain
 * JavaScript maps and loops, computing the same per-student funnel as `studentStatusSql`, then
 * the counts per product and district. A filter change re-aggregates the student stages.
 */
export async function runPapaparse(
	files: readonly { name: string; bytes: Uint8Array }[],
	timings: Timings,
	changes: readonly string[][]
): Promise<FunnelCounts[]> {
	timings.startup = 0;
	const tables = await time(timings, 'ingest', () =>
		parseFiles(files, (text) => Papa.parse<Row>(text, { header: true, skipEmptyLines: true }).data)
	);
	const stages = await time(timings, 'metrics', () => studentStages(tables));
	let counts = aggregate(stages, null);
	timings.filter = changes.map((picked) => {
		const started = performance.now();
		aggregate(stages, picked.length ? new Set(picked) : null);
		return performance.now() - started;
	});
	await time(timings, 'export', () => {
		counts = aggregate(stages, null);
		return Papa.unparse(counts);
	});
	return counts;
}

function studentStages(tables: Map<string, Row[]>): StudentStage[] {
	const products = productInfo(tables.get('products')!);
	const roster = tables.get('usage_roster')!;
	const year = roster.reduce((max, r) => Math.max(max, Number(r.school_year_start)), -Infinity);
	const logs = tables
		.get('usage_student_week')!
		.filter((r) => Number(r.school_year_start) === year);
	let first = Infinity;
	let last = -Infinity;
	const weekly = new Map<string, Map<number, Week>>();
	for (const r of logs) {
		const start = day(r.week_start)!;
		if (start < first) first = start;
		if (start > last) last = start;
		const key = `${r.student_key}|${r.product_id}`;
		let weeks = weekly.get(key);
		if (!weeks) weekly.set(key, (weeks = new Map()));
		const monday = mondayOf(start);
		let w = weeks.get(monday);
		if (!w) {
			weeks.set(
				monday,
				(w = {
					minutes: 0,
					lessons: 0,
					skills: 0,
					quizzesTaken: 0,
					quizzesPassed: 0,
					active: false
				})
			);
		}
		w.minutes += hundredths(r.minutes);
		w.lessons += count(r.lessons_completed);
		w.skills += count(r.skills_proficient);
		w.quizzesTaken += count(r.quizzes_taken);
		w.quizzesPassed += count(r.quizzes_passed);
		w.active ||= count(r.sessions) > 0 || count(r.logins) > 0;
	}
	const { t0, t1, weeks: windowWeeks } = analysisWindow(first, last);
	const inWindow = new Set(windowWeeks);
	const exclusions = tables
		.get('calendar_exclusions')!
		.filter((x) => Number(x.school_year_start) === year)
		.map((x) => ({ leaid: x.leaid || null, week: day(x.week_start)! }));
	const instructional = instructionalWeeks(windowWeeks, exclusions);
	return roster
		.filter((r) => Number(r.school_year_start) === year)
		.map((r) => {
			const product = products.get(r.product_id!);
			const grade = r.grade ? Number(r.grade) : null;
			const [enrollStart, enrollEnd] = [day(r.enroll_start), day(r.enroll_end)];
			const [licenseStart, licenseEnd] = [day(r.license_start), day(r.license_end)];
			const inGrades = (bound: number | null | undefined, ok: (g: number) => boolean) =>
				bound === null || bound === undefined || (grade !== null && ok(grade));
			const enrolled =
				(enrollStart ?? t0) <= t1 &&
				(enrollEnd ?? t1) >= t0 &&
				inGrades(product?.gradeMin, (g) => g >= product!.gradeMin!) &&
				inGrades(product?.gradeMax, (g) => g <= product!.gradeMax!);
			const licensed = licenseStart !== null && licenseStart <= t1 && (licenseEnd ?? t1) >= t0;
			const weeks = weekly.get(`${r.student_key}|${r.product_id}`);
			const activated =
				licensed && !!weeks && [...weeks].some(([m, w]) => w.active && inWindow.has(m));
			const sums = {
				eligibleWeeks: 0,
				minutesHundredths: 0,
				lessons: 0,
				skills: 0,
				quizzesTaken: 0,
				quizzesPassed: 0,
				activeWeeks: 0
			};
			if (licensed) {
				const from = Math.max(enrollStart ?? licenseStart, licenseStart);
				const to = Math.min(enrollEnd ?? t1, licenseEnd ?? t1);
				for (const m of instructional(r.leaid!)) {
					if (m < from || m > to) continue;
					sums.eligibleWeeks++;
					const w = weeks?.get(m);
					if (!w) continue;
					sums.minutesHundredths += w.minutes;
					sums.lessons += w.lessons;
					sums.skills += w.skills;
					sums.quizzesTaken += w.quizzesTaken;
					sums.quizzesPassed += w.quizzesPassed;
					if (w.active) sums.activeWeeks++;
				}
			}
			const rule = product?.rule ?? null;
			return {
				product_id: r.product_id!,
				leaid: r.leaid!,
				enrolled: Number(enrolled),
				licensed: Number(licensed),
				activated: Number(activated),
				regular: Number(
					licensed && sums.eligibleWeeks > 0 && 2 * sums.activeWeeks >= sums.eligibleWeeks
				),
				dosage_met: Number(activated && rule !== null && meetsRule(rule, sums))
			};
		});
}

/** Counts per product and district, of the picked products only (null: all). */
function aggregate(stages: readonly StudentStage[], picked: Set<string> | null): FunnelCounts[] {
	const cells = new Map<string, { -readonly [K in keyof FunnelCounts]: FunnelCounts[K] }>();
	for (const s of stages) {
		if (picked && !picked.has(s.product_id)) continue;
		const key = `${s.product_id}|${s.leaid}`;
		const cell = cells.get(key);
		if (!cell) cells.set(key, { ...s });
		else {
			cell.enrolled += s.enrolled;
			cell.licensed += s.licensed;
			cell.activated += s.activated;
			cell.regular += s.regular;
			cell.dosage_met += s.dosage_met;
		}
	}
	return [...cells.values()];
}

import * as aq from 'arquero';
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
	productInfo,
	type ProductInfo
} from './funnel-rules.ts';

type Table = ReturnType<typeof aq.fromCSV>;

/** Multi-column join keys (arquero reads a two-element array as [left keys, right keys]). */
const STUDENT_KEYS = ['student_key', 'product_id'];
const WEEK_KEYS = ['student_key', 'product_id', 'monday'];

const NUMBERS = {
	school_year_start: count,
	grade: (v: string) => (v ? Number(v) : null),
	grade_min: (v: string) => (v ? Number(v) : null),
	grade_max: (v: string) => (v ? Number(v) : null),
	week_start: day,
	enroll_start: day,
	enroll_end: day,
	license_start: day,
	license_end: day,
	minutes: hundredths,
	sessions: count,
	logins: count,
	lessons_completed: count,
	skills_proficient: count,
	quizzes_taken: count,
	quizzes_passed: count
};

/**
 * The dataframe alternative: arquero (its own CSV parser, explicit column parsing, no type
 * sniffing) and its verbs — group-by rollups and joins mirroring `studentStatusSql` — for the
 * same per-student funnel and counts per product and district. A filter change filters the
 * student table and rolls it up again.
 */
export async function runArquero(
	files: readonly { name: string; bytes: Uint8Array }[],
	timings: Timings,
	changes: readonly string[][]
): Promise<FunnelCounts[]> {
	timings.startup = 0;
	const tables = await time(timings, 'ingest', () =>
		parseFiles(files, (text) => aq.fromCSV(text, { autoType: false, parse: NUMBERS }))
	);
	const students = await time(timings, 'metrics', () => studentStages(tables));
	timings.filter = changes.map((picked) => {
		const started = performance.now();
		rollup(
			picked.length
				? students.params({ picked }).filter('(d, $) => op.includes($.picked, d.product_id)')
				: students
		);
		return performance.now() - started;
	});
	let counts: FunnelCounts[] = [];
	await time(timings, 'export', () => {
		const table = rollup(students);
		counts = table.objects() as unknown as FunnelCounts[];
		return table.toCSV();
	});
	return counts;
}

function rollup(students: Table): Table {
	return students.groupby('product_id', 'leaid').rollup({
		enrolled: aq.op.sum('enrolled'),
		licensed: aq.op.sum('licensed'),
		activated: aq.op.sum('activated'),
		regular: aq.op.sum('regular'),
		dosage_met: aq.op.sum('dosage_met')
	});
}

function registerRule(products: Map<string, ProductInfo>): void {
	aq.addFunction(
		'bench_meets',
		(
			product: string,
			eligibleWeeks: number,
			minutesHundredths: number,
			lessons: number,
			skills: number,
			quizzesTaken: number,
			quizzesPassed: number,
			activeWeeks: number
		) => {
			const rule = products.get(product)?.rule;
			return rule
				? meetsRule(rule, {
						eligibleWeeks,
						minutesHundredths,
						lessons,
						skills,
						quizzesTaken,
						quizzesPassed,
						activeWeeks
					})
				: false;
		},
		{ override: true }
	);
	aq.addFunction('bench_monday', mondayOf, { override: true });
}

function studentStages(tables: Map<string, Table>): Table {
	const products = tables.get('products')!;
	registerRule(productInfo(products.objects() as Record<string, string>[]));
	const year = tables
		.get('usage_roster')!
		.rollup({ y: aq.op.max('school_year_start') })
		.get('y', 0);
	const logs = tables
		.get('usage_student_week')!
		.params({ year })
		.filter('(d, $) => d.school_year_start === $.year');
	const span = logs.rollup({ first: aq.op.min('week_start'), last: aq.op.max('week_start') });
	const { t0, t1, weeks } = analysisWindow(span.get('first', 0), span.get('last', 0));
	const weekly = logs
		.derive({ monday: 'd => op.bench_monday(d.week_start)' })
		.groupby('student_key', 'product_id', 'monday')
		.rollup({
			minutes: aq.op.sum('minutes'),
			lessons: aq.op.sum('lessons_completed'),
			skills: aq.op.sum('skills_proficient'),
			quizzes_taken: aq.op.sum('quizzes_taken'),
			quizzes_passed: aq.op.sum('quizzes_passed'),
			active: 'd => op.max(d.sessions > 0 || d.logins > 0 ? 1 : 0)'
		});
	const params = { year, t0, t1, w0: weeks[0]!, w1: weeks.at(-1)! };
	const activation = weekly
		.params(params)
		.filter('(d, $) => d.monday >= $.w0 && d.monday <= $.w1')
		.groupby('student_key', 'product_id')
		.rollup({ any_activity: aq.op.max('active') });
	const roster = tables
		.get('usage_roster')!
		.params(params)
		.filter('(d, $) => d.school_year_start === $.year')
		.join_left(products.select('product_id', 'grade_min', 'grade_max'), 'product_id')
		.derive({
			enrolled: `(d, $) => ((d.enroll_start == null ? $.t0 : d.enroll_start) <= $.t1
				&& (d.enroll_end == null ? $.t1 : d.enroll_end) >= $.t0
				&& (d.grade_min == null || (d.grade != null && d.grade >= d.grade_min))
				&& (d.grade_max == null || (d.grade != null && d.grade <= d.grade_max))) ? 1 : 0`,
			licensed: `(d, $) => (d.license_start != null && d.license_start <= $.t1
				&& (d.license_end == null ? $.t1 : d.license_end) >= $.t0) ? 1 : 0`
		})
		.derive({
			eligible_from: `d => op.greatest(d.enroll_start == null ? d.license_start : d.enroll_start, d.license_start)`,
			eligible_to: `(d, $) => op.least(d.enroll_end == null ? $.t1 : d.enroll_end, d.license_end == null ? $.t1 : d.license_end)`
		});
	const exclusions = (tables.get('calendar_exclusions')!.objects() as Record<string, unknown>[])
		.filter((x) => x.school_year_start === year)
		.map((x) => ({ leaid: (x.leaid as string) || null, week: x.week_start as number }));
	const instructional = instructionalWeeks(weeks, exclusions);
	const leaids = roster
		.rollup({ ids: aq.op.array_agg_distinct('leaid') })
		.get('ids', 0) as string[];
	const districtWeeks = aq.from(
		leaids.flatMap((leaid) => instructional(leaid).map((monday) => ({ leaid, monday })))
	);
	const eligible = roster
		.filter('d => d.licensed === 1')
		.select('student_key', 'product_id', 'leaid', 'eligible_from', 'eligible_to')
		.join(districtWeeks, 'leaid')
		.filter('d => d.monday >= d.eligible_from && d.monday <= d.eligible_to')
		.join_left(weekly, [WEEK_KEYS, WEEK_KEYS])
		.groupby('student_key', 'product_id')
		.rollup({
			eligible_weeks: aq.op.count(),
			minutes_sum: aq.op.sum('minutes'),
			lessons_sum: aq.op.sum('lessons'),
			skills_sum: aq.op.sum('skills'),
			quizzes_taken_sum: aq.op.sum('quizzes_taken'),
			quizzes_passed_sum: aq.op.sum('quizzes_passed'),
			active_weeks: aq.op.sum('active')
		});
	return roster
		.join_left(eligible, [STUDENT_KEYS, STUDENT_KEYS])
		.join_left(activation, [STUDENT_KEYS, STUDENT_KEYS])
		.derive({
			activated: 'd => d.licensed === 1 && d.any_activity === 1 ? 1 : 0',
			ew: 'd => d.eligible_weeks == null ? 0 : d.eligible_weeks',
			aw: 'd => d.active_weeks == null ? 0 : d.active_weeks'
		})
		.derive({
			regular: 'd => d.licensed === 1 && d.ew > 0 && 2 * d.aw >= d.ew ? 1 : 0',
			dosage_met: `d => d.activated === 1 && op.bench_meets(d.product_id, d.ew,
				d.minutes_sum || 0, d.lessons_sum || 0, d.skills_sum || 0,
				d.quizzes_taken_sum || 0, d.quizzes_passed_sum || 0, d.aw) ? 1 : 0`
		})
		.select('product_id', 'leaid', 'enrolled', 'licensed', 'activated', 'regular', 'dosage_met');
}

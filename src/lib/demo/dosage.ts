import { eligibleWeeks } from './calendar.ts';
import type { DemoProduct } from './products.ts';

/** One week of a student's use of a product (minutes in integer hundredths). */
export interface WeekUsage {
	readonly week: number;
	readonly minutesHundredths: number;
	readonly sessions: number;
	readonly logins: number;
	readonly lessonsCompleted: number | null;
	readonly lessonsPassed: number | null;
	readonly quizzesTaken: number | null;
	readonly quizzesPassed: number | null;
	readonly skillsProficient: number | null;
}

/** A roster row with its weeks of use (dates as day numbers; null licence = no licence). */
export interface RosterEntry {
	readonly studentKey: string;
	readonly ncessch: string;
	readonly leaid: string;
	readonly productId: string;
	readonly grade: number;
	readonly licenseStart: number | null;
	readonly licenseEnd: number | null;
	readonly enrollStart: number;
	readonly enrollEnd: number;
	readonly usage: readonly WeekUsage[];
}

/** A student's funnel stages (domain-spec §4.1) for one product. */
export interface StudentFunnel {
	readonly licensed: boolean;
	readonly activated: boolean;
	readonly regular: boolean;
	readonly evaluable: boolean;
	readonly dosageMet: boolean;
	readonly minutesHundredths: number;
}

/**
 * Evaluates one roster entry per domain-spec §4.1–4.2: eligible weeks = instructional weeks within
 * [max(enrol, licence start), min(enrol, licence end)]; weeks without a row count as zero, so the
 * mean divides by eligible weeks; fewer than `min_eligible_weeks` → not evaluable (never D);
 * regular = active in ≥ 50% of eligible weeks. Sums are integers (minutes in hundredths), so a
 * mean of exactly 30.00 meets "≥ 30".
 */
export function evaluateStudent(
	entry: RosterEntry,
	product: DemoProduct,
	instructional: readonly number[]
): StudentFunnel {
	const minutesHundredths = entry.usage.reduce((s, u) => s + u.minutesHundredths, 0);
	if (entry.licenseStart === null || entry.licenseEnd === null) {
		return {
			licensed: false,
			activated: false,
			regular: false,
			evaluable: false,
			dosageMet: false,
			minutesHundredths
		};
	}
	const start = Math.max(entry.enrollStart, entry.licenseStart);
	const end = Math.min(entry.enrollEnd, entry.licenseEnd);
	const weeks = eligibleWeeks(instructional, start, end);
	const eligible = new Set(weeks);
	const inEligible = entry.usage.filter((u) => eligible.has(u.week));
	const activeWeeks = inEligible.filter((u) => u.sessions > 0 || u.logins > 0).length;
	const activated = entry.usage.some((u) => u.sessions > 0 || u.logins > 0);
	const evaluable = weeks.length >= product.min_eligible_weeks;
	const sum =
		product.measure === 'minutes_per_week_mean'
			? inEligible.reduce((s, u) => s + u.minutesHundredths, 0)
			: inEligible.reduce((s, u) => s + (u.lessonsCompleted ?? 0), 0);
	const scale = product.measure === 'minutes_per_week_mean' ? 100 : 1;
	const meets = sum >= Math.round(product.threshold * scale) * weeks.length;
	return {
		licensed: true,
		activated,
		regular: weeks.length > 0 && 2 * activeWeeks >= weeks.length,
		evaluable,
		dosageMet: activated && evaluable && meets,
		minutesHundredths
	};
}

import { largestRemainder } from './allocate.ts';
import type { DemoDistrict } from './districts.ts';
import type { Random } from './random.ts';

/** A simulated school: its 12-digit NCESSCH and its students per grade (K = 0 … 12). */
export interface DemoSchool {
	readonly ncessch: string;
	readonly leaid: string;
	readonly gradeCounts: readonly number[];
}

const GRADES = 13;
/** Districts below this enrollment run one K-12 school [D]. */
const SINGLE_SCHOOL_BELOW = 400;
/** Grade bands and typical school sizes [D]: elementary K-5, middle 6-8, high 9-12. */
const BANDS = [
	{ from: 0, to: 5, size: 450 },
	{ from: 6, to: 8, size: 600 },
	{ from: 9, to: 12, size: 1000 }
] as const;

/** Students in the grades `[gradeMin, gradeMax]` of a school. */
export function studentsInGrades(school: DemoSchool, gradeMin: number, gradeMax: number): number {
	let n = 0;
	for (let g = gradeMin; g <= gradeMax; g++) n += school.gradeCounts[g] ?? 0;
	return n;
}

/**
 * Splits a district's enrollment evenly over grades K-12, then over schools of each grade band
 * with random sizes [D]. School numbers run 00001, 00002, … after the LEAID.
 */
export function simulateSchools(district: DemoDistrict, random: Random): DemoSchool[] {
	const perGrade = largestRemainder(district.enrollment_total, new Array<number>(GRADES).fill(1));
	const bands =
		district.enrollment_total < SINGLE_SCHOOL_BELOW ? [{ from: 0, to: 12, size: Infinity }] : BANDS;
	const schools: DemoSchool[] = [];
	for (const band of bands) {
		const bandTotal = perGrade.slice(band.from, band.to + 1).reduce((s, n) => s + n, 0);
		const count = Math.max(1, Math.round(bandTotal / band.size));
		const weights = Array.from({ length: count }, () => random.uniform(0.6, 1.4));
		const counts = Array.from({ length: count }, () => new Array<number>(GRADES).fill(0));
		for (let g = band.from; g <= band.to; g++) {
			largestRemainder(perGrade[g]!, weights).forEach((n, s) => (counts[s]![g] = n));
		}
		for (const gradeCounts of counts) {
			const number = String(schools.length + 1).padStart(5, '0');
			schools.push({ ncessch: district.leaid + number, leaid: district.leaid, gradeCounts });
		}
	}
	return schools;
}

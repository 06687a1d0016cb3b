import type { CsvRow } from './csv.ts';
import { formatHundredths } from './csv.ts';
import { DEMO_SCHOOL_YEAR } from './calendar.ts';
import { evaluateStudent, type RosterEntry } from './dosage.ts';
import type { DemoDistrict } from './districts.ts';
import { funnelRates } from './funnel.ts';
import type { DemoProduct } from './products.ts';
import type { Random } from './random.ts';
import { studentsInGrades, type DemoSchool } from './schools.ts';
import type { USAGE_AGGREGATE } from '../schema/tables.ts';

/** Funnel counts of one unit and product; minutes in integer hundredths. */
export interface FunnelCounts {
	readonly enrolled: number;
	readonly licensed: number;
	readonly activated: number;
	readonly regular: number;
	readonly dosageMet: number;
	readonly minutesHundredths: number;
}

/** Mean weekly minutes per student by stage [D], for aggregates that have no logs. */
const WEEKLY_MINUTES = { dosage: [32, 45], regular: [8, 18], light: [1, 5] } as const;

/** Sums funnel counts (district = sum of its schools). */
export function addCounts(a: FunnelCounts, b: FunnelCounts): FunnelCounts {
	return {
		enrolled: a.enrolled + b.enrolled,
		licensed: a.licensed + b.licensed,
		activated: a.activated + b.activated,
		regular: a.regular + b.regular,
		dosageMet: a.dosageMet + b.dosageMet,
		minutesHundredths: a.minutesHundredths + b.minutesHundredths
	};
}

/** A school's funnel counted from its roster entries for one product (the student grain). */
export function countsFromLogs(
	entries: readonly RosterEntry[],
	product: DemoProduct,
	instructional: readonly number[]
): FunnelCounts {
	let counts: FunnelCounts = {
		enrolled: 0,
		licensed: 0,
		activated: 0,
		regular: 0,
		dosageMet: 0,
		minutesHundredths: 0
	};
	for (const entry of entries) {
		const f = evaluateStudent(entry, product, instructional);
		counts = addCounts(counts, {
			enrolled: 1,
			licensed: Number(f.licensed),
			activated: Number(f.activated),
			regular: Number(f.regular),
			dosageMet: Number(f.dosageMet),
			minutesHundredths: f.minutesHundredths
		});
	}
	return counts;
}

/**
 * A school's funnel drawn without logs: nested binomials L ~ Bin(E, access), A ~ Bin(L, ·),
 * R ~ Bin(A, ·), D ~ Bin(R, ·) with the district's demo funnel shares, so D ≤ R ≤ A ≤ L ≤ E.
 */
export function synthesizeCounts(
	school: DemoSchool,
	district: DemoDistrict,
	product: DemoProduct,
	weeks: number,
	random: Random
): FunnelCounts {
	const rates = funnelRates(district.poverty_percentile, product);
	const enrolled = studentsInGrades(school, product.grade_min, product.grade_max);
	const licensed = random.binomial(enrolled, rates.access);
	const activated = random.binomial(licensed, rates.activated);
	const regular = random.binomial(activated, rates.regular / rates.activated);
	const dosageMet = random.binomial(regular, rates.dosage / rates.regular);
	const minutes =
		weeks *
		(dosageMet * random.uniform(...WEEKLY_MINUTES.dosage) +
			(regular - dosageMet) * random.uniform(...WEEKLY_MINUTES.regular) +
			(activated - regular) * random.uniform(...WEEKLY_MINUTES.light));
	return {
		enrolled,
		licensed,
		activated,
		regular,
		dosageMet,
		minutesHundredths: Math.round(minutes * 100)
	};
}

/** One `usage_aggregate.csv` row for the demo school year. */
export function aggregateRow(
	unitType: 'school' | 'district',
	unitId: string,
	productId: string,
	c: FunnelCounts
): CsvRow<typeof USAGE_AGGREGATE> {
	return {
		unit_type: unitType,
		unit_id: unitId,
		product_id: productId,
		school_year_start: DEMO_SCHOOL_YEAR.school_year_start,
		period_start: DEMO_SCHOOL_YEAR.period_start,
		period_end: DEMO_SCHOOL_YEAR.period_end,
		enrolled_n: c.enrolled,
		licensed_n: c.licensed,
		activated_n: c.activated,
		regular_n: c.regular,
		dosage_met_n: c.dosageMet,
		minutes_total: formatHundredths(c.minutesHundredths)
	};
}

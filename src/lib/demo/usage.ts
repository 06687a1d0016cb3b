import { demoInstructionalWeeks } from './calendar.ts';
import type { CsvRow } from './csv.ts';
import type { RosterEntry } from './dosage.ts';
import type { DemoDistrict } from './districts.ts';
import { DEMO_PRODUCTS, type DemoProduct } from './products.ts';
import { createRandom, type Random } from './random.ts';
import { studentsInGrades, type DemoSchool } from './schools.ts';
import {
	addCounts,
	aggregateRow,
	countsFromLogs,
	synthesizeCounts,
	type FunnelCounts
} from './usage-aggregates.ts';
import { simulateDistrictLogs } from './usage-logs.ts';
import type { USAGE_AGGREGATE } from '../schema/tables.ts';

/** Products per district [D]: 1, 2 or 3 of the demo products. */
const PRODUCTS_PER_DISTRICT_WEIGHTS = [0.4, 0.35, 0.25];
/** Districts with student-week logs [D]: per SAIPE poverty quartile, mid-sized districts. */
const LOGGED = { perQuartile: 5, minEnrollment: 1000, maxEnrollment: 2000 };

function licensedProducts(random: Random): DemoProduct[] {
	const count = 1 + random.weightedIndex(PRODUCTS_PER_DISTRICT_WEIGHTS);
	return random.sample(DEMO_PRODUCTS, count);
}

function selectLoggedDistricts(districts: readonly DemoDistrict[], random: Random): Set<string> {
	const chosen = new Set<string>();
	for (let q = 0; q < 4; q++) {
		const candidates = districts.filter(
			(d) =>
				Math.floor(d.poverty_percentile * 4) === q &&
				d.enrollment_total >= LOGGED.minEnrollment &&
				d.enrollment_total <= LOGGED.maxEnrollment
		);
		for (const d of random.sample(candidates, LOGGED.perQuartile)) chosen.add(d.leaid);
	}
	return chosen;
}

/**
 * Usage for every district: each licenses 1–3 products; about 20 districts get student-week logs
 * and rosters, whose evaluation (`countsFromLogs`) gives their aggregate rows; the others get
 * drawn aggregates (`synthesizeCounts`). District rows are the sums of their school rows.
 */
export function simulateUsage(
	districts: readonly DemoDistrict[],
	schools: ReadonlyMap<string, readonly DemoSchool[]>,
	seed: number
) {
	const licensing = createRandom(seed, 'licensing');
	const synthetic = createRandom(seed, 'usage-aggregates');
	const logs = createRandom(seed, 'usage-logs');
	const logged = selectLoggedDistricts(districts, createRandom(seed, 'logged-districts'));
	const instructional = demoInstructionalWeeks();
	const usedKeys = new Set<string>();
	const entries: RosterEntry[] = [];
	const aggregates: CsvRow<typeof USAGE_AGGREGATE>[] = [];
	for (const district of districts) {
		const products = licensedProducts(licensing);
		const districtSchools = schools.get(district.leaid)!;
		const districtEntries = logged.has(district.leaid)
			? simulateDistrictLogs(district, districtSchools, products, instructional, logs, usedKeys)
			: [];
		entries.push(...districtEntries);
		const schoolRows: CsvRow<typeof USAGE_AGGREGATE>[] = [];
		for (const product of products) {
			let total: FunnelCounts | null = null;
			for (const school of districtSchools) {
				if (studentsInGrades(school, product.grade_min, product.grade_max) === 0) continue;
				const counts = logged.has(district.leaid)
					? countsFromLogs(
							districtEntries.filter(
								(e) => e.ncessch === school.ncessch && e.productId === product.product_id
							),
							product,
							instructional
						)
					: synthesizeCounts(school, district, product, instructional.length, synthetic);
				schoolRows.push(aggregateRow('school', school.ncessch, product.product_id, counts));
				total = total === null ? counts : addCounts(total, counts);
			}
			if (total)
				aggregates.push(aggregateRow('district', district.leaid, product.product_id, total));
		}
		aggregates.push(...schoolRows);
	}
	return { entries, aggregates };
}

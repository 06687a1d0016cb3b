import { DEMO_CALENDAR_EXCLUSIONS, DEMO_SCHOOL_YEAR, demoInstructionalWeeks } from './calendar.ts';
import { toCsv, type CsvRow } from './csv.ts';
import type { RosterEntry } from './dosage.ts';
import { simulateDistricts, type DemoDistrict } from './districts.ts';
import { buildManifest, demoFile, type DemoFile } from './manifest.ts';
import { DEMO_PRODUCTS, productRows, type DemoProduct } from './products.ts';
import { publishedEstimateRows } from './published-figures.ts';
import { createRandom, type Random } from './random.ts';
import { simulateSchools, studentsInGrades, type DemoSchool } from './schools.ts';
import { simulateNationalSurvey, simulateStateCensus, surveyPovertyLevels } from './survey.ts';
import {
	addCounts,
	aggregateRow,
	countsFromLogs,
	synthesizeCounts,
	type FunnelCounts
} from './usage-aggregates.ts';
import { simulateDistrictLogs } from './usage-logs.ts';
import { rosterRows, studentWeekRows } from './usage-rows.ts';
import type { DemoManifest } from '../ingest/demo.ts';
import * as T from '../schema/tables.ts';

export const DEFAULT_DEMO_SEED = 2024;

export interface DemoOptions {
	readonly seed?: number;
}

/** Everything the generator writes, in memory: the CSV files and the manifest. */
export interface DemoData {
	readonly files: readonly DemoFile[];
	readonly manifest: DemoManifest;
	/** `manifest.json` as written (tab-indented JSON and a final newline). */
	readonly manifestText: string;
}

/** Products per district [D]: 1, 2 or 3 of the demo products. */
const PRODUCTS_PER_DISTRICT_WEIGHTS = [0.4, 0.35, 0.25];
/** Districts with student-week logs [D]: per SAIPE poverty quartile, mid-sized districts. */
const LOGGED = { perQuartile: 5, minEnrollment: 1000, maxEnrollment: 2000 };

function csvFile<S extends (typeof T.TABLES)[number]>(
	name: string,
	spec: S,
	rows: readonly CsvRow<S>[]
): Promise<DemoFile> {
	return demoFile(name, spec.name, rows.length, toCsv(spec, rows));
}

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

function districtRows(districts: readonly DemoDistrict[]): CsvRow<typeof T.DISTRICTS>[] {
	return districts.map((d) => ({
		leaid: d.leaid,
		school_year_start: DEMO_SCHOOL_YEAR.school_year_start,
		lea_name: d.lea_name,
		state_fips: d.state.fips,
		state_abbr: d.state.abbr,
		census_region: d.state.region,
		lea_type: '1',
		locale_code: d.locale_code,
		enrollment_total: d.enrollment_total,
		free_lunch_count: d.free_lunch_count,
		reduced_lunch_count: d.reduced_lunch_count,
		frpl_count: d.frpl_count,
		direct_cert_count: d.direct_cert_count,
		cep_flag: d.cep_flag,
		saipe_year: 2023,
		saipe_pop_5_17: d.saipe_pop_5_17,
		saipe_pov_5_17: d.saipe_pov_5_17,
		meps_pct: null,
		frpl_pct_interval_lo: null,
		frpl_pct_interval_hi: null
	}));
}

/** Usage for every district: logs for the selected few, drawn aggregates for the rest. */
function simulateUsage(
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
	const aggregates: CsvRow<typeof T.USAGE_AGGREGATE>[] = [];
	for (const district of districts) {
		const products = licensedProducts(licensing);
		const districtSchools = schools.get(district.leaid)!;
		const districtEntries = logged.has(district.leaid)
			? simulateDistrictLogs(district, districtSchools, products, instructional, logs, usedKeys)
			: [];
		entries.push(...districtEntries);
		const schoolRows: CsvRow<typeof T.USAGE_AGGREGATE>[] = [];
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

/**
 * Generates the demo dataset for `seed`: same seed, byte-identical files (no timestamps, stable
 * order, fixed number formats). Needs no files: every parameter is a committed constant.
 */
export async function generateDemoData(options: DemoOptions = {}): Promise<DemoData> {
	const seed = options.seed ?? DEFAULT_DEMO_SEED;
	const districts = simulateDistricts(createRandom(seed, 'districts'), createRandom(seed, 'names'));
	const schoolRandom = createRandom(seed, 'schools');
	const schools = new Map(districts.map((d) => [d.leaid, simulateSchools(d, schoolRandom)]));
	const levels = surveyPovertyLevels(districts);
	const survey = [
		...simulateNationalSurvey(districts, levels, createRandom(seed, 'survey')),
		...simulateStateCensus(districts, levels, createRandom(seed, 'state-census'))
	];
	const { entries, aggregates } = simulateUsage(districts, schools, seed);
	const exclusions = DEMO_CALENDAR_EXCLUSIONS.map((e) => ({
		school_year_start: DEMO_SCHOOL_YEAR.school_year_start,
		leaid: null,
		week_start: e.week_start,
		reason: e.reason
	}));
	const files = await Promise.all([
		csvFile('districts.csv', T.DISTRICTS, districtRows(districts)),
		csvFile('survey_responses.csv', T.SURVEY_RESPONSES, survey),
		csvFile('published_estimates.csv', T.PUBLISHED_ESTIMATES, publishedEstimateRows()),
		csvFile('products.csv', T.PRODUCTS, productRows()),
		csvFile('calendar_exclusions.csv', T.CALENDAR_EXCLUSIONS, exclusions),
		csvFile('usage_aggregate.csv', T.USAGE_AGGREGATE, aggregates),
		csvFile('usage_roster.csv', T.USAGE_ROSTER, rosterRows(entries)),
		csvFile('usage_student_week.csv', T.USAGE_STUDENT_WEEK, studentWeekRows(entries))
	]);
	const manifest = await buildManifest(seed, files);
	return { files, manifest, manifestText: JSON.stringify(manifest, null, '\t') + '\n' };
}

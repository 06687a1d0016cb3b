import { DEMO_CALENDAR_EXCLUSIONS, DEMO_SCHOOL_YEAR } from './calendar.ts';
import { toCsv, type CsvRow } from './csv.ts';
import { districtRows, simulateDistricts } from './districts.ts';
import { buildManifest, demoFile, type DemoFile } from './manifest.ts';
import { productRows } from './products.ts';
import { publishedEstimateRows } from './published-figures.ts';
import { createRandom } from './random.ts';
import { simulateSchools } from './schools.ts';
import { simulateNationalSurvey, simulateStateCensus, surveyPovertyLevels } from './survey.ts';
import { simulateUsage } from './usage.ts';
import { rosterRows, studentWeekRows } from './usage-rows.ts';
import type { DemoManifest } from '../ingest/demo.ts';
import * as T from '../schema/tables.ts';

/** The seed of the published demo data (`npm run data:demo`). */
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

function csvFile<S extends (typeof T.TABLES)[number]>(
	name: string,
	spec: S,
	rows: readonly CsvRow<S>[]
): Promise<DemoFile> {
	return demoFile(name, spec.name, rows.length, toCsv(spec, rows));
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

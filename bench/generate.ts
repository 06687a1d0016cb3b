import { createWriteStream, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { demoInstructionalWeeks } from '#lib/demo/calendar.ts';
import { toCsv } from '#lib/demo/csv.ts';
import { simulateDistricts } from '#lib/demo/districts.ts';
import { generateDemoData } from '#lib/demo/generate.ts';
import { DEMO_PRODUCTS } from '#lib/demo/products.ts';
import { createRandom } from '#lib/demo/random.ts';
import { simulateSchools } from '#lib/demo/schools.ts';
import { simulateDistrictLogs } from '#lib/demo/usage-logs.ts';
import { rosterRows, studentWeekRows } from '#lib/demo/usage-rows.ts';
import * as T from '#lib/schema/tables.ts';

/** The files of one benchmark dataset, in the order the "Your data" page loads them. */
export const DATASET_FILES = [
	'districts.csv',
	'products.csv',
	'survey_responses.csv',
	'calendar_exclusions.csv',
	'usage_roster.csv',
	'usage_student_week.csv'
] as const;

export interface Dataset {
	readonly dir: string;
	readonly rows: number;
	readonly seed: number;
	/** Rows of each file and bytes on disk. */
	readonly files: readonly { name: string; rows: number; bytes: number }[];
}

/** CSV text without its header line (for appending to a file that has one). */
function body(csv: string): string {
	return csv.slice(csv.indexOf('\n') + 1);
}

/**
 * Writes a seeded "bring your own data" dataset with exactly `rows` student-week rows into
 * `bench/out/<rows>-<seed>/` (reused when present): the demo generator's districts, survey,
 * products and calendar (`generateDemoData`, same seed), and student-week logs with their rosters simulated by the demo's own
 * `simulateDistrictLogs` for districts taken in a seeded random order until `rows` is reached
 * (the last district's weeks are cut at the limit; its roster is complete). Same columns and
 * formats as `static/data/usage_student_week.csv`.
 */
export async function generateDataset(rows: number, seed: number, root: string): Promise<Dataset> {
	const dir = resolve(root, `${rows}-${seed}`);
	const manifest = join(dir, 'dataset.json');
	if (existsSync(manifest)) return JSON.parse(readFileSync(manifest, 'utf8')) as Dataset;
	mkdirSync(dir, { recursive: true });
	const demo = await generateDemoData({ seed });
	const small = [
		'districts.csv',
		'survey_responses.csv',
		'products.csv',
		'calendar_exclusions.csv'
	];
	for (const file of demo.files.filter((f) => small.includes(f.name)))
		writeFileSync(join(dir, file.name), file.text);
	const districts = simulateDistricts(createRandom(seed, 'districts'), createRandom(seed, 'names'));
	const schoolRandom = createRandom(seed, 'schools');
	const schools = new Map(districts.map((d) => [d.leaid, simulateSchools(d, schoolRandom)]));
	const roster = createWriteStream(join(dir, 'usage_roster.csv'));
	const weeks = createWriteStream(join(dir, 'usage_student_week.csv'));
	const header = (spec: T.TableSpec) => spec.columns.map((c) => c.name).join(',') + '\n';
	roster.write(header(T.USAGE_ROSTER));
	weeks.write(header(T.USAGE_STUDENT_WEEK));
	const order = createRandom(seed, 'bench-districts').shuffle(districts);
	const licensing = createRandom(seed, 'bench-licensing');
	const logs = createRandom(seed, 'bench-logs');
	const instructional = demoInstructionalWeeks();
	const usedKeys = new Set<string>();
	let written = 0;
	let rosterRowsWritten = 0;
	for (const district of order) {
		if (written >= rows) break;
		const products = licensing.sample(DEMO_PRODUCTS, licensing.int(1, DEMO_PRODUCTS.length));
		const entries = simulateDistrictLogs(
			district,
			schools.get(district.leaid)!,
			products,
			instructional,
			logs,
			usedKeys
		);
		const weekRows = studentWeekRows(entries).slice(0, rows - written);
		await write(roster, body(toCsv(T.USAGE_ROSTER, rosterRows(entries))));
		await write(weeks, body(toCsv(T.USAGE_STUDENT_WEEK, weekRows)));
		written += weekRows.length;
		rosterRowsWritten += entries.length;
	}
	await Promise.all([close(roster), close(weeks)]);
	if (written < rows) throw new Error(`the demo districts give only ${written} student-week rows`);
	const counts: Record<string, number> = {
		...Object.fromEntries(demo.files.map((f) => [f.name, f.rows])),
		'usage_roster.csv': rosterRowsWritten,
		'usage_student_week.csv': written
	};
	const dataset: Dataset = {
		dir,
		rows,
		seed,
		files: DATASET_FILES.map((name) => ({
			name,
			rows: counts[name]!,
			bytes: readFileSync(join(dir, name)).length
		}))
	};
	writeFileSync(manifest, JSON.stringify(dataset, null, '\t') + '\n');
	return dataset;
}

function write(stream: NodeJS.WritableStream, text: string): Promise<void> {
	return new Promise((resolve) => {
		if (stream.write(text)) resolve();
		else stream.once('drain', resolve);
	});
}

function close(stream: NodeJS.WritableStream): Promise<void> {
	return new Promise((resolve, reject) => {
		stream.on('error', reject);
		stream.end(resolve);
	});
}

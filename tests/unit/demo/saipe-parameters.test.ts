import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '#lib/db/database.ts';
import { createNodeDatabase } from '#lib/db/node.ts';
import { literal, sql } from '#lib/db/sql.ts';
import { SIMULATED_MARKER } from '#lib/demo/names.ts';
import { generateDemoData } from '#lib/demo/generate.ts';
import { deriveSaipeParameters, SAIPE_QUANTILE_PROBS } from '#lib/demo/saipe-derivation.ts';
import { SAIPE_2023_PARAMETERS } from '#lib/demo/saipe-parameters.ts';
import { SHARED_DATA, sharedDataAvailable } from '../../helpers/shared-data.ts';

const available = sharedDataAvailable();
const SAIPE_FILE = resolve(SHARED_DATA, 'saipe_school_districts_2023.csv');

let db: Database;
let saipePath: string;
let demoDistricts: string;
beforeAll(async () => {
	if (!available) return;
	db = await createNodeDatabase();
	saipePath = await db.registerFile('saipe.csv', readFileSync(SAIPE_FILE));
	const data = await generateDemoData();
	demoDistricts = data.files.find((f) => f.table === 'districts')!.text;
});
afterAll(() => db?.close());

/** SAIPE rows of the 50 states and DC, every column as text (LEAIDs keep their zeros). */
const saipe = () =>
	sql`(SELECT * FROM read_csv(${literal(saipePath)}, header = true, all_varchar = true) WHERE state_fips <> '72')`;

describe.skipIf(!available)('SAIPE-derived demo parameters', () => {
	it('match a fresh derivation from the shared SAIPE 2023 file', () => {
		expect(deriveSaipeParameters(readFileSync(SAIPE_FILE, 'utf8'))).toEqual(SAIPE_2023_PARAMETERS);
	});

	it('agree with quantiles computed independently by DuckDB (quantile_cont = R type 7)', async () => {
		const [r] = await db.query<{ n: number; median: number; q90: number; pop_q50: number }>(
			sql`SELECT count(*) AS n,
				quantile_cont(pov::DOUBLE / pop, 0.5) FILTER (WHERE pop > 0) AS median,
				quantile_cont(pov::DOUBLE / pop, 0.9) FILTER (WHERE pop > 0) AS q90,
				quantile_cont(pop, 0.5) FILTER (WHERE pop > 0) AS pop_q50
			FROM (SELECT CAST(est_population_5_17 AS INTEGER) AS pop,
				CAST(est_children_5_17_in_poverty AS INTEGER) AS pov FROM ${saipe()})`
		);
		const knot = (p: number) => SAIPE_QUANTILE_PROBS.indexOf(p as never);
		const total = Object.values(SAIPE_2023_PARAMETERS.districtsByState).reduce((s, n) => s + n, 0);
		expect(total).toBe(r!.n);
		// The PROVENANCE note gives the median district poverty rate as 13.4%.
		expect(SAIPE_2023_PARAMETERS.povertyRateQuantiles[knot(0.5)]).toBe(0.134);
		expect(SAIPE_2023_PARAMETERS.povertyRateQuantiles[knot(0.5)]).toBeCloseTo(r!.median, 4);
		expect(SAIPE_2023_PARAMETERS.povertyRateQuantiles[knot(0.9)]).toBeCloseTo(r!.q90, 4);
		expect(SAIPE_2023_PARAMETERS.population517Quantiles[knot(0.5)]).toBeCloseTo(r!.pop_q50, 0);
	});
});

describe.skipIf(!available)('demo districts against the real SAIPE list', () => {
	it('use LEAIDs that collide with no real SAIPE district', async () => {
		const path = await db.registerFile('demo-districts.csv', demoDistricts);
		const [r] = await db.query<{ demo: number; collisions: number; in_range: number }>(
			sql`WITH demo AS (SELECT leaid FROM read_csv(${literal(path)}, header = true, all_varchar = true))
			SELECT (SELECT count(*) FROM demo) AS demo,
				(SELECT count(*) FROM demo WHERE leaid IN (SELECT leaid FROM ${saipe()})) AS collisions,
				(SELECT count(*) FROM ${saipe()} WHERE substr(leaid, 3, 5) BETWEEN '92000' AND '98999') AS in_range`
		);
		expect(r!.demo).toBeGreaterThan(1900);
		expect(r!.collisions).toBe(0);
		// The generator's reason: SAIPE uses no district number from 92000 to 98999.
		expect(r!.in_range).toBe(0);
	});

	it('use names that match no real district, even without the simulated marker', async () => {
		const path = await db.registerFile('demo-names.csv', demoDistricts);
		const [r] = await db.query<{ same: number }>(
			sql`SELECT count(*) AS same FROM read_csv(${literal(path)}, header = true, all_varchar = true) d
			WHERE lower(replace(d.lea_name, ${' ' + SIMULATED_MARKER}, '')) IN (SELECT lower(name) FROM ${saipe()})`
		);
		expect(r!.same).toBe(0);
	});
});

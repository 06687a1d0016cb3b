import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '#lib/db/database.ts';
import {
	districtPovertyQuery,
	povertyCutpointsQuery,
	type DistrictPovertyOptions,
	type DistrictPovertyRow,
	type PovertyCutpointRow
} from '#lib/poverty/district-poverty.ts';
import { createSchemaDatabase, loadCsv } from '../../helpers/schema-db.ts';

/** Expected categories are hand-worked in tests/fixtures/survey/README.md ("Districts"). */
let db: Database;
beforeAll(async () => {
	db = await createSchemaDatabase();
	const csv = readFileSync(new URL('../../fixtures/survey/districts.csv', import.meta.url), 'utf8');
	await loadCsv(db, 'districts', csv);
});
afterAll(() => db.close());

async function levels(options: DistrictPovertyOptions): Promise<Record<string, string>> {
	const rows = await db.query<DistrictPovertyRow>(districtPovertyQuery(options));
	return Object.fromEntries(rows.map((r) => [`d${r.leaid.slice(-2)}`, r.poverty_level]));
}

async function cutpoints(options: DistrictPovertyOptions): Promise<number[]> {
	const rows = await db.query<PovertyCutpointRow>(povertyCutpointsQuery(options));
	return rows.map((r) => r.cutpoint);
}

const Y2024 = { schoolYearStart: 2024 } as const;

describe('districtPovertyQuery — SAIPE quantiles', () => {
	it('district-weighted quartile cutpoints equal R quantile(type = 1): 0.2, 0.3, 0.5', async () => {
		expect(await cutpoints({ scheme: 'saipe-quartiles', ...Y2024 })).toEqual([0.2, 0.3, 0.5]);
	});

	it('puts ties at a cutpoint in the lower quartile and unknown measures in unknown', async () => {
		expect(await levels({ scheme: 'saipe-quartiles', ...Y2024 })).toEqual({
			d01: 'Q1',
			d02: 'Q1',
			d03: 'Q1',
			d04: 'Q2',
			d05: 'Q3',
			d06: 'Q3',
			d07: 'Q4',
			d08: 'Q4',
			d09: 'unknown',
			d10: 'unknown'
		});
	});

	it('reports why the measure is missing', async () => {
		const rows = await db.query<DistrictPovertyRow>(
			districtPovertyQuery({ scheme: 'saipe-quartiles', ...Y2024 })
		);
		const reasons = rows.filter((r) => r.missing_reason).map((r) => r.missing_reason);
		expect(reasons).toEqual(['no_saipe_population', 'no_measure']);
	});

	it('student basis puts 25% of students in each quartile: cutpoints 0.3, 0.3, 0.5', async () => {
		const options = { scheme: 'saipe-quartiles', basis: 'students', ...Y2024 } as const;
		expect(await cutpoints(options)).toEqual([0.3, 0.3, 0.5]);
		const byDistrict = await levels(options);
		expect([byDistrict.d04, byDistrict.d05, byDistrict.d06, byDistrict.d07]).toEqual([
			'Q1',
			'Q3',
			'Q3',
			'Q4'
		]);
	});

	it('computes cutpoints per school year', async () => {
		expect(await cutpoints({ scheme: 'saipe-quartiles' })).toEqual([0.1, 0.2, 0.3, 0.2, 0.3, 0.5]);
		const rows = await db.query<DistrictPovertyRow>(
			districtPovertyQuery({ scheme: 'saipe-quartiles', schoolYearStart: 2023 })
		);
		expect(rows.map((r) => r.poverty_level)).toEqual(['Q1', 'Q2', 'Q3', 'Q4']);
	});

	it('within_state scope computes cutpoints per state', async () => {
		const byDistrict = await levels({ scheme: 'saipe-quartiles', scope: 'within_state', ...Y2024 });
		expect(Object.values(byDistrict).slice(0, 8)).toEqual([
			'Q1',
			'Q2',
			'Q2',
			'Q4',
			'Q1',
			'Q2',
			'Q3',
			'Q4'
		]);
	});

	it('tertiles use cutpoints 0.2 and 0.5 (R quantile(type = 1))', async () => {
		expect(await cutpoints({ scheme: 'saipe-tertiles', ...Y2024 })).toEqual([0.2, 0.5]);
		const byDistrict = await levels({ scheme: 'saipe-tertiles', ...Y2024 });
		expect([byDistrict.d03, byDistrict.d04, byDistrict.d06, byDistrict.d07]).toEqual([
			'T1',
			'T2',
			'T2',
			'T3'
		]);
	});
});

describe('districtPovertyQuery — NCES FRPL cutoffs', () => {
	it('rounds half-up to 0.1 pp before classifying (25.05% → 25.1% → mid_low)', async () => {
		expect(await levels({ scheme: 'frpl-nces4', ...Y2024 })).toEqual({
			d01: 'low',
			d02: 'mid_low',
			d03: 'mid_high',
			d04: 'mid_low',
			d05: 'mid_high',
			d06: 'high',
			d07: 'high',
			d08: 'high',
			d09: 'unknown',
			d10: 'unknown'
		});
	});

	it('collapses to low / middle / high for the 3-level view', async () => {
		const byDistrict = await levels({ scheme: 'frpl-nces3', ...Y2024 });
		expect(Object.values(byDistrict)).toEqual([
			'low',
			'middle',
			'middle',
			'middle',
			'middle',
			'high',
			'high',
			'high',
			'unknown',
			'unknown'
		]);
	});

	it('caps FRPL above enrollment at 1 and flags it; flags CEP suspicion and badges', async () => {
		const rows = await db.query<DistrictPovertyRow>(
			districtPovertyQuery({ scheme: 'frpl-nces4', ...Y2024 })
		);
		const flagged = (f: (r: DistrictPovertyRow) => boolean) =>
			rows.filter(f).map((r) => r.leaid.slice(-2));
		expect(rows.find((r) => r.leaid === '0200007')?.poverty_value).toBe(1);
		expect(flagged((r) => r.frpl_gt_enrollment)).toEqual(['07']);
		expect(flagged((r) => r.cep_suspect)).toEqual(['08']);
		expect(flagged((r) => r.cep_badge)).toEqual(['08', '10']);
	});
});

describe('districtPovertyQuery — errors', () => {
	it('rejects the survey passthrough, which has no district table', () => {
		expect(() => districtPovertyQuery({ scheme: 'survey' as 'frpl-nces4' })).toThrow(
			'invalid district poverty scheme: survey'
		);
	});
});

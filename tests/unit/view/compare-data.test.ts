import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '#lib/db/database.ts';
import { generateDemoData } from '#lib/demo/generate.ts';
import { compareData, peerSettings, type CompareData } from '#lib/view/compare-data.ts';
import { compareModel, discloseDistrictRates, type CompareRow } from '#lib/view/compare-model.ts';
import { outcomeData } from '#lib/view/outcome-data.ts';
import { outcomeModel } from '#lib/view/outcome-model.ts';
import { DEFAULT_VIEW_STATE } from '#lib/view/view-state.ts';
import { buildViewUnits } from '#lib/view/view-units.ts';
import { createSchemaDatabase, loadCsv } from '../../helpers/schema-db.ts';

/*
 * The compare view's queries on the demo data, checked against the demo CSV text read here
 * with a plain parser (independent of the SQL): which districts answered the fall 2024 survey
 * and what, and each district's met/licensed counts for one product (aggregates have no
 * unevaluable students, so the base is licensed_n).
 */
const PRODUCT = 'demo-math-practice';
// 0195002 answered fall 2024 (trained = 1); 0195001 and 0195004 are not in that wave.
const PICKED = ['0195002', '0195001', '0195004'];

let db: Database;
let data: CompareData;
let rows: CompareRow[];
const csv = new Map<string, Record<string, string>[]>();

function parse(text: string): Record<string, string>[] {
	const [head, ...lines] = text.trim().split('\n');
	const keys = head!.split(',');
	return lines.map((l) => Object.fromEntries(l.split(',').map((v, i) => [keys[i]!, v])));
}

beforeAll(async () => {
	db = await createSchemaDatabase();
	for (const file of (await generateDemoData()).files) {
		await loadCsv(db, file.table, file.text);
		if (file.table === 'survey_responses' || file.table === 'usage_aggregate')
			csv.set(file.table, parse(file.text));
	}
	await buildViewUnits(db, { schoolYear: 2024, source: 'aggregate', rules: {} });
	data = await compareData(db, {
		leaids: PICKED,
		districtYear: 2024,
		measure: 'saipe',
		peer: peerSettings(DEFAULT_VIEW_STATE),
		product: PRODUCT,
		survey: { id: 'demo-asdp', wave: 'fall 2024' }
	});
	rows = compareModel(data, 'demo');
}, 60_000);
afterAll(() => db?.close());

function rawRate(leaid: string): number | null {
	const row = csv
		.get('usage_aggregate')!
		.find((r) => r.unit_type === 'district' && r.unit_id === leaid && r.product_id === PRODUCT);
	return row ? Number(row.dosage_met_n) / Number(row.licensed_n) : null;
}

function rawAnswer(leaid: string): string | undefined {
	return csv
		.get('survey_responses')!
		.find((r) => r.survey_id === 'demo-asdp' && r.survey_wave === 'fall 2024' && r.leaid === leaid)
		?.trained_teachers_ai;
}

describe('compareData + compareModel on the demo data', () => {
	it('keeps the picked order and finds 20 peers for each district', () => {
		expect(rows.map((r) => r.leaid)).toEqual(PICKED);
		for (const row of rows) {
			expect(row.peers.ok).toBe(true);
			if (row.peers.ok) expect(row.peers.group.peers).toHaveLength(20);
		}
		expect(rows[0]!.label).toMatch(/\(AL, 0195002\)$/);
	});

	it('says "not surveyed" for districts outside the wave, and gives the answer of the others', () => {
		expect(rawAnswer('0195002')).toBe('1');
		expect(rawAnswer('0195001')).toBeUndefined();
		expect(rows.map((r) => r.training?.answer)).toEqual([
			'trained',
			'not_surveyed',
			'not_surveyed'
		]);
	});

	it("shows each district's dosage rate as met / licensed of the aggregate file, or withholds it", () => {
		for (const row of rows) {
			const v = row.usage!.value;
			const raw = rawRate(row.leaid);
			if (raw === null) expect(v).toEqual({ status: 'missing', reason: 'no_denominator' });
			else if (v.status === 'shown') expect(v.value).toBeCloseTo(raw, 12);
			else expect(['coarsened', 'suppressed']).toContain(v.status);
		}
	});

	it('the peer median is the median of the peer rates shown exactly, from the raw counts', () => {
		const row = rows[0]!;
		if (!row.peers.ok) throw new Error('no peers');
		const disclosed = discloseDistrictRates(data.rates, 'demo');
		const sorted = row.peers.group.peers
			.filter((p) => disclosed.get(p.leaid)?.value.status === 'shown')
			.map((p) => rawRate(p.leaid)!)
			.sort((a, b) => a - b);
		const mid = sorted.length / 2;
		const median =
			sorted.length % 2 ? sorted[Math.floor(mid)]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
		expect(row.usage!.peer.peers_used).toBe(sorted.length);
		expect(row.usage!.peer.median).toBeCloseTo(median, 12);
		expect(row.usage!.peersLeftOut).toBe(20 - sorted.length);
	});

	it("the peers' pooled rate is Σ met / Σ licensed of the aggregate file over the peers shown", () => {
		const u = rows[0]!.usage!;
		const rawCount = (leaid: string, column: string) =>
			Number(
				csv
					.get('usage_aggregate')!
					.find(
						(r) => r.unit_type === 'district' && r.unit_id === leaid && r.product_id === PRODUCT
					)![column]
			);
		const met = u.peersUsed.reduce((a, id) => a + rawCount(id, 'dosage_met_n'), 0);
		const base = u.peersUsed.reduce((a, id) => a + rawCount(id, 'licensed_n'), 0);
		expect(u.pooled!.peers).toBe(u.peer.peers_used);
		expect(u.pooled!.value).toEqual({ status: 'shown', value: expect.closeTo(met / base, 12) });
		// The demo file also has each school's counts (unit_type school): schools are the clusters.
		expect(u.pooled!.ciMethod).toBe('clustered_wilson');
		expect(u.pooled!.schools).toBeGreaterThanOrEqual(5);
		expect(u.pooled!.lo).toBeLessThan(met / base);
	});

	it('gives each peer group its survey-weighted training share, through the reliability rule', () => {
		// Each demo district answers once, so the weighted share's n is the peers that answered.
		for (const row of rows) {
			const t = row.training!;
			expect(t.weighted?.n ?? 0).toBe(t.peersAnswered);
			if (t.weighted?.reliability === 'unreliable') {
				expect(t.weighted.value).toMatchObject({ status: 'suppressed', label: '‡' });
			}
		}
		expect(data.peerTraining).toHaveLength(PICKED.length);
	});

	it('the poverty-vs-outcome model fits its line and places the picked districts', async () => {
		const outcome = outcomeModel(
			await outcomeData(db, {
				kind: 'dosage',
				state: DEFAULT_VIEW_STATE,
				districtYear: 2024,
				measure: 'saipe',
				product: PRODUCT,
				survey: null
			}),
			PICKED,
			'demo'
		);
		expect(outcome.points.length).toBeGreaterThan(1000);
		// The demo generator lowers dosage with poverty (the "5 percent problem" tests).
		expect(outcome.line!.slope).toBeLessThan(0);
		expect(outcome.selected.map((s) => s.leaid)).toEqual(PICKED);
		for (const s of outcome.selected) {
			if (s.value.status === 'shown') expect(s.residual!.lo).toBeLessThan(s.residual!.hi);
		}
	});
});

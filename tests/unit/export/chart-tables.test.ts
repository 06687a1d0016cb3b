import { strFromU8, unzipSync } from 'fflate';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { BriefModel } from '#lib/brief/brief-model.ts';
import type { Database } from '#lib/db/database.ts';
import { createNodeDatabase } from '#lib/db/node.ts';
import { exportFiles, type ExportFormat } from '#lib/export/bundle.ts';
import { briefChartTables, briefTables } from '#lib/export/brief-tables.ts';
import { buildChartExport } from '#lib/export/chart-export.ts';
import {
	compareChartTables,
	outcomeTables,
	peerTrainingTable,
	peerUsageTable
} from '#lib/export/compare-tables.ts';
import type { ExportProvenance } from '#lib/export/datapackage.ts';
import { loadParquetNode } from '#lib/export/parquet-node.ts';
import { PUBLIC_POLICY } from '#lib/disclosure/disclose-view.ts';
import type { PeerGroup } from '#lib/peers/options.ts';
import type { DataCatalog } from '#lib/view/catalog.ts';
import type { CompareData } from '#lib/view/compare-data.ts';
import { compareModel } from '#lib/view/compare-model.ts';
import type { OutcomeModel } from '#lib/view/outcome-model.ts';
import { DEFAULT_VIEW_STATE } from '#lib/view/view-state.ts';
import { readBack, readCsvDuckDb } from './read-back.ts';

const LOADERS = { parquet: loadParquetNode };
const NOW = new Date('2026-11-22T10:00:00Z');

/** A peer group as `findPeers` returns it; the tables read only its peers and criteria. */
function group(peers: string[]): PeerGroup {
	return {
		peers: peers.map((leaid) => ({ leaid })),
		criteria: ['same locale group', 'same Census region']
	} as unknown as PeerGroup;
}

/**
 * Two picked districts, T (0100001) with four peers P1–P4, and 0100009, not in the data.
 * Dosage met/base: T 30/100, P1 5/8, P2 10/50, P3 20/50, P4 1/50. Training: T and P1, P3
 * trained, P2 not, P4 no answer.
 */
const DATA: CompareData = {
	leaids: ['0100001', '0100009'],
	districts: [{ leaid: '0100001', lea_name: 'Tern Valley', state_abbr: 'AL' }, null],
	peers: [
		{ ok: true, group: group(['0100002', '0100003', '0100004', '0100005']) },
		{ ok: false, reason: 'LEAID 0100009 is not in this data.' }
	],
	rates: [
		{ leaid: '0100001', met: 30, base: 100, in_block: false },
		{ leaid: '0100002', met: 5, base: 8, in_block: false },
		{ leaid: '0100003', met: 10, base: 50, in_block: false },
		{ leaid: '0100004', met: 20, base: 50, in_block: false },
		{ leaid: '0100005', met: 1, base: 50, in_block: false }
	],
	answers: [
		{ leaid: '0100001', trained: 1, status: null },
		{ leaid: '0100002', trained: 1, status: null },
		{ leaid: '0100003', trained: 0, status: null },
		{ leaid: '0100004', trained: 1, status: null },
		{ leaid: '0100005', trained: null, status: 'skipped' }
	],
	wave: '2024-fall'
};

const ROWS = compareModel(DATA, 'demo');

const MIN_N_NOTE = 'n<10: Fewer students than the minimum group size; hidden to protect privacy.';

describe('compare tables, through the compare model in public mode', () => {
	it('dosage: the rate and Wilson interval as shown, peers’ median and quartiles of shown rates', () => {
		const [t, missing] = peerUsageTable(ROWS).rows;
		// T: 30/100 = 0.3 (n = 100: the 2–98% coding tier, so shown). Wilson 95% with
		// z = 1.959964, worked in Python: lo 0.218949, hi 0.395849.
		expect(t).toMatchObject({
			leaid: '0100001',
			district: 'Tern Valley (AL, 0100001)',
			dosage_rate: 0.3,
			status: 'shown',
			note: '',
			peers: 4,
			peer_criteria: 'same locale group; same Census region',
			peer_note: ''
		});
		expect(t!.lo).toBeCloseTo(0.218949, 6);
		expect(t!.hi).toBeCloseTo(0.395849, 6);
		// Peers: P1 5/8 withheld (n < 10), P4 1/50 = 2% coded "≤5%" (n = 50: 5–95% tier), so
		// only P2 0.2 and P3 0.4 enter: median 0.3, quartiles (R type 7) 0.25 and 0.35.
		expect(t!.peer_median).toBeCloseTo(0.3, 12);
		expect(t!.peer_q1).toBeCloseTo(0.25, 12);
		expect(t!.peer_q3).toBeCloseTo(0.35, 12);
		expect([t!.peers_used, t!.peers_left_out]).toEqual([2, 2]);
		expect(missing).toEqual({
			leaid: '0100009',
			district: 'LEAID 0100009',
			dosage_rate: null,
			status: 'missing',
			note: 'no peer group',
			lo: null,
			hi: null,
			peer_median: null,
			peer_q1: null,
			peer_q3: null,
			peers_used: null,
			peers_left_out: null,
			pooled_rate: null,
			pooled_status: 'missing',
			pooled_note: 'no peer figure',
			pooled_lo: null,
			pooled_hi: null,
			pooled_ci_method: '',
			pooled_schools: null,
			peers: null,
			peer_criteria: '',
			peer_note: 'LEAID 0100009 is not in this data.'
		});
	});

	it('dosage and training: the pooled and survey-weighted peer figures as the compare model gives them', () => {
		// Hand-made figures in the model's shapes (compare-model.test.ts computes them).
		const [base] = ROWS;
		const row = {
			...base!,
			usage: {
				...base!.usage!,
				pooled: {
					value: { status: 'shown', value: 0.25 },
					lo: 0.2,
					hi: 0.31,
					ciMissing: null,
					ciMethod: 'clustered_wilson',
					peers: 2,
					schools: 12
				}
			},
			training: {
				...base!.training!,
				weighted: {
					value: { status: 'suppressed', reason: 'unreliable', label: '‡' },
					lo: null,
					hi: null,
					n: 3,
					nEff: 2.5,
					reliability: 'unreliable'
				}
			}
		} as (typeof ROWS)[number];
		expect(peerUsageTable([row]).rows[0]).toMatchObject({
			pooled_rate: 0.25,
			pooled_lo: 0.2,
			pooled_hi: 0.31,
			pooled_status: 'shown',
			pooled_note: '',
			pooled_ci_method: 'clustered_wilson',
			pooled_schools: 12,
			status: 'shown'
		});
		expect(peerTrainingTable([row]).rows[0]).toMatchObject({
			weighted_share: null,
			weighted_status: 'suppressed',
			weighted_note: '‡: Reporting standards not met: the estimate is too imprecise to show.',
			weighted_n_eff: 2.5,
			weighted_reliability: 'unreliable'
		});
	});

	it('training: the answer, and the peers’ share withheld by the reliability rule with its reason', () => {
		const [t] = peerTrainingTable(ROWS).rows;
		// P1, P2, P3 answered (P4 did not): 2 of 3 trained, n = 3 < 30 effective → "‡", so the
		// share and its interval are empty and n (peers_answered) stays.
		expect(t).toMatchObject({
			answer: 'trained',
			trained: 1,
			peer_share: null,
			lo: null,
			hi: null,
			status: 'suppressed',
			note: '‡: Reporting standards not met: the estimate is too imprecise to show.',
			peers_answered: 3
		});
	});
});

/** A hand-made scatter model: a line y = 0.5 − 0.002x fitted on 3 districts, two picked. */
const OUTCOME: OutcomeModel = {
	kind: 'dosage',
	points: [
		{ leaid: '0100001', x: 20, y: 0.47 },
		{ leaid: '0100003', x: 50, y: 0.4 },
		{ leaid: '0100004', x: 80, y: 0.34 }
	],
	line: { intercept: 0.5, slope: -0.002, n: 3, sigma: 0.01, xMean: 50, sxx: 1800 },
	selected: [
		{
			leaid: '0100001',
			label: 'Tern Valley (AL, 0100001)',
			x: 20,
			value: { status: 'shown', value: 0.47 },
			lo: 0.4,
			hi: 0.54,
			// Expected 0.5 − 0.002·20 = 0.46; residual 0.47 − 0.46 = 0.01; interval given.
			residual: { expected: 0.46, residual: 0.01, lo: -0.06, hi: 0.08 }
		},
		{
			leaid: '0100002',
			label: 'Pike Bend (AL, 0100002)',
			x: 35,
			value: { status: 'suppressed', reason: 'min_n', label: 'n<10' },
			lo: null,
			hi: null,
			residual: null
		}
	],
	notDrawn: 2
};

describe('the poverty–outcome tables', () => {
	const [picked, points, line] = outcomeTables(OUTCOME);

	it('list each picked district with its residual, or empty with the reason', () => {
		expect(picked!.rows).toEqual([
			{
				leaid: '0100001',
				district: 'Tern Valley (AL, 0100001)',
				metric: 'dosage_rate_access',
				poverty_percentile: 20,
				value: 0.47,
				status: 'shown',
				note: '',
				lo: 0.4,
				hi: 0.54,
				expected: 0.46,
				residual: 0.01,
				residual_lo: -0.06,
				residual_hi: 0.08
			},
			{
				leaid: '0100002',
				district: 'Pike Bend (AL, 0100002)',
				metric: 'dosage_rate_access',
				poverty_percentile: 35,
				value: null,
				status: 'suppressed',
				note: MIN_N_NOTE,
				lo: null,
				hi: null,
				expected: null,
				residual: null,
				residual_lo: null,
				residual_hi: null
			}
		]);
	});

	it('keep every point drawn and the line with its n and the districts left out', () => {
		expect(points!.rows).toHaveLength(3);
		expect(line!.rows).toEqual([
			{
				metric: 'dosage_rate_access',
				intercept: 0.5,
				slope: -0.002,
				n: 3,
				sigma: 0.01,
				not_drawn: 2,
				note: ''
			}
		]);
	});
});

/** A hand-made brief: the funnel's four stages (and a group row the tables must skip), two products. */
const BRIEF: BriefModel = {
	leaid: '0100001',
	name: 'Tern Valley',
	state: 'AL',
	schoolYear: 2024,
	scope: 'student–product pairs',
	funnel: {
		id: 'all-products',
		label: 'Tern Valley',
		rows: [],
		evaluatedFrom: 'aggregates',
		notEvaluable: [],
		notEvaluableSentence: '',
		cells: [
			['access_rate', 'all', { status: 'shown', value: 0.8 }, 0.78, 0.82, '300+'],
			['access_rate', 'low', { status: 'shown', value: 0.5 }, 0.4, 0.6, '40–99'],
			['activation_rate', 'all', { status: 'shown', value: 0.6 }, 0.57, 0.63, '300+'],
			[
				'regular_rate',
				'all',
				{ status: 'coarsened', reason: 'top_coded', lo: 0.99, hi: 1, label: '≥99%' },
				null,
				null,
				'300+'
			],
			['dosage_rate_access', 'all', { status: 'true_zero', value: 0 }, 0, 0.01, '100–299']
		].map(([stage, group, value, lo, hi, band]) => ({
			stage,
			group,
			label: String(stage),
			value,
			lo,
			hi,
			n: { status: 'coarsened', reason: 'banded', lo: 0, hi: null, label: band }
		})) as unknown as BriefModel['funnel']['cells']
	} as BriefModel['funnel'],
	products: [
		{
			id: 'tutor',
			name: '@SUM(1)',
			rule: '30 minutes a week',
			ruleSources: [],
			dosage: { label: 'Tutor', value: { status: 'shown', value: 0.12 }, lo: 0.1, hi: 0.14 },
			cost: {
				product_id: 'tutor',
				group: 'all',
				price: 20,
				never_activated_share: { status: 'shown', value: 0.25 },
				never_activated_spend: {
					status: 'suppressed',
					reason: 'counts_withheld',
					label: '—'
				},
				total_spend: { status: 'shown', value: 4000 },
				cost_per_activated: { status: 'shown', value: 26.67 },
				cost_per_dosage_met: { status: 'shown', value: 166.67 },
				cost_multiplier: { status: 'shown', value: 1.33 }
			}
		},
		{
			id: 'lessons',
			name: 'Lessons',
			rule: 'no dosage rule',
			ruleSources: [],
			dosage: {
				label: 'Lessons',
				value: { status: 'suppressed', reason: 'min_n', label: 'n<10' },
				lo: null,
				hi: null
			},
			cost: null
		}
	],
	unused: [],
	allPricedCost: null,
	peers: null,
	peerNote: null,
	sentences: { headline: '', funnel: '', peers: '', costs: [] }
};

describe('the board brief tables', () => {
	const [funnel, products, costs] = briefTables(BRIEF);

	it('funnel: the four "all" stages in order, coded and zero values as disclosed, n as its band', () => {
		expect(funnel!.rows.map((r) => [r.stage, r.share, r.lo, r.hi, r.n, r.status, r.note])).toEqual([
			['access_rate', 0.8, 0.78, 0.82, '300+', 'shown', ''],
			['activation_rate', 0.6, 0.57, 0.63, '300+', 'shown', ''],
			['regular_rate', null, null, null, '300+', 'coarsened', '≥99%'],
			['dosage_rate_access', 0, 0, 0.01, '100–299', 'true_zero', '']
		]);
	});

	it('products and costs: withheld figures empty with their reason; unpriced products have no cost rows', () => {
		expect(products!.rows.map((r) => [r.product_id, r.dosage_rate, r.status, r.note])).toEqual([
			['tutor', 0.12, 'shown', ''],
			['lessons', null, 'suppressed', MIN_N_NOTE]
		]);
		expect(costs!.rows.map((r) => [r.product_id, r.figure, r.value, r.status])).toEqual([
			['tutor', 'cost_per_dosage_met', 166.67, 'shown'],
			['tutor', 'never_activated_share', 0.25, 'shown'],
			['tutor', 'never_activated_spend', null, 'suppressed']
		]);
		expect(costs!.rows[2]!.note).toBe(
			'—: Student counts are not shown in public mode; rates and size bands are.'
		);
	});
});

const CATALOG = {
	dataVersion: 'abc123def456',
	origin: 'demo',
	surveyId: 'demo-asdp',
	waves: ['2024-fall'],
	years: [2024]
} as unknown as DataCatalog;

function provenance(): ExportProvenance {
	return {
		view: 'Compare',
		url: null,
		filters: {},
		filterNote: null,
		sql: [],
		inputs: [],
		dataVersion: CATALOG.dataVersion,
		origin: 'demo',
		mode: 'public',
		profile: PUBLIC_POLICY.profile,
		exportedAt: NOW,
		cite: null
	};
}

describe('exported in every format', () => {
	let db: Database;
	beforeAll(async () => {
		db = await createNodeDatabase();
	});
	afterAll(() => db?.close());

	const tables = () => [
		peerUsageTable(ROWS),
		peerTrainingTable(ROWS),
		...outcomeTables(OUTCOME),
		...briefTables({ ...BRIEF, products: BRIEF.products.slice(1) })
	];

	it.each(['csv', 'parquet', 'arrow', 'xlsx'] as ExportFormat[])(
		'%s: every table reads back identical, types and empty cells included',
		async (format) => {
			for (const table of tables()) {
				const [file] = await exportFiles([table], format, provenance(), LOADERS, { name: 't' });
				expect(await readBack(format, file!.bytes, table)).toEqual(table.rows);
			}
		}
	);

	it('csv: DuckDB-WASM reads the tables back with the schema types', async () => {
		for (const table of tables()) {
			const [file] = await exportFiles([table], 'csv', provenance(), LOADERS, { name: 't' });
			expect(await readCsvDuckDb(db, file!.bytes, table)).toEqual(table.rows);
		}
	});

	it('csv: a product name read as a formula is neutralised, negative numbers are not', async () => {
		const files = await exportFiles(
			[...briefTables(BRIEF), ...outcomeTables(OUTCOME)],
			'csv',
			provenance(),
			LOADERS,
			{ name: 't' }
		);
		const text = (name: string) => strFromU8(files.find((f) => f.name === name)!.bytes);
		expect(text('brief-products.csv')).toContain(",'@SUM(1),");
		expect(text('brief-products.csv')).not.toContain(',@SUM(1),');
		expect(text('outcome-picked.csv')).toContain(',-0.06,0.08\n');
	});
});

describe('a compare chart’s download', () => {
	it('zips its table with a sidecar naming the districts, peers, filters, SQL and hidden cells', async () => {
		const state = {
			...DEFAULT_VIEW_STATE,
			districts: ['0100001', '0100009'],
			locales: ['rural' as const]
		};
		const sql = [{ text: 'SELECT 1', params: [] }];
		const chart = compareChartTables(
			'peer-dosage',
			{ rows: ROWS, outcome: null },
			state,
			CATALOG,
			sql,
			null
		);
		const file = await buildChartExport(
			{
				catalog: CATALOG,
				url: 'http://localhost/compare?district=0100001,0100009',
				inputs: [{ name: 'districts.csv', table: 'districts', sha256: 'cd'.repeat(32) }]
			},
			chart,
			{ title: 'Peers', format: 'csv', now: NOW, parquet: loadParquetNode }
		);
		expect(file.name).toBe(
			'adoption-gap_compare-peer-dosage_district-0100001-0100009_peers-20_locale-rural_wave-2024-fall_year-2024_2026-11-22.zip'
		);
		const files = unzipSync(file.bytes);
		expect(Object.keys(files).sort()).toEqual(['datapackage.json', 'peer-dosage.csv']);
		const pkg = JSON.parse(strFromU8(files['datapackage.json']!));
		expect(pkg.resources[0].schema.primaryKey).toEqual(['leaid']);
		expect(pkg.adoption_gap).toMatchObject({
			view: 'Peers',
			url: 'http://localhost/compare?district=0100001,0100009',
			data_version: 'abc123def456',
			inputs: [{ name: 'districts.csv', sha256: 'cd'.repeat(32) }],
			filters: { district: ['0100001', '0100009'], peers: ['20'], locale: ['rural'] },
			sql,
			mode: 'public'
		});
		expect(pkg.adoption_gap.sql_note).toMatch(/^The SQL this page ran/);
		expect(pkg.adoption_gap.cite.text).toContain('abc123def456');
		// Nothing hidden among the picked districts' own rates: T shown, 0100009 missing.
		expect(pkg.adoption_gap.suppression.hidden).toEqual([]);
	});

	it('the brief’s sidecar lists its hidden cells by their keys, and says when the SQL was not recorded', async () => {
		const chart = briefChartTables(
			BRIEF,
			{ ...DEFAULT_VIEW_STATE, prices: { tutor: 20 } },
			null,
			null
		);
		const file = await buildChartExport(
			{ catalog: CATALOG, url: 'http://localhost/brief?district=0100001', inputs: [] },
			chart,
			{ title: 'Board brief: Tern Valley', format: 'json', now: NOW, parquet: loadParquetNode }
		);
		expect(file.name).toBe('adoption-gap_board-brief_district-0100001_year-2024_2026-11-22.zip');
		const pkg = JSON.parse(strFromU8(unzipSync(file.bytes)['datapackage.json']!));
		expect(pkg.adoption_gap.filters).toMatchObject({
			district: ['0100001'],
			prices: { tutor: 20 }
		});
		expect(pkg.adoption_gap.sql).toEqual([]);
		expect(pkg.adoption_gap.sql_note).toBe('Not recorded for this brief.');
		expect(pkg.adoption_gap.suppression.hidden).toEqual([
			{
				resource: 'brief-funnel',
				row: 3,
				key: { stage: 'regular_rate' },
				status: 'coarsened',
				note: '≥99%'
			},
			{
				resource: 'brief-products',
				row: 2,
				key: { product_id: 'lessons' },
				status: 'suppressed',
				note: MIN_N_NOTE
			},
			{
				resource: 'brief-costs',
				row: 3,
				key: { product_id: 'tutor', figure: 'never_activated_spend' },
				status: 'suppressed',
				note: '—: Student counts are not shown in public mode; rates and size bands are.'
			}
		]);
	});
});

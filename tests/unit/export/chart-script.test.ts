import { strFromU8, unzipSync } from 'fflate';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { computeBrief } from '#lib/brief/compute-brief.ts';
import type { Database } from '#lib/db/database.ts';
import { raw, sql } from '#lib/db/sql.ts';
import { generateDemoData } from '#lib/demo/generate.ts';
import { briefChartTables } from '#lib/export/brief-tables.ts';
import { buildChartExport, type ChartTables } from '#lib/export/chart-export.ts';
import { briefScript } from '#lib/export/brief-script.ts';
import { peerTrainingScript, type CompareSource } from '#lib/export/compare-script.ts';
import { compareChartTables, type CompareChart } from '#lib/export/compare-tables.ts';
import { loadParquetNode } from '#lib/export/parquet-node.ts';
import { povertyScheme } from '#lib/poverty/schemes.ts';
import { effectiveWave, loadCatalog, type DataCatalog } from '#lib/view/catalog.ts';
import { compareData, peerSettings } from '#lib/view/compare-data.ts';
import { compareModel, type CompareRow } from '#lib/view/compare-model.ts';
import { outcomeData, type OutcomeKind } from '#lib/view/outcome-data.ts';
import { outcomeModel } from '#lib/view/outcome-model.ts';
import { DEFAULT_VIEW_STATE, usageScheme, type ViewState } from '#lib/view/view-state.ts';
import { POOLED, VIEW_CELLS_TABLE } from '#lib/view/view-tables.ts';
import { buildViewUnits, ensurePooledCells, type ViewUnits } from '#lib/view/view-units.ts';
import { createSchemaDatabase, loadCsv } from '../../helpers/schema-db.ts';
import { runScript } from './run-script.ts';

// The expected values are the app's own exported tables (its models over the dashboard's
// tables, through disclosure, as on screen); each bundle's reproduce.sql recomputes them
// independently on a fresh engine holding only the bundle's canonical CSVs.

type Row = Record<string, string | number | null>;

let db: Database;
let catalog: DataCatalog;
let units: ViewUnits;
/** The three districts with the most students with access (all products pooled). */
let largest: string[];
/** Two large districts and a small one (whose peers are small: some rates withheld). */
let mixed: string[];

beforeAll(async () => {
	db = await createSchemaDatabase();
	for (const f of (await generateDemoData()).files) await loadCsv(db, f.table, f.text);
	const options = { dataVersion: 'test', origin: 'demo' as const, hasLogs: true };
	catalog = await loadCatalog(db, { ...options, surveyId: 'demo-asdp' });
	units = await buildViewUnits(db, { schoolYear: 2024, source: 'aggregate', rules: {} });
	await ensurePooledCells(
		db,
		units.products.map((p) => p.id)
	);
	const rows = await db.query<{ leaid: string }>(
		sql`SELECT leaid FROM ${raw(VIEW_CELLS_TABLE)} WHERE product_id = ${POOLED} ORDER BY licensed_n DESC, leaid LIMIT 3`
	);
	largest = rows.map((r) => r.leaid);
	const [small] = await db.query<{ leaid: string }>(sql`SELECT leaid FROM ${raw(VIEW_CELLS_TABLE)}
		WHERE product_id = ${POOLED} AND licensed_n >= 30 ORDER BY licensed_n, leaid LIMIT 1`);
	mixed = [largest[0]!, largest[1]!, small!.leaid];
});
afterAll(() => db?.close());

/** A chart's download (JSON tables) with its bundle, unzipped. */
async function download(chart: ChartTables) {
	const file = await buildChartExport(
		{ catalog, url: 'http://localhost/compare', inputs: [], db },
		chart,
		{
			title: 'Chart',
			format: 'json',
			now: new Date('2026-11-22T10:00:00Z'),
			parquet: loadParquetNode
		}
	);
	return unzipSync(file.bytes);
}

const table = (files: Record<string, Uint8Array>, name: string): Row[] =>
	JSON.parse(strFromU8(files[`${name}.json`]!)) as Row[];

/**
 * Matches every non-empty exported value of `columns` (a number to 1e-9, anything else exactly)
 * against the script row with the same keys; returns how many numbers were matched.
 */
function expectMatched(
	exported: readonly Row[],
	script: readonly Row[],
	keys: Readonly<Record<string, string>>,
	columns: Readonly<Record<string, string>>,
	scriptFilter: (r: Row) => boolean = () => true
): number {
	let numbers = 0;
	for (const row of exported) {
		const match = script.filter(
			(s) => scriptFilter(s) && Object.entries(keys).every(([e, k]) => s[k] === row[e])
		);
		const label = JSON.stringify(Object.keys(keys).map((k) => row[k]));
		for (const [e, k] of Object.entries(columns)) {
			const expected = row[e];
			if (expected === null || expected === undefined) continue;
			expect(match, `${label} ${e}`).toHaveLength(1);
			const actual = match[0]![k];
			if (typeof expected === 'number') {
				expect(Math.abs(Number(actual) - expected), `${label} ${e}`).toBeLessThanOrEqual(1e-9);
				numbers += 1;
			} else expect(actual, `${label} ${e}`).toBe(expected);
		}
	}
	return numbers;
}

describe('the board brief’s reproduce script', () => {
	it('finds the brief’s peers with the view’s peer criteria, as the compare view does', async () => {
		const state: ViewState = { ...DEFAULT_VIEW_STATE, districts: [largest[0]!] };
		const sizes = [];
		for (const peers of ['10', '20'] as const) {
			const brief = await computeBrief(db, units, catalog, { ...state, peers });
			if (brief.kind !== 'district') throw new Error('no brief');
			sizes.push(brief.model.peers?.size);
		}
		expect(sizes).toEqual([10, 20]);
	});

	it('rebuilds the funnel shares, product dosage rates and cost figures at the prices entered', async () => {
		const [a, b] = units.products.map((p) => p.id);
		const state: ViewState = {
			...DEFAULT_VIEW_STATE,
			districts: [largest[0]!],
			prices: { [a!]: 12.5, [b!]: 30 }
		};
		const brief = await computeBrief(db, units, catalog, state);
		if (brief.kind !== 'district') throw new Error('no brief');
		const files = await download(briefChartTables(brief.model, state, null, units));
		expect(Object.keys(files)).toEqual(
			expect.arrayContaining(['reproduce.sql', 'districts.csv', 'usage_aggregate.csv'])
		);
		const script = await runScript(files);
		const of = (resource: string) => (r: Row) => r.resource === resource;
		const funnel = expectMatched(
			table(files, 'brief-funnel'),
			script,
			{ stage: 'stage' },
			{ share: 'value' },
			of('brief-funnel')
		);
		const products = expectMatched(
			table(files, 'brief-products'),
			script,
			{ product_id: 'product_id' },
			{ dosage_rate: 'value' },
			of('brief-products')
		);
		const costs = expectMatched(
			table(files, 'brief-costs'),
			script,
			{ product_id: 'product_id', figure: 'figure' },
			{ value: 'value' },
			of('brief-costs')
		);
		// The largest district shows every stage and product exactly; costs include both products
		// together ("all products") and never-activated shares.
		expect([funnel, products]).toEqual([4, units.products.length]);
		expect(costs).toBeGreaterThanOrEqual(4);
		expect(table(files, 'brief-costs').some((r) => r.product_id === 'all products')).toBe(true);
		// n of each stage lies in the band the brief publishes ("100–299", "1,000+").
		for (const row of table(files, 'brief-funnel')) {
			const n = script.find((r) => r.resource === 'brief-funnel' && r.stage === row.stage)!.n;
			const [lo, hi] = String(row.n)
				.replaceAll(',', '')
				.split(/[–+]/)
				.map((v) => (v === '' ? Infinity : Number(v)));
			expect(Number(n)).toBeGreaterThanOrEqual(lo!);
			expect(Number(n)).toBeLessThanOrEqual(hi!);
		}
		const pkg = JSON.parse(strFromU8(files['datapackage.json']!));
		expect(pkg.adoption_gap.reproduce.map((r: { path: string }) => r.path)).toContain(
			'reproduce.sql'
		);
	});
});

describe('the compare charts’ reproduce scripts', () => {
	const state: ViewState = { ...DEFAULT_VIEW_STATE, peers: '20' };
	let source: CompareSource;
	beforeAll(() => {
		source = {
			units,
			product: POOLED,
			districtYear: catalog.districtYear,
			measure: povertyScheme(usageScheme(state.scheme)).measure ?? 'saipe',
			survey: { id: catalog.surveyId, wave: effectiveWave(state, catalog)! }
		};
	});

	async function chartFiles(chart: CompareChart, kind: OutcomeKind = 'dosage') {
		const picked = { ...state, districts: mixed };
		const data = await compareData(db, {
			leaids: mixed,
			districtYear: source.districtYear!,
			measure: source.measure,
			peer: peerSettings(state),
			product: POOLED,
			survey: source.survey
		});
		const outcome = await outcomeData(db, {
			kind,
			state: picked,
			districtYear: source.districtYear!,
			measure: source.measure,
			product: POOLED,
			survey: source.survey
		});
		const shown = {
			rows: compareModel(data, 'demo'),
			outcome: outcomeModel(outcome, mixed, 'demo')
		};
		return download(compareChartTables(chart, shown, picked, catalog, null, source));
	}

	it('dosage dots: each district’s rate and its used peers’ median and quartiles (type 7)', async () => {
		const files = await chartFiles('peer-dosage');
		const script = await runScript(files);
		const exported = table(files, 'peer-dosage');
		const matched = expectMatched(
			exported,
			script,
			{ leaid: 'leaid' },
			{
				dosage_rate: 'dosage_rate',
				peer_median: 'peer_median',
				peer_q1: 'peer_q1',
				peer_q3: 'peer_q3',
				peers_used: 'peers_used'
			}
		);
		// Five figures per district, less the small district's own rate (range-coded, not shown).
		expect(matched).toBe(3 * 5 - 1);
		// Disclosure left some peers out, so the script must take the peers used as listed.
		expect(exported.some((r) => Number(r.peers_left_out) > 0)).toBe(true);
	});

	it('training dots: each district’s answer and its peers’ trained share with its n', async () => {
		const files = await chartFiles('peer-training');
		const script = await runScript(files);
		const exported = table(files, 'peer-training');
		const matched = expectMatched(
			exported,
			script,
			{ leaid: 'leaid' },
			{
				answer: 'answer',
				trained: 'trained',
				peer_share: 'peer_share',
				peers_answered: 'peers_answered'
			}
		);
		expect(matched).toBeGreaterThanOrEqual(3);
		expect(Object.keys(files)).toContain('survey_responses.csv');
	});

	it.each(['dosage', 'training'] as const)(
		'scatter (%s): every drawn point and the fitted line',
		async (kind) => {
			const files = await chartFiles('outcome', kind);
			const script = await runScript(files);
			const points = table(files, 'outcome-points');
			const matched = expectMatched(
				points,
				script,
				{ leaid: 'leaid' },
				{ poverty_percentile: 'poverty_percentile', value: 'value' },
				(r) => r.row === 'point'
			);
			expect(matched).toBe(2 * points.length);
			expect(points.length).toBeGreaterThan(20);
			expect(script.filter((r) => r.row === 'point')).toHaveLength(points.length);
			const line = expectMatched(
				table(files, 'outcome-line'),
				script,
				{},
				{ intercept: 'intercept', slope: 'slope', n: 'n' },
				(r) => r.row === 'line'
			);
			expect(line).toBe(3);
		}
	);
});

// Usage from student-week logs with an edited rule: the bundle holds the school-level units the
// app derived (usage_units.csv), never the logs, and the scripts read them.
describe('scripts of a view computed from student-week logs', () => {
	const stricter = '{"minutes_per_week_mean":{">=":45},"min_eligible_weeks":6}';
	/** The district with the most students with access to the tutor, from the logs. */
	let logged: string;
	beforeAll(async () => {
		units = await buildViewUnits(db, {
			schoolYear: 2024,
			source: 'logs',
			rules: { 'demo-ai-tutor': stricter }
		});
		const [top] = await db.query<{ leaid: string }>(sql`SELECT leaid FROM ${raw(VIEW_CELLS_TABLE)}
			WHERE product_id = 'demo-ai-tutor' ORDER BY licensed_n DESC, leaid LIMIT 1`);
		logged = top!.leaid;
	});

	it('the brief rebuilds its funnel and product rates from the derived units', async () => {
		const state: ViewState = {
			...DEFAULT_VIEW_STATE,
			source: 'logs',
			rules: { 'demo-ai-tutor': stricter },
			districts: [logged]
		};
		const brief = await computeBrief(db, units, catalog, state);
		if (brief.kind !== 'district') throw new Error('no brief');
		const files = await download(briefChartTables(brief.model, state, null, units));
		expect(Object.keys(files)).toContain('usage_units.csv');
		expect(Object.keys(files).some((f) => /student_week|roster/.test(f))).toBe(false);
		expect(strFromU8(files['reproduce.sql']!)).toContain(
			'"demo-ai-tutor": {"minutes_per_week_mean"'
		);
		const script = await runScript(files);
		const funnel = expectMatched(
			table(files, 'brief-funnel'),
			script,
			{ stage: 'stage' },
			{ share: 'value' },
			(r) => r.resource === 'brief-funnel'
		);
		const products = expectMatched(
			table(files, 'brief-products'),
			script,
			{ product_id: 'product_id' },
			{ dosage_rate: 'value' },
			(r) => r.resource === 'brief-products'
		);
		expect(funnel).toBe(4);
		// A product evaluated from the logs (named in the header) is among the rates matched (the
		// tutor's is range-coded under the stricter rule).
		expect(products).toBeGreaterThanOrEqual(1);
		const shown = table(files, 'brief-products').filter((r) => r.dosage_rate !== null);
		expect(shown.map((r) => r.product_id)).toContain('demo-math-practice');
		expect(strFromU8(files['reproduce.sql']!)).toMatch(/^-- {3}"demo-math-practice": /m);
	});

	it('the dosage dot plot rebuilds its district’s and peers’ rates from the derived units', async () => {
		const state: ViewState = {
			...DEFAULT_VIEW_STATE,
			source: 'logs',
			rules: { 'demo-ai-tutor': stricter },
			peers: '20',
			districts: [logged]
		};
		await ensurePooledCells(
			db,
			units.products.map((p) => p.id)
		);
		const source: CompareSource = {
			units,
			product: POOLED,
			districtYear: catalog.districtYear,
			measure: povertyScheme(usageScheme(state.scheme)).measure ?? 'saipe',
			survey: { id: catalog.surveyId, wave: effectiveWave(state, catalog)! }
		};
		const inputs = {
			districtYear: source.districtYear!,
			measure: source.measure,
			product: POOLED,
			survey: source.survey
		};
		const data = await compareData(db, {
			...inputs,
			leaids: [logged],
			peer: peerSettings(state)
		});
		const outcome = await outcomeData(db, { ...inputs, kind: 'dosage', state });
		const shown = {
			rows: compareModel(data, 'demo'),
			outcome: outcomeModel(outcome, [logged], 'demo')
		};
		const files = await download(
			compareChartTables('peer-dosage', shown, state, catalog, null, source)
		);
		expect(Object.keys(files)).toContain('usage_units.csv');
		const matched = expectMatched(
			table(files, 'peer-dosage'),
			await runScript(files),
			{ leaid: 'leaid' },
			{
				dosage_rate: 'dosage_rate',
				peer_median: 'peer_median',
				peer_q1: 'peer_q1',
				peer_q3: 'peer_q3',
				peers_used: 'peers_used'
			}
		);
		// The district's rate from the derived units, and its peers used: none, since the demo
		// logs cover only a few districts and none of its 20 peers (their median is empty).
		expect(matched).toBe(2);
		expect(table(files, 'peer-dosage')[0]).toMatchObject({ status: 'shown', peers_used: 0 });
	});
});

const emptySource: CompareSource = {
	units: null,
	product: null,
	districtYear: 2024,
	measure: 'saipe',
	survey: null
};

describe('user values in the scripts', () => {
	it('reach the SQL only as escaped literals (a LEAID and a price map key with quotes)', () => {
		const leaid = "01'); DROP TABLE districts; --";
		const row = {
			leaid,
			label: leaid,
			entry: null,
			peers: { ok: true, group: { peers: [{ leaid: "o'brien" }], criteria: [] } },
			usage: null,
			training: {
				answer: 'trained',
				peerShare: { status: 'shown', value: 1 },
				lo: null,
				hi: null,
				peersAnswered: 1
			}
		} as unknown as CompareRow;
		const survey = { id: "s'1", wave: 'w' };
		const { script } = peerTrainingScript([row], { ...emptySource, survey })!;
		expect(script).toContain(`('01''); DROP TABLE districts; --', ['o''brien']::VARCHAR[])`);
		expect(script).toContain("survey_id = 's''1'");
		const brief = briefScript(leaid, units, {
			...DEFAULT_VIEW_STATE,
			prices: { "it's": 2 }
		}).script;
		expect(brief).toContain("WHERE leaid IN ('01''); DROP TABLE districts; --')");
		expect(brief).toContain("('it''s', 2::DOUBLE)");
	});
});

import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '#lib/db/database.ts';
import { ingestFile } from '#lib/ingest/ingest-file.ts';
import { parseMapping, type ColumnMapping } from '#lib/ingest/mapping/mapping.ts';
import { openInWorker } from '#lib/ingest/worker/client.ts';
import { createWorkerHandler } from '#lib/ingest/worker/handler.ts';
import type { FromWorker, WorkerLike } from '#lib/ingest/worker/protocol.ts';
import { coverageOf, inputsOf, resetTables } from '#lib/workspace/engine.ts';
import { loadFile, readHead, type LoadProgress, type OpenFile } from '#lib/workspace/open-file.ts';
import { fitToHeaders, suggestFor } from '#lib/workspace/suggest.ts';
import { openDatabase } from '../ingest/ingest-helpers.ts';

/** The ingest worker in-process: the real handler, messages passed asynchronously. */
function inProcessWorker(): WorkerLike {
	let terminated = false;
	const worker: WorkerLike = {
		onmessage: null,
		onerror: null,
		postMessage: (message) => void handle(message),
		terminate: () => (terminated = true)
	};
	const handle = createWorkerHandler((message: FromWorker) => {
		if (!terminated) queueMicrotask(() => worker.onmessage?.({ data: message }));
	});
	return worker;
}

const open: OpenFile = (file, name, options) =>
	openInWorker(file, name, options, inProcessWorker());

const SAIPE =
	'leaid,year,name,state_fips,state_postal_code,est_population_5_17,est_children_5_17_in_poverty\n' +
	'0100001,2023,One,01,AL,100,20\n0100002,2023,Two,01,AL,200,50\n';
const SURVEY =
	'Agency ID - NCES Assigned,Wave,Respondent,Trained Teachers on AI\n0100001,fall 2024,r1,Yes\n0100009,fall 2024,r2,No\n0100001,fall 2024,r1,No\n';

let db: Database;
beforeAll(async () => {
	db = await openDatabase();
});
afterAll(() => db.close());

describe('reading and loading a file as the page does', () => {
	it('suggestFor leaves a preset’s columns the file lacks unmapped', () => {
		const headers = ['leaid', 'year', 'est_population_5_17', 'est_children_5_17_in_poverty'];
		const { mapping } = suggestFor('saipe.csv', headers);
		expect(mapping.columns).toMatchObject({ leaid: 'leaid', lea_name: null, state_fips: null });
	});

	it('readHead gives the header and samples; suggestFor recognises SAIPE by its columns', async () => {
		const head = await readHead(open, new Blob([SAIPE]), 'saipe.csv');
		if (!head.ok) throw new Error(JSON.stringify(head.issues));
		expect(head.head.samples.get('leaid')).toEqual(['0100001', '0100002']);
		const suggestion = suggestFor('saipe.csv', head.head.info.header.fields);
		expect(suggestion.mapping.table).toBe('districts');
		expect(suggestion.reason).toMatch(/^Recognised: Census SAIPE/);
	});

	it('loads the reference then a survey: accounting, duplicate key, unmatched district, coverage', async () => {
		await resetTables(db);
		const saipeHead = await readHead(open, new Blob([SAIPE]), 'saipe.csv');
		if (!saipeHead.ok) throw new Error('unreadable');
		const saipe = suggestFor('saipe.csv', saipeHead.head.info.header.fields).mapping;
		const phases: LoadProgress['phase'][] = [];
		const reference = await loadFile(db, open, new Blob([SAIPE]), 'saipe.csv', saipe, {
			onProgress: (p) => phases.push(p.phase)
		});
		expect([reference.rowsRead, reference.rowsLoaded, reference.rowsRejected]).toEqual([2, 2, 0]);
		expect(phases[0]).toBe('reading');
		expect(phases.at(-1)).toBe('done');

		const surveyHead = await readHead(open, new Blob([SURVEY]), 'survey.csv');
		if (!surveyHead.ok) throw new Error('unreadable');
		const suggested = suggestFor('survey.csv', surveyHead.head.info.header.fields).mapping;
		expect(suggested.table).toBe('survey_responses');
		const mapping = { ...suggested, options: { constants: { survey_id: 'state' } } };
		const survey = await loadFile(db, open, new Blob([SURVEY]), 'survey.csv', mapping);
		expect([survey.rowsRead, survey.rowsLoaded, survey.rowsRejected]).toEqual([3, 2, 1]);
		expect(survey.issues.find((i) => i.code === 'duplicate_key')?.line).toBe(4);
		expect(survey.districtMatch?.unmatched.map((u) => u.leaid)).toEqual(['0100009']);

		// Expected hashes: node:crypto over the same bytes, independent of the app's Web Crypto call.
		const sha = (text: string) => createHash('sha256').update(text).digest('hex');
		expect(inputsOf([reference, survey])).toEqual([
			{ name: 'saipe.csv', table: 'districts', sha256: sha(SAIPE) },
			{ name: 'survey.csv', table: 'survey_responses', sha256: sha(SURVEY) }
		]);

		const [coverage] = await coverageOf(db, [reference, survey]);
		expect([coverage?.table, coverage?.districts, coverage?.matched]).toEqual([
			'survey_responses',
			2,
			1
		]);
	});

	it('an abort stops the load, rejects with its reason and leaves the table as it was', async () => {
		await resetTables(db);
		const big =
			'leaid,year,est_population_5_17,est_children_5_17_in_poverty\n' +
			Array.from({ length: 20_000 }, (_, i) => `${1000000 + i},2023,100,10\n`).join('');
		const head = await readHead(open, new Blob([big]), 'big.csv');
		if (!head.ok) throw new Error('unreadable');
		const mapping = suggestFor('big.csv', head.head.info.header.fields).mapping;
		const controller = new AbortController();
		const loading = loadFile(db, open, new Blob([big]), 'big.csv', mapping, {
			signal: controller.signal,
			onProgress: (p) => {
				if (p.phase === 'staging') controller.abort(new Error('cancelled by the test'));
			}
		});
		await expect(loading).rejects.toThrow('cancelled by the test');
		const [row] = await db.query<{ n: number }>('SELECT count(*) AS n FROM districts');
		expect(row?.n).toBe(0);
	});
});

/** The survey fixture whose title row (4 filled cells, like the data) is taken for the header. */
const TITLE_ROW = readFileSync('tests/fixtures/workspace/survey-title-row.csv');
const SURVEY_COLUMNS = {
	leaid: 'Agency ID - NCES Assigned',
	survey_wave: 'Wave',
	respondent_id: 'Respondent',
	trained_teachers_ai: 'Trained Teachers on AI'
};

/** A workbook with a notes sheet first and the data on its second sheet, "Responses". */
async function twoSheets(): Promise<Uint8Array<ArrayBuffer>> {
	const book = new ExcelJS.Workbook();
	book.addWorksheet('Notes').addRow(['Read me first', 'Exported 2024-11-01']);
	const data = book.addWorksheet('Responses');
	data.addRow(Object.values(SURVEY_COLUMNS));
	data.addRow(['0100001', 'fall 2024', 'r1', 'Yes']);
	data.addRow(['0100002', 'fall 2024', 'r2', 'No']);
	return new Uint8Array((await book.xlsx.writeBuffer()) as ArrayBuffer);
}

describe('the header line and worksheet, chosen in the mapping', () => {
	it('parseMapping takes header_line and sheet, and names each bad value', () => {
		const good = parseMapping({
			version: 1,
			table: 'survey_responses',
			columns: {},
			options: { header_line: 2, sheet: 'Responses' }
		});
		expect(good.ok && good.mapping.options).toEqual({ header_line: 2, sheet: 'Responses' });
		const bad = parseMapping({
			version: 1,
			table: 'survey_responses',
			columns: {},
			options: { header_line: 0, sheet: 3 }
		});
		expect(bad.ok ? [] : bad.errors).toEqual([
			'options.header_line: expected a line number from 1, got 0',
			'options.sheet: expected a worksheet name, got 3'
		]);
	});

	it('a wrongly found header is fixed by header_line, in readHead and in ingestFile (the CLI)', async () => {
		// By the header rule (header.ts), line 1 is as wide as the data and mostly text: taken as the header.
		const wrong = await readHead(open, new Blob([TITLE_ROW]), 'survey.csv');
		if (!wrong.ok) throw new Error('unreadable');
		expect(wrong.head.info.header.fields).toEqual([
			'Survey export',
			'Fall wave',
			'NM PED',
			'Confidential'
		]);
		const mapping: ColumnMapping = {
			version: 1,
			table: 'survey_responses',
			columns: SURVEY_COLUMNS,
			options: { header_line: 2, constants: { survey_id: 'nm' } }
		};
		const right = await readHead(open, new Blob([TITLE_ROW]), 'survey.csv', mapping);
		if (!right.ok) throw new Error('unreadable');
		expect(right.head.info.header).toMatchObject({
			line: 2,
			fields: Object.values(SURVEY_COLUMNS),
			skipped: [{ line: 1, text: 'Survey export Fall wave NM PED Confidential' }]
		});
		// The mapping made for the right header is kept as it is once the file is read that way.
		expect(fitToHeaders(mapping, 'survey.csv', right.head.info.header.fields)).toBe(mapping);

		await resetTables(db);
		const report = await ingestFile(db, 'survey.csv', TITLE_ROW, { mapping });
		// Lines 3–5 are the three data rows of the fixture, all valid.
		expect([report.headerLine, report.rowsRead, report.rowsLoaded, report.rowsRejected]).toEqual([
			2, 3, 3, 0
		]);
	});

	it('a mapping made for the wrong header gets its columns suggested again for the right one', () => {
		const stale: ColumnMapping = {
			version: 1,
			table: 'survey_responses',
			columns: { leaid: 'Survey export', survey_wave: null },
			options: { header_line: 2 }
		};
		const fitted = fitToHeaders(stale, 'survey.csv', Object.values(SURVEY_COLUMNS));
		// The synonyms (synonyms.ts) match each of the four headers to its field.
		expect(fitted.columns).toMatchObject(SURVEY_COLUMNS);
		expect(fitted.options).toEqual({ header_line: 2 });
		// A mapping that named no column (the wrong header matched nothing): table and columns afresh.
		const empty = { ...stale, table: 'usage_roster', columns: { leaid: null } };
		const fresh = fitToHeaders(empty, 'survey.csv', Object.values(SURVEY_COLUMNS));
		expect([fresh.table, fresh.columns.leaid]).toEqual([
			'survey_responses',
			'Agency ID - NCES Assigned'
		]);
	});

	it('sheet picks the worksheet, in the worker and in ingestFile; the head lists every sheet', async () => {
		const bytes = await twoSheets();
		const first = await readHead(open, new Blob([bytes]), 'survey.xlsx');
		if (!first.ok) throw new Error('unreadable');
		expect([first.head.info.sheet, first.head.info.sheets]).toEqual([
			'Notes',
			['Notes', 'Responses']
		]);
		const mapping: ColumnMapping = {
			version: 1,
			table: 'survey_responses',
			columns: SURVEY_COLUMNS,
			options: { sheet: 'Responses', constants: { survey_id: 'nm' } }
		};
		const second = await readHead(open, new Blob([bytes]), 'survey.xlsx', mapping);
		if (!second.ok) throw new Error('unreadable');
		expect([second.head.info.sheet, second.head.info.header.fields]).toEqual([
			'Responses',
			Object.values(SURVEY_COLUMNS)
		]);
		expect(second.head.samples.get('Respondent')).toEqual(['r1', 'r2']);

		await resetTables(db);
		const loaded = await loadFile(db, open, new Blob([bytes]), 'survey.xlsx', mapping);
		expect([loaded.sheet, loaded.rowsRead, loaded.rowsLoaded]).toEqual(['Responses', 2, 2]);
		const cli = await ingestFile(db, 'survey.xlsx', bytes, {
			mapping: { ...mapping, options: { ...mapping.options, sheet: 'Missing' } }
		});
		expect(cli.issues.map((i) => i.message)).toEqual([
			'The workbook has no sheet "Missing"; its sheets are: "Notes", "Responses".'
		]);
	});
});

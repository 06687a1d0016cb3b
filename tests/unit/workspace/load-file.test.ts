import { createHash } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '#lib/db/database.ts';
import { openInWorker } from '#lib/ingest/worker/client.ts';
import { createWorkerHandler } from '#lib/ingest/worker/handler.ts';
import type { FromWorker, WorkerLike } from '#lib/ingest/worker/protocol.ts';
import { coverageOf, inputsOf, resetTables } from '#lib/workspace/engine.ts';
import { loadFile, readHead, type LoadProgress, type OpenFile } from '#lib/workspace/open-file.ts';
import { suggestFor } from '#lib/workspace/suggest.ts';
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

import { createHash } from 'node:crypto';
import { copyFileSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { main } from '../../../src/cli/main.ts';
import { createNodeDatabase } from '#lib/db/node.ts';
import { ingestFile } from '#lib/ingest/ingest-file.ts';
import { parseMapping } from '#lib/ingest/mapping/mapping.ts';
import { presetFor } from '#lib/ingest/mapping/presets.ts';
import type { FileReport } from '#lib/ingest/report.ts';
import { openSource } from '#lib/ingest/source/open-source.ts';
import { TEMPLATES } from '#lib/ingest/templates.ts';
import { coverageOf, resetTables } from '#lib/workspace/engine.ts';
import { mappingJson } from '#lib/workspace/mapping-edit.ts';
import { SHARED_DATA, sharedDataAvailable } from '../../helpers/shared-data.ts';

async function run(args: string[]) {
	const out: string[] = [];
	const err: string[] = [];
	const code = await main(args, { stdout: (t) => out.push(t), stderr: (t) => err.push(t) });
	return { code, stdout: out.join(''), stderr: err.join('') };
}

const WS = 'tests/fixtures/workspace';
const SURVEY = 'tests/fixtures/ingest/state-survey-excel-1252.csv';
const DISTRICTS = `${WS}/districts-saipe.csv`;
const SURVEY_MAPPING = `${WS}/state-survey.mapping.json`;
const MESSY = [
	'validate',
	'--districts',
	DISTRICTS,
	'--survey',
	SURVEY,
	'--mapping',
	SURVEY_MAPPING
];

function tempDir(): string {
	return mkdtempSync(join(tmpdir(), 'adoption-gap-validate-'));
}

describe('adoption-gap validate', () => {
	it('prints the report object (--format json) equal to ingestFile’s, and exits 1 for rejected rows', async () => {
		const { code, stdout } = await run([...MESSY, '--format', 'json']);
		expect(code).toBe(1);
		const report = JSON.parse(stdout);

		const db = await createNodeDatabase();
		try {
			await resetTables(db);
			const districtBytes = readFileSync(DISTRICTS);
			const districts = await ingestFile(db, 'districts-saipe.csv', districtBytes, {
				mapping: presetFor('districts-saipe.csv', [
					'leaid',
					'year',
					'est_population_5_17',
					'est_children_5_17_in_poverty'
				])!.mapping
			});
			const parsed = parseMapping(readFileSync(SURVEY_MAPPING, 'utf8'));
			if (!parsed.ok) throw new Error(parsed.errors.join('; '));
			const surveyBytes = readFileSync(SURVEY);
			const survey = await ingestFile(db, 'state-survey-excel-1252.csv', surveyBytes, {
				mapping: parsed.mapping
			});
			const coverage = await coverageOf(db, [districts, survey]);
			// Each file also carries the SHA-256 of its bytes, computed here by node:crypto.
			const sha256 = (bytes: Buffer) => createHash('sha256').update(bytes).digest('hex');
			const files = [
				{ ...districts, sha256: sha256(districtBytes) },
				{ ...survey, sha256: sha256(surveyBytes) }
			];
			expect(report).toEqual(JSON.parse(JSON.stringify({ version: 1, files, coverage })));
		} finally {
			await db.close();
		}
		const [districtReport, surveyReport] = report.files;
		expect([
			districtReport.rowsRead,
			districtReport.rowsLoaded,
			districtReport.rowsRejected
		]).toEqual([5, 4, 1]);
		expect([surveyReport.rowsRead, surveyReport.rowsLoaded, surveyReport.rowsRejected]).toEqual([
			6, 4, 2
		]);
		expect(report.coverage[0].unmatched).toEqual(['3500003']);
	});

	it('prints a text summary by default: accounting, every issue with line and column, coverage', async () => {
		const { code, stdout } = await run(MESSY);
		expect(code).toBe(1);
		expect(stdout).toContain('state-survey-excel-1252.csv → survey_responses: loaded');
		expect(stdout).toContain('6 rows read = 4 loaded + 2 rejected (1 blank line skipped)');
		expect(stdout).toContain(
			'error: line 8, column `Agency ID - NCES Assigned`: `35000600` has 8 digits; an NCES LEAID has 7. [value: "35000600"]'
		);
		expect(stdout).toContain(
			'LEAID 3600001 starts with 36 (New York), but the state is 35 (New Mexico)'
		);
		expect(stdout).toContain(
			'District coverage\n  warning: 3 of 4 districts in survey_responses matched the district reference (districts); 1 unmatched: 3500003.'
		);
	});

	it('exits 0 when every row loads (the templates, in the canonical format)', async () => {
		const dir = tempDir();
		const file = (table: string) => {
			const template = TEMPLATES.find((t) => t.table === table)!;
			const path = join(dir, template.fileName);
			writeFileSync(path, template.text);
			return path;
		};
		const args = ['--districts', file('districts'), '--survey', file('survey_responses')];
		const { code, stdout } = await run(['validate', ...args, '--usage', file('usage_aggregate')]);
		expect(stdout).toContain(
			'usage_aggregate_template.csv → usage_aggregate: loaded\n  1 rows read = 1 loaded + 0 rejected'
		);
		expect(code).toBe(0);
	});

	it('lists every rejected row, past the 100,000 the page lists', async () => {
		// 100,001 rows whose LEAID is not a number: each is rejected, and each is listed.
		const path = join(tempDir(), 'districts.csv');
		writeFileSync(path, `leaid,school_year_start,name\n${'x,2024-25,Nowhere\n'.repeat(100_001)}`);
		const { code, stdout } = await run(['validate', '--districts', path, '--format', 'json']);
		const [file] = JSON.parse(stdout).files as FileReport[];
		expect(file).toMatchObject({ rowsRead: 100_001, rowsRejected: 100_001, rejectedNotListed: 0 });
		expect(file!.rejected).toHaveLength(100_001);
		expect(file!.rejected.at(-1)!.line).toBe(100_002);
		expect(code).toBe(1);
	});

	it.each([
		[[], 'give at least one file'],
		[['--survey', SURVEY, '--format', 'xml'], '--format must be one of text, json, not "xml"'],
		[
			['--usage', SURVEY, '--mapping', SURVEY_MAPPING],
			'its table is survey_responses, but no --survey file was given'
		],
		[
			['--survey', SURVEY, '--mapping', SURVEY_MAPPING, '--mapping', SURVEY_MAPPING],
			'2 mappings for 1 --survey files: give one mapping for all of them, or one per file in the same order'
		],
		[['--survey', SURVEY, '--nope'], "Unknown option '--nope'"]
	])('exits 2 with one line for usage mistakes: %j', async (args, message) => {
		const { code, stderr } = await run(['validate', ...args]);
		expect(code).toBe(2);
		expect(stderr.trim().split('\n')).toHaveLength(1);
		expect(stderr).toContain(message);
	});

	it('exits 2 naming the path when a mapping file is not a valid mapping', async () => {
		const path = join(tempDir(), 'bad.mapping.json');
		writeFileSync(path, JSON.stringify({ version: 2, table: 'nope', columns: {} }));
		const { code, stderr } = await run(['validate', '--survey', SURVEY, '--mapping', path]);
		expect(code).toBe(2);
		expect(stderr).toBe(
			`adoption-gap: --mapping ${path}: version: expected 1, got 2; table: unknown table "nope"\n`
		);
	});
});

const sha256 = (bytes: Uint8Array) => createHash('sha256').update(bytes).digest('hex');

describe('adoption-gap validate: every input the website takes', () => {
	it('takes replicate weights and calendar exclusions, each file checked into its table', async () => {
		const weights = 'tests/fixtures/survey/survey_replicate_weights.csv';
		const calendar = 'tests/fixtures/usage/student-grain/calendar_exclusions.csv';
		const args = ['validate', '--calendar', calendar, '--replicate-weights', weights];
		const { code, stdout } = await run([...args, '--format', 'json']);
		const report = JSON.parse(stdout);
		// Rows: the fixtures' line counts (`wc -l`: 176 and 3) less their header; loaded in the
		// website's load order (survey tables before usage ones).
		expect(
			report.files.map((f: FileReport) => [f.file, f.table, f.rowsRead, f.rowsLoaded])
		).toEqual([
			['survey_replicate_weights.csv', 'survey_replicate_weights', 175, 175],
			['calendar_exclusions.csv', 'calendar_exclusions', 2, 2]
		]);
		expect(code).toBe(0);
	});

	it('repeatable inputs: one --mapping goes with every file of its option', async () => {
		const dir = tempDir();
		const second = join(dir, 'second-survey.csv');
		copyFileSync(SURVEY, second);
		const { stdout } = await run([...MESSY, '--survey', second, '--format', 'json']);
		const report = JSON.parse(stdout);
		// Both copies are read with the one mapping: 6 rows each, as the single file above.
		expect(report.files.map((f: FileReport) => [f.file, f.table, f.rowsRead])).toEqual([
			['districts-saipe.csv', 'districts', 5],
			['state-survey-excel-1252.csv', 'survey_responses', 6],
			['second-survey.csv', 'survey_responses', 6]
		]);
		expect(report.files[2].mapping).toEqual(report.files[1].mapping);
	});

	const lp = join(SHARED_DATA, 'learnplatform_2020');
	it.skipIf(!sharedDataAvailable())(
		'LearnPlatform districts, products and engagement files (repeatable): JSON equal to the ingest of each with its preset',
		async () => {
			const districts = join(lp, 'districts_info.csv');
			const products = join(lp, 'products_info.csv');
			const engagement = ['2872.csv.gz', '1142.csv.gz'].map((f) => join(lp, 'engagement_data', f));
			const { code, stdout } = await run([
				'validate',
				'--lp-districts',
				districts,
				'--engagement',
				engagement[0]!,
				'--engagement',
				engagement[1]!,
				'--products',
				products,
				'--format',
				'json'
			]);
			const report = JSON.parse(stdout);

			// The same files as the website loads them: each with the preset it recognises, in its
			// load order (products, then daily_touch, then daily_touch_districts; engine.ts).
			const db = await createNodeDatabase();
			try {
				await resetTables(db);
				const files = [];
				for (const path of [products, ...engagement, districts]) {
					const bytes = readFileSync(path);
					const opened = await openSource(basename(path), bytes);
					if (!opened.ok) throw new Error(`cannot open ${path}`);
					const preset = presetFor(basename(path), opened.source.header.fields);
					const file = await ingestFile(db, basename(path), bytes, { mapping: preset!.mapping });
					files.push({ ...file, sha256: sha256(bytes) });
				}
				const expected = { version: 1, files, coverage: await coverageOf(db, files) };
				expect(report).toEqual(JSON.parse(JSON.stringify(expected)));
			} finally {
				await db.close();
			}
			// Data rows counted by Python's csv reader over each file (233, 372, 1607, 28290).
			expect(report.files.map((f: FileReport) => [f.file, f.table, f.rowsRead])).toEqual([
				['products_info.csv', 'products', 372],
				['2872.csv.gz', 'daily_touch', 1607],
				['1142.csv.gz', 'daily_touch', 28290],
				['districts_info.csv', 'daily_touch_districts', 233]
			]);
			expect(report.files[2].mapping.options.constants).toEqual({ lp_district_id: '1142' });
			expect(code).toBe(report.files.some((f: FileReport) => f.rowsRejected > 0) ? 1 : 0);
		}
	);

	it('reads the header line a mapping gives (a title row the header search takes for the header)', async () => {
		const path = join(tempDir(), 'title-row.mapping.json');
		const columns = {
			leaid: 'Agency ID - NCES Assigned',
			survey_wave: 'Wave',
			respondent_id: 'Respondent',
			trained_teachers_ai: 'Trained Teachers on AI'
		};
		const options = { header_line: 2, constants: { survey_id: 'nm' } };
		writeFileSync(path, mappingJson({ version: 1, table: 'survey_responses', columns, options }));
		const survey = `${WS}/survey-title-row.csv`;
		const { code, stdout } = await run(['validate', '--survey', survey, '--mapping', path]);
		// The fixture's lines 3–5 are three valid rows under the header on line 2.
		expect(stdout).toContain('3 rows read = 3 loaded + 0 rejected');
		expect(code).toBe(0);
	});
});

describe('adoption-gap metrics --mapping', () => {
	it('reads a non-canonical export through its mapping: the same figures as the canonical file', async () => {
		const canonical = await run(['metrics', '--survey', 'tests/fixtures/cli/survey.csv']);
		const mapped = await run([
			'metrics',
			'--survey',
			`${WS}/survey-export.csv`,
			'--mapping',
			`${WS}/survey-export.mapping.json`
		]);
		expect(mapped.stderr).toBe('');
		expect(mapped.code).toBe(0);
		// The export has no plans column, so only the metrics of the training item can agree.
		const trained = (stdout: string) =>
			JSON.parse(stdout).figures.rows.filter((r: { metric: string }) =>
				['ai-training-rate', 'ai-training-rate-students'].includes(r.metric)
			);
		expect(trained(mapped.stdout)).toHaveLength(6);
		expect(trained(mapped.stdout)).toEqual(trained(canonical.stdout));
	});

	it('exits 1 naming the file and the first problem when mapped rows are rejected', async () => {
		const { code, stderr } = await run([
			'metrics',
			'--survey',
			SURVEY,
			'--mapping',
			SURVEY_MAPPING
		]);
		expect(code).toBe(1);
		expect(stderr).toContain(`${SURVEY}: 2 of 6 rows rejected, first: line 8`);
		expect(stderr).toContain('adoption-gap validate --survey');
	});
});

describe('mapping files', () => {
	it('round-trip: the JSON the page downloads parses back to the same mapping', () => {
		const parsed = parseMapping(readFileSync(SURVEY_MAPPING, 'utf8'));
		if (!parsed.ok) throw new Error(parsed.errors.join('; '));
		expect(parseMapping(mappingJson(parsed.mapping))).toEqual({
			ok: true,
			mapping: parsed.mapping
		});
	});
});

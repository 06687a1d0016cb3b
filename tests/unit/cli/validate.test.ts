import { createHash } from 'node:crypto';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { main } from '../../../src/cli/main.ts';
import { createNodeDatabase } from '#lib/db/node.ts';
import { ingestFile } from '#lib/ingest/ingest-file.ts';
import { parseMapping } from '#lib/ingest/mapping/mapping.ts';
import { presetFor } from '#lib/ingest/mapping/presets.ts';
import { TEMPLATES } from '#lib/ingest/templates.ts';
import { coverageOf, resetTables } from '#lib/workspace/engine.ts';
import { mappingJson } from '#lib/workspace/mapping-edit.ts';

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

	it.each([
		[[], 'give at least one file'],
		[['--survey', SURVEY, '--format', 'xml'], '--format must be one of text, json, not "xml"'],
		[
			['--usage', SURVEY, '--mapping', SURVEY_MAPPING],
			'its table is survey_responses, but no --survey file was given'
		],
		[
			['--survey', SURVEY, '--mapping', SURVEY_MAPPING, '--mapping', SURVEY_MAPPING],
			'a second mapping for the --survey file'
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
		expect(JSON.parse(mapped.stdout).figures).toEqual(JSON.parse(canonical.stdout).figures);
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

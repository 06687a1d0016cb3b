import { readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '#lib/db/database.ts';
import { identifier, sql } from '#lib/db/sql.ts';
import { ingestFile } from '#lib/ingest/ingest-file.ts';
import type { ValidationIssue } from '#lib/ingest/issues.ts';
import { openSource } from '#lib/ingest/source/open-source.ts';
import { resetTables } from '#lib/workspace/engine.ts';
import { suggestFor } from '#lib/workspace/suggest.ts';
import { CORPUS, isGenerated, type ExpectedIssue } from '../../fixtures/hostile/corpus.ts';
import { GENERATED } from '../../fixtures/hostile/generate.ts';
import { balanced, openDatabase } from '../ingest/ingest-helpers.ts';

const FOLDER = fileURLToPath(new URL('../../fixtures/hostile/', import.meta.url));
/** Node's gzip limit is lowered so the bomb stops after 64 MB, not the default 1 GB (slow here). */
const LIMITS = { maxDecompressedBytes: 64 * 1024 ** 2 };

const bytesOf = (file: string): Uint8Array =>
	isGenerated(file) ? GENERATED[file]!() : new Uint8Array(readFileSync(FOLDER + file));

/** The issue matching an expectation: same code, same line when one is expected, the words. */
function find(issues: readonly ValidationIssue[], e: ExpectedIssue): ValidationIssue | undefined {
	return issues.find(
		(i) =>
			i.code === e.code && (e.line === undefined || i.line === e.line) && i.message.includes(e.says)
	);
}

let db: Database;
beforeAll(async () => {
	db = await openDatabase();
});
afterAll(() => db.close());

describe('the hostile corpus, read and loaded as the page does (suggested mapping)', () => {
	it('has at least 40 files, each committed or generated, each described in the README', () => {
		const readme = readFileSync(`${FOLDER}README.md`, 'utf8');
		const committed = readdirSync(FOLDER).filter((f) => !/\.(ts|md)$/.test(f));
		expect(CORPUS.length).toBeGreaterThanOrEqual(40);
		expect(committed.sort()).toEqual(
			CORPUS.filter((c) => !isGenerated(c.file))
				.map((c) => c.file)
				.sort()
		);
		expect(CORPUS.filter((c) => !readme.includes(`| \`${c.file}\``)).map((c) => c.file)).toEqual(
			[]
		);
	});

	it.each(CORPUS.map((c) => [c.file, c.outcome, c.table ?? 'districts'] as const))(
		'%s',
		async (file, outcome, table) => {
			await resetTables(db);
			const bytes = bytesOf(file);
			const opened = await openSource(file, bytes, { limits: LIMITS });
			if ('refused' in outcome) {
				expect(opened.ok).toBe(false);
				const issues = opened.ok ? [] : opened.issues;
				expect(find(issues, outcome.refused), JSON.stringify(issues)).toBeDefined();
				const report = await ingestFile(db, file, bytes, { limits: LIMITS });
				expect([report.status, report.rowsRead, balanced(report)]).toEqual(['not_loaded', 0, true]);
				return;
			}
			if (!opened.ok) throw new Error(`expected ${file} to open: ${JSON.stringify(opened.issues)}`);
			const { mapping } = suggestFor(file, opened.source.header.fields);
			expect(mapping.table).toBe(table);
			const report = await ingestFile(db, file, bytes, { mapping, limits: LIMITS });
			expect(balanced(report)).toBe(true);
			if ('blocked' in outcome) {
				expect(report.status).toBe('not_loaded');
				expect(find(report.issues, outcome.blocked), JSON.stringify(report.issues)).toBeDefined();
				return;
			}
			expect(report.status).toBe('loaded');
			expect([report.rowsRead, report.rowsLoaded, report.rowsRejected]).toEqual(outcome.loaded);
			const missing = outcome.issues.filter((e) => !find(report.issues, e));
			expect(missing, JSON.stringify(report.issues)).toEqual([]);
			const [count] = await db.query<{ n: number }>(
				sql`SELECT count(*) AS n FROM ${identifier(table)}`
			);
			expect(count?.n).toBe(report.rowsLoaded);
			expect(report.rejected.length + report.rejectedNotListed).toBe(report.rowsRejected);
		},
		60_000
	);
});

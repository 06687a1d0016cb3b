import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '#lib/db/database.ts';
import { loadCanonicalFiles } from '#lib/ingest/canonical.ts';
import { ingestFile } from '#lib/ingest/ingest-file.ts';
import { suggestMapping } from '#lib/ingest/mapping/suggest.ts';
import { TEMPLATES } from '#lib/ingest/templates.ts';
import { TABLES } from '#lib/schema/tables.ts';
import { openDatabase, resetTables } from './ingest-helpers.ts';

let db: Database;
beforeAll(async () => {
	db = await openDatabase();
});
afterAll(() => db.close());

const bytes = (text: string) => new TextEncoder().encode(text);

describe('TEMPLATES', () => {
	it('covers every canonical input table except the published estimates, each once', () => {
		expect(TEMPLATES.map((t) => t.table).sort()).toEqual(
			TABLES.map((t) => t.name)
				.filter((name) => name !== 'published_estimates')
				.sort()
		);
	});

	it.each(TEMPLATES)('$fileName has the schema header and one sample row', (template) => {
		const spec = TABLES.find((t) => t.name === template.table)!;
		const [header, row, end] = template.text.split('\n');
		expect(header).toBe(spec.columns.map((c) => c.name).join(','));
		expect(row).not.toBe('');
		expect(end).toBe('');
	});

	it('every template loads back through the canonical loader, one row each', async () => {
		await loadCanonicalFiles(
			db,
			TEMPLATES.map((t) => ({ name: t.fileName, table: t.table, bytes: bytes(t.text) }))
		);
		for (const template of TEMPLATES) {
			const [row] = await db.query<{ n: number }>(`SELECT count(*) AS n FROM ${template.table}`);
			expect(row?.n, template.table).toBe(1);
		}
	});

	it.each(TEMPLATES)(
		'$fileName loads through the ingest with the suggested mapping, nothing rejected',
		async (template) => {
			await resetTables(db, template.table);
			const header = template.text.split('\n')[0]!.split(',');
			const report = await ingestFile(db, template.fileName, bytes(template.text), {
				mapping: suggestMapping(template.table, header, { year_mapping: 'fall' }),
				reference: false
			});
			expect(report.issues.filter((i) => i.severity === 'error')).toEqual([]);
			expect([report.rowsRead, report.rowsLoaded, report.rowsRejected]).toEqual([1, 1, 0]);
		}
	);
});

import { basename } from 'node:path';
import { createNodeDatabase } from '../lib/db/node.ts';
import { sha256Hex } from '../lib/export/hash.ts';
import { ingestFile } from '../lib/ingest/ingest-file.ts';
import type { ColumnMapping } from '../lib/ingest/mapping/mapping.ts';
import { presetFor } from '../lib/ingest/mapping/presets.ts';
import { rankTables, suggestMapping } from '../lib/ingest/mapping/suggest.ts';
import type { FileReport } from '../lib/ingest/report.ts';
import { openSource } from '../lib/ingest/source/open-source.ts';
import { findTarget } from '../lib/ingest/targets/index.ts';
import { coverageOf, resetTables } from '../lib/workspace/engine.ts';
import { reportText } from '../lib/workspace/report-text.ts';
import { validationReport } from '../lib/workspace/validation-report.ts';
import { read } from './inputs.ts';
import { INPUT_ORDER, INPUT_TABLES, readMappings, type InputOption } from './mapping-file.ts';
import type { ValidateOptions } from './options.ts';
import { emit } from './output.ts';
import { EXIT, UsageError } from './usage-error.ts';

/**
 * The mapping of an input given without `--mapping`: its preset (SAIPE, LearnPlatform), else the
 * option's table its headers fill best, by name. A file whose every column is a canonical column
 * is in the canonical format, where a bare school year is the fall year by definition.
 */
async function defaultMapping(
	option: InputOption,
	name: string,
	bytes: Uint8Array
): Promise<ColumnMapping | undefined> {
	const opened = await openSource(name, bytes);
	if (!opened.ok) return undefined;
	const headers = opened.source.header.fields;
	const tables: readonly string[] = INPUT_TABLES[option];
	const preset = presetFor(name, headers);
	if (preset && tables.includes(preset.mapping.table)) return preset.mapping;
	const table = rankTables(headers).find((r) => tables.includes(r.table))?.table ?? tables[0]!;
	const columns = new Set(findTarget(table)!.spec.columns.map((c) => c.name));
	const canonical = headers.every((h) => columns.has(h));
	return suggestMapping(table, headers, canonical ? { year_mapping: 'fall' } : {});
}

/**
 * `adoption-gap validate`: checks and loads each input with the ingest the website uses (in
 * Node, without the browser's size limit) and prints the same validation report: text by
 * default, or the report object as JSON. Exit 1 when a row was rejected or a file not loaded.
 */
export async function runValidate(
	options: ValidateOptions,
	stdout: (text: string) => void
): Promise<number> {
	const given = INPUT_ORDER.filter((o) => options[o] !== undefined);
	if (given.length === 0)
		throw new UsageError(
			'give at least one file: --survey, --usage, --districts, --roster or --products'
		);
	const mappings = await readMappings(options.mapping, new Set(given));
	const db = await createNodeDatabase();
	try {
		await resetTables(db);
		const files: FileReport[] = [];
		for (const option of given) {
			const path = options[option]!;
			const bytes = await read(path);
			const name = basename(path);
			const mapping = mappings.get(option) ?? (await defaultMapping(option, name, bytes));
			const report = await ingestFile(db, name, bytes, mapping ? { mapping } : {});
			// The file's content hash, as the browser's report gives it.
			files.push({ ...report, sha256: await sha256Hex(bytes) });
		}
		const report = validationReport(files, await coverageOf(db, files));
		const text =
			options.format === 'json' ? `${JSON.stringify(report, null, 2)}\n` : reportText(report);
		await emit(text, options.out, stdout);
		const failed = files.some((f) => f.status !== 'loaded' || f.rowsRejected > 0);
		return failed ? EXIT.dataError : EXIT.ok;
	} finally {
		await db.close();
	}
}

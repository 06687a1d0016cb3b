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
import type { ValidateOptions } from './options.ts';
import { emit } from './output.ts';
import { EXIT, UsageError } from './usage-error.ts';
import {
	inLoadOrder,
	readInputMappings,
	VALIDATE_INPUTS,
	type InputFile
} from './validate-inputs.ts';

/**
 * The mapping of an input given without `--mapping`: its preset (SAIPE, LearnPlatform), else the
 * option's table its headers fill best, by name. A file whose every column is a canonical column
 * is in the canonical format, where a bare school year is the fall year by definition.
 */
async function defaultMapping(
	file: InputFile,
	name: string,
	bytes: Uint8Array
): Promise<ColumnMapping | undefined> {
	const opened = await openSource(name, bytes);
	if (!opened.ok) return undefined;
	const headers = opened.source.header.fields;
	const tables: readonly string[] = VALIDATE_INPUTS[file.option].tables;
	const preset = presetFor(name, headers);
	if (preset && tables.includes(preset.mapping.table)) return preset.mapping;
	const table = rankTables(headers).find((r) => tables.includes(r.table))?.table ?? tables[0]!;
	const columns = new Set(findTarget(table)!.spec.columns.map((c) => c.name));
	const canonical = headers.every((h) => columns.has(h));
	return suggestMapping(table, headers, canonical ? { year_mapping: 'fall' } : {});
}

/** The terminal lists every rejected row: the page's listing stops at 100,000 and points here. */
const LIST_EVERY_REJECTED_ROW = { maxRejectedListed: Number.POSITIVE_INFINITY };

/**
 * `adoption-gap validate`: checks and loads each input with the ingest the website uses (in
 * Node, without the browser's size limit or its limit on rejected rows listed), in the order the website loads them, and prints the
 * same validation report: text by default, or the report object as JSON (files listed in load
 * order). Exit 1 when a row was rejected or a file not loaded.
 */
export async function runValidate(
	options: ValidateOptions,
	stdout: (text: string) => void
): Promise<number> {
	if (options.files.length === 0)
		throw new UsageError(
			`give at least one file: ${Object.keys(VALIDATE_INPUTS)
				.map((o) => `--${o}`)
				.join(', ')}`
		);
	const assigned = await readInputMappings(options.mapping, options.files);
	const inputs = [];
	for (const file of options.files) {
		const mapping =
			assigned.get(file) ??
			(await defaultMapping(file, basename(file.path), await read(file.path)));
		inputs.push({ ...file, mapping });
	}
	const db = await createNodeDatabase();
	try {
		await resetTables(db);
		const files: FileReport[] = [];
		for (const { path, mapping } of inLoadOrder(inputs)) {
			const bytes = await read(path);
			const name = basename(path);
			const report = await ingestFile(db, name, bytes, {
				...(mapping ? { mapping } : {}),
				limits: LIST_EVERY_REJECTED_ROW
			});
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

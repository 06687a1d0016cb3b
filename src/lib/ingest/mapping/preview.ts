import { recordText, splitRecord } from '../csv/fields.ts';
import { RecordScanner } from '../csv/scanner.ts';
import type { OpenedSource } from '../source/open-source.ts';
import { findTarget } from '../targets/index.ts';
import type { FieldKind } from '../targets/fields.ts';
import { outputColumns } from '../validate/columns.ts';
import type { ColumnMapping } from './mapping.ts';

/** One field of the mapping screen: where its values come from, samples, and the type they get. */
export interface FieldPreview {
	readonly field: string;
	readonly description: string;
	readonly required: boolean;
	readonly kind: FieldKind;
	/** The DuckDB type of the output column(s), and their names. */
	readonly type: string;
	readonly outputs: readonly string[];
	/** The source column, `(constant) …`, or null when unmapped. */
	readonly source: string | null;
	readonly samples: readonly string[];
}

/**
 * Up to `perColumn` distinct non-empty values of every column, from the first `rows` data
 * records (read in JavaScript from the decoded text: cheap, no database needed).
 */
export function sampleColumns(
	source: OpenedSource,
	rows = 200,
	perColumn = 5
): Map<string, string[]> {
	const { bytes, dialect, dataOffset } = source.layout;
	const scanner = new RecordScanner(bytes, dialect.delimiter);
	const samples = new Map<string, string[]>(source.header.fields.map((h) => [h, []]));
	let pos = dataOffset;
	for (let n = 0; n < rows && scanner.scan(pos); pos = scanner.next) {
		if (scanner.blank) continue;
		n++;
		const fields = splitRecord(recordText(bytes, pos, scanner.end), dialect.delimiter);
		source.header.fields.forEach((header, i) => {
			const value = fields[i]?.trim() ?? '';
			const list = samples.get(header)!;
			if (value !== '' && list.length < perColumn && !list.includes(value)) list.push(value);
		});
	}
	return samples;
}

/** The mapping screen's rows: every field of the target with its source, samples and type. */
export function previewMapping(source: OpenedSource, mapping: ColumnMapping): FieldPreview[] {
	return previewFromSamples(mapping, sampleColumns(source));
}

/** The same from samples taken elsewhere (the browser worker sends them with the file's layout). */
export function previewFromSamples(
	mapping: ColumnMapping,
	samples: ReadonlyMap<string, readonly string[]>
): FieldPreview[] {
	const target = findTarget(mapping.table);
	if (!target) throw new Error(`unknown table: ${mapping.table}`);
	return target.fields.map((field) => {
		const header = mapping.columns[field.name] ?? null;
		const constant = mapping.options.constants?.[field.name];
		return {
			field: field.name,
			description: field.description,
			required: field.required,
			kind: field.kind,
			type: field.type,
			outputs: outputColumns(field),
			source: header ?? (constant === undefined ? null : `(constant) ${constant}`),
			samples: header ? (samples.get(header) ?? []) : constant === undefined ? [] : [constant]
		};
	});
}

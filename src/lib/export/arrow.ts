import {
	Float64,
	Int32,
	Table,
	Utf8,
	tableToIPC,
	vectorFromArray,
	type DataType
} from 'apache-arrow';
import type { ExportField, ExportTable } from './table.ts';

function arrowType(field: ExportField): DataType {
	if (field.type === 'integer') return new Int32();
	return field.type === 'number' ? new Float64() : new Utf8();
}

/** A table as an Arrow table: Utf8, Float64 or Int32 columns, nullable, in field order. */
export function toArrowTable(table: ExportTable): Table {
	return new Table(
		Object.fromEntries(
			table.fields.map((f) => [
				f.name,
				vectorFromArray(
					table.rows.map((r) => r[f.name] ?? null),
					arrowType(f)
				)
			])
		)
	);
}

/** A table as an Arrow IPC file (`.arrow`), or stream for handing to parquet-wasm. */
export function toArrowIpc(table: ExportTable, format: 'file' | 'stream' = 'file'): Uint8Array {
	return tableToIPC(toArrowTable(table), format);
}

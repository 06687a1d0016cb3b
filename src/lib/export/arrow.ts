import {
	Float64,
	Int32,
	Table,
	Utf8,
	makeData,
	makeVector,
	tableToIPC,
	type Vector
} from 'apache-arrow';
import type { ExportField, ExportTable, ExportValue } from './table.ts';

/** Arrow's validity bitmap (bit i set = value i present), least significant bit first. */
function validity(values: readonly ExportValue[]): { bitmap: Uint8Array; nulls: number } {
	const bitmap = new Uint8Array(Math.ceil(values.length / 8));
	let nulls = 0;
	values.forEach((v, i) => {
		if (v === null) nulls++;
		else bitmap[i >> 3]! |= 1 << (i & 7);
	});
	return { bitmap, nulls };
}

/**
 * One column as an Arrow vector, built from its buffers directly: Arrow's builders compile a
 * validity function with `new Function`, which the site's Content Security Policy forbids.
 */
function column(field: ExportField, values: readonly ExportValue[]): Vector {
	const { bitmap, nulls } = validity(values);
	const base = { length: values.length, nullCount: nulls, nullBitmap: nulls ? bitmap : null };
	if (field.type === 'string') {
		const encoder = new TextEncoder();
		const parts = values.map((v) => encoder.encode(v === null ? '' : String(v)));
		const offsets = new Int32Array(values.length + 1);
		parts.forEach((p, i) => (offsets[i + 1] = offsets[i]! + p.length));
		const data = new Uint8Array(offsets[values.length]!);
		parts.forEach((p, i) => data.set(p, offsets[i]!));
		return makeVector(makeData({ ...base, type: new Utf8(), valueOffsets: offsets, data }));
	}
	const numbers = values.map((v) => (v === null ? 0 : Number(v)));
	if (field.type === 'integer') {
		return makeVector(makeData({ ...base, type: new Int32(), data: Int32Array.from(numbers) }));
	}
	return makeVector(makeData({ ...base, type: new Float64(), data: Float64Array.from(numbers) }));
}

/** A table as an Arrow table: Utf8, Float64 or Int32 columns, nullable, in field order. */
export function toArrowTable(table: ExportTable): Table {
	return new Table(
		Object.fromEntries(
			table.fields.map((f) => [
				f.name,
				column(
					f,
					table.rows.map((r) => r[f.name] ?? null)
				)
			])
		)
	);
}

/** A table as an Arrow IPC file (`.arrow`), or stream for handing to parquet-wasm. */
export function toArrowIpc(table: ExportTable, format: 'file' | 'stream' = 'file'): Uint8Array {
	return tableToIPC(toArrowTable(table), format);
}

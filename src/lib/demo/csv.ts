import type { TableSpec } from '../schema/tables.ts';

/**
 * A value as written to a canonical CSV: `null` is the empty field, booleans are `true`/`false`,
 * integers print as themselves, other numbers in the shortest round-trip form. Fixed-point values
 * (minutes, dates) arrive already formatted as strings.
 */
export type CsvValue = string | number | boolean | null;

/** A row of a canonical table: one value per column, by column name. */
export type CsvRow<T extends TableSpec> = {
	readonly [K in T['columns'][number]['name']]: CsvValue;
};

function field(value: CsvValue): string {
	if (value === null) return '';
	if (typeof value === 'boolean') return value ? 'true' : 'false';
	if (typeof value === 'number') {
		if (!Number.isFinite(value)) throw new Error(`invalid number for CSV: ${value}`);
		return String(value);
	}
	if (value === '') throw new Error('invalid CSV value: empty string (use null)');
	return /[",\n\r]/.test(value) ? `"${value.replaceAll('"', '""')}"` : value;
}

/** Canonical CSV text: header row, columns in schema order, comma-separated, `\n` line ends. */
export function toCsv<T extends TableSpec>(table: T, rows: readonly CsvRow<T>[]): string {
	const names: readonly string[] = table.columns.map((c) => c.name);
	const lines = [names.join(',')];
	for (const row of rows) {
		const values = row as Readonly<Record<string, CsvValue>>;
		lines.push(names.map((n) => field(values[n] ?? null)).join(','));
	}
	return lines.join('\n') + '\n';
}

/** Integer hundredths as a fixed two-decimal string (`3000` → `"30.00"`). */
export function formatHundredths(hundredths: number): string {
	if (!Number.isSafeInteger(hundredths) || hundredths < 0) {
		throw new Error(`invalid hundredths: ${hundredths}`);
	}
	return `${Math.floor(hundredths / 100)}.${String(hundredths % 100).padStart(2, '0')}`;
}

import type { CellValue } from 'exceljs';

/**
 * A worksheet cell as canonical text: numbers with at most 15 significant digits (what Excel
 * shows, so 0.1 + 0.2 is `0.3`), dates as `YYYY-MM-DD` (or `YYYY-MM-DDTHH:MM:SS` with a time of
 * day), booleans as `TRUE`/`FALSE`, formulas as their cached result, errors as their code
 * (`#N/A`), rich text and hyperlinks as their text.
 */
export function cellText(value: CellValue): string {
	if (value === null || value === undefined) return '';
	if (typeof value === 'string') return value;
	if (typeof value === 'number') return numberText(value);
	if (typeof value === 'boolean') return value ? 'TRUE' : 'FALSE';
	if (value instanceof Date) return dateText(value);
	if ('error' in value) return value.error;
	if ('richText' in value) return value.richText.map((r) => r.text).join('');
	if ('hyperlink' in value) return value.text;
	if ('result' in value) return value.result === undefined ? '' : cellText(value.result);
	return '';
}

function numberText(n: number): string {
	return Number.isFinite(n) ? String(Number(n.toPrecision(15))) : String(n);
}

function dateText(d: Date): string {
	if (Number.isNaN(d.getTime())) return '';
	const iso = d.toISOString();
	const time = iso.slice(11, 19);
	return time === '00:00:00' ? iso.slice(0, 10) : `${iso.slice(0, 10)}T${time}`;
}

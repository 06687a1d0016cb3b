import { SUPPRESSION_EXPLANATION, type DisplayValue } from '../disclosure/display-value.ts';
import type { ExportField, ExportValue } from './table.ts';

/** A disclosed value as export columns: the number shown (or empty), its status and why. */
export interface DisclosedColumns {
	readonly value: number | null;
	readonly status: string;
	readonly note: string;
}

/**
 * A display value as an export writes it, exactly as the screen discloses it: the number when
 * shown exactly (a true zero is 0), else empty with the status (`coarsened`, `suppressed`,
 * `missing`, `not_applicable`) and a note: the range label of a coded value, the label and
 * reason of a withheld one ("n<10: Fewer students than…"), or the reason of an absent one.
 */
export function disclosedColumns(v: DisplayValue): DisclosedColumns {
	switch (v.status) {
		case 'shown':
		case 'true_zero':
			return { value: v.value, status: v.status, note: '' };
		case 'coarsened':
			return { value: null, status: v.status, note: v.label };
		case 'suppressed':
			return {
				value: null,
				status: v.status,
				note: `${v.label}: ${SUPPRESSION_EXPLANATION[v.reason]}`
			};
		case 'missing':
		case 'not_applicable':
			return { value: null, status: v.status, note: v.reason };
	}
}

/** A number column of an export table. */
export function numberField(name: string, description: string, unit?: string): ExportField {
	return { name, type: 'number', description, ...(unit ? { unit } : {}) };
}

/** A text column of an export table. */
export function textField(name: string, description: string): ExportField {
	return { name, type: 'string', description };
}

/** An integer column of an export table. */
export function integerField(name: string, description: string, unit?: string): ExportField {
	return { name, type: 'integer', description, ...(unit ? { unit } : {}) };
}

export const PROPORTION = 'proportion (0–1)';

/**
 * A proportion column and its interval's bounds (`lo`, `hi`, names led by `prefix`), e.g.
 * `dosage_rate` with "the Wilson 95% interval".
 */
export function proportionFields(
	name: string,
	description: string,
	interval = 'the 95% interval',
	prefix = ''
): ExportField[] {
	return [
		numberField(name, description, PROPORTION),
		numberField(`${prefix}lo`, `Lower bound of ${interval} of ${name}`, PROPORTION),
		numberField(`${prefix}hi`, `Upper bound of ${interval} of ${name}`, PROPORTION)
	];
}

/** The status and note columns (names led by `prefix`) describing the disclosed value `of`. */
export function statusFields(of: string, prefix = ''): ExportField[] {
	return [
		textField(
			`${prefix}status`,
			`Disclosure status of ${of}: shown, true_zero, coarsened, suppressed, missing or not_applicable`
		),
		textField(
			`${prefix}note`,
			`Why ${of} is empty: range label, withheld label and reason, or missing reason`
		)
	];
}

/** A row's disclosed value under `name`, with its status and note (names led by `prefix`). */
export function disclosedCells(
	name: string,
	v: DisplayValue,
	prefix = ''
): Record<string, ExportValue> {
	const { value, status, note } = disclosedColumns(v);
	return { [name]: value, [`${prefix}status`]: status, [`${prefix}note`]: note };
}

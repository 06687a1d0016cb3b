import { STATES } from '../../geo/states.ts';
import { MAX_RECORD_BYTES } from '../csv/chunks.ts';
import { shown, type IssueCode } from '../issues.ts';
import { formatBytes } from '../limits.ts';
import type { TargetField } from '../targets/fields.ts';
import { dosageRuleProblem } from './dosage-rules.ts';

/** What a row message needs to say exactly what to fix. */
export interface RowContext {
	readonly line: number;
	readonly label: string;
	readonly value: string | null;
	readonly field: TargetField;
	readonly table: string;
	readonly missingReason?: string | null;
}

const q = (value: string) => `\`${shown(value)}\``;

/** `line 42, column \`District Code\`: …` — the prefix of every row-level message. */
export function where(line: number, label?: string): string {
	return label === undefined ? `line ${line}` : `line ${line}, column \`${label}\``;
}

/** The message for a row-level error code on one field. */
export function rowErrorMessage(code: IssueCode, c: RowContext): string {
	const v = c.value ?? '';
	const text = ROW_ERRORS[code]?.(v, c) ?? `${q(v)} is not valid (${code}).`;
	return `${where(c.line, c.label)}: ${text}`;
}

const digits = (v: string) => (v.match(/\d/g) ?? []).length;

const ROW_ERRORS: Partial<Record<IssueCode, (v: string, c: RowContext) => string>> = {
	required_missing: (v, c) =>
		v.trim() === ''
			? `no value, but every ${c.table} row needs ${c.field.name}.`
			: `${q(v)} is a code for "${c.missingReason ?? 'missing'}", but every ${c.table} row needs ${c.field.name}.`,
	leaid_too_long: (v) => `${q(v)} has ${digits(v)} digits; an NCES LEAID has 7.`,
	leaid_not_numeric: (v) =>
		`${q(v)} is not a number; an NCES LEAID is 7 digits (2-digit state FIPS + 5), e.g. 0100190.`,
	ncessch_too_long: (v) => `${q(v)} has ${digits(v)} digits; an NCES school ID has 12.`,
	ncessch_not_numeric: (v) =>
		`${q(v)} is not a number; an NCES school ID is 12 digits (LEAID + 5), e.g. 010019000001.`,
	fips_invalid: (v) => `${q(v)} is not a state FIPS code (1–2 digits, e.g. 01 for Alabama).`,
	not_yes_no: (v) => `${q(v)} is not a yes/no answer; use Yes/No, Y/N, TRUE/FALSE or 1/0.`,
	not_a_number: (v) => `${q(v)} is not a number.`,
	not_an_integer: (v) =>
		/^[+-]?\d[\d,]*$/.test(v) && Math.abs(Number(v.replaceAll(',', ''))) > 2 ** 31 - 1
			? `${q(v)} is too large: whole numbers here go up to 2,147,483,647.`
			: `${q(v)} is not a whole number.`,
	negative_count: (v) =>
		`${q(v)} is negative; counts cannot be (-1, -2 and -3 mean missing, not applicable and suppressed).`,
	out_of_range: (v) => `${q(v)} is not a share between 0% and 100%.`,
	not_a_school_year: (v) => `${q(v)} is not a school year; write it like 2024-25.`,
	school_year_inconsistent: (v) =>
		`${q(v)} does not span two consecutive years; write it like 2024-25.`,
	bare_year_needs_mapping: (v) => {
		const y = Number.parseInt(v, 10);
		return `${q(v)} is a bare year: is it ${y}-${String((y + 1) % 100).padStart(2, '0')} or ${y - 1}-${String(y % 100).padStart(2, '0')}? Set options.year_mapping to "fall" (${y} = ${y}-${String((y + 1) % 100).padStart(2, '0')}) or "spring" (${y} = ${y - 1}-${String(y % 100).padStart(2, '0')}).`;
	},
	not_a_date: (v) => `${q(v)} is not a date; use YYYY-MM-DD (e.g. 2024-09-02) or M/D/YYYY.`,
	not_a_locale: (v) =>
		`${q(v)} is not an NCES locale: use 11–13 (city), 21–23 (suburb), 31–33 (town) or 41–43 (rural), alone or labelled like 21-Suburb: Large.`,
	not_an_interval: (v) => `${q(v)} is not a range like [0.2, 0.4[.`,
	dosage_rule_invalid: (v) =>
		`${q(v)} is not a dosage rule: ${dosageRuleProblem(v)}. Write it like {"minutes_per_week_mean": {">=": 30}, "min_eligible_weeks": 4}.`,
	not_allowed_value: (v, c) =>
		c.field.kind === 'state_abbr'
			? `${q(v)} is not a state abbreviation or state name.`
			: `${q(v)} is not one of: ${(c.field.values ?? []).join(', ')}.`
};

const stateName = (code: string) =>
	STATES.find((s) => s.fips === code || s.abbr === code)?.name ?? 'no state';

/** `LEAID 0600001 starts with 06 (California), but the state is 01 (Alabama) …`. */
export function leaidStateMessage(
	line: number,
	label: string,
	leaid: string,
	stateFips: string
): string {
	const prefix = leaid.slice(0, 2);
	return `${where(line, label)}: LEAID ${leaid} starts with ${prefix} (${stateName(prefix)}), but the state is ${stateFips} (${stateName(stateFips)}); check the LEAID or the state.`;
}

/** A school ID whose first 7 digits are not the row's LEAID. */
export function ncesschLeaidMessage(
	line: number,
	label: string,
	ncessch: string,
	leaid: string
): string {
	return `${where(line, label)}: school ID ${ncessch} starts with ${ncessch.slice(0, 7)}, but the LEAID is ${leaid}; check one of them.`;
}

/** An aggregate row whose funnel counts are out of order (domain-spec §4.1). */
export function funnelMessage(
	line: number,
	counts: Record<'licensed_n' | 'activated_n' | 'regular_n' | 'dosage_met_n', number | null>
): string {
	const n = (v: number | null) => (v === null ? '–' : String(v));
	return `${where(line)}: licensed ${n(counts.licensed_n)}, activated ${n(counts.activated_n)}, regular ${n(counts.regular_n)}, dosage met ${n(counts.dosage_met_n)}: the funnel needs dosage met ≤ activated ≤ licensed and regular ≤ activated. The row is loaded; its rates will be blank (funnel_inconsistent).`;
}

/** A school year that has not started, or an activity date after today (the row is loaded). */
export function futureMessage(
	line: number,
	label: string,
	schoolYear: boolean,
	value: string
): string {
	const what = schoolYear
		? `school year ${value}-${String((Number(value) + 1) % 100).padStart(2, '0')} has not started yet`
		: `${q(value)} is after today`;
	return `${where(line, label)}: ${what}; check the year. The row is loaded.`;
}

/** Free text that a spreadsheet would run as a formula (the row is loaded, the text kept). */
export function formulaMessage(line: number, label: string, value: string): string {
	return `${where(line, label)}: ${q(value)} starts like a spreadsheet formula. It is kept as text and never run here, but a spreadsheet opening a file with it could run it.`;
}

/** Free text with characters that do not show (controls, zero-width, bidirectional overrides). */
export function invisibleMessage(line: number, label: string, value: string): string {
	return `${where(line, label)}: ${q(value)} contains characters that do not show on screen (marked <U+…>); they can disguise a name. Check the file. The row is loaded.`;
}

/** A duplicate key: which earlier line was kept. */
export function duplicateMessage(
	line: number,
	label: string,
	keptLine: number,
	key: string,
	kept: 'first' | 'last'
): string {
	return `${where(line, label)}: same key (${key}) as line ${keptLine}; only the ${kept} row with this key is loaded, line ${keptLine}.`;
}

/** A key already loaded from an earlier file (`file`, or null when not known): that row stays. */
export function earlierFileMessage(
	line: number,
	label: string,
	key: string,
	table: string,
	file: string | null
): string {
	const from = file === null ? `already in ${table}` : `already loaded from ${q(file)}`;
	return `${where(line, label)}: same key (${key}) as a row ${from}; the row loaded first is kept, so this row is not loaded. If this file should replace the other one, remove the other file.`;
}

/** Structural problems found while splitting records. */
export function structuralMessage(
	problem: 'wrong_field_count' | 'unterminated_quote' | 'text_after_quote' | 'record_too_long',
	line: number,
	lastLine: number,
	fieldCount: number,
	width: number,
	headerLine: number,
	delimiter: string,
	bytes?: number
): string {
	const d = delimiter === '\t' ? 'tab' : `"${delimiter}"`;
	if (problem === 'record_too_long') {
		return `${where(line)}: the row is ${formatBytes(bytes ?? 0)} long; rows over ${formatBytes(MAX_RECORD_BYTES)} cannot be read. A value this long is not district data: check the row's quotes, or remove the row.`;
	}
	if (problem === 'wrong_field_count') {
		return `${where(line)}: has ${fieldCount} values; the header (line ${headerLine}) has ${width}. Quote values that contain the delimiter ${d}, or add the missing values.`;
	}
	if (problem === 'unterminated_quote') {
		const span =
			lastLine > line ? `lines ${line}–${lastLine.toLocaleString('en-US')}` : `line ${line}`;
		return `${where(line)}: a quoted value opened here is never closed, so ${span} could not be split into values. Close the quote (inside a quoted value, write a quote as "").`;
	}
	return `${where(line)}: text follows a closing quote; inside a quoted value, write a quote as "".`;
}

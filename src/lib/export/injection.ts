/** Characters that make a spreadsheet read a text cell as a formula (OWASP CSV injection). */
const FORMULA_START = /^[=+\-@\t\r]/;

/**
 * Neutralises a text cell for CSV and XLSX: text starting with `=`, `+`, `-`, `@`, tab or
 * carriage return gets a leading apostrophe, so a spreadsheet shows it as text instead of
 * evaluating it. Only text columns pass through here; numbers (negative ones included) never do.
 */
export function neutraliseText(text: string): string {
	return FORMULA_START.test(text) ? `'${text}` : text;
}

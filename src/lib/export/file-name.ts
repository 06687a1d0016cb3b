/** One filter of a view as its file name shows it, e.g. `{ name: 'state', values: ['CA'] }`. */
export interface NamedFilter {
	readonly name: string;
	readonly values: readonly (string | number)[];
}

function slug(text: string): string {
	return text
		.normalize('NFKD')
		.replace(/[^\w-]+/g, '-')
		.replace(/-{2,}/g, '-')
		.replace(/^-|-$/g, '');
}

/**
 * A file name that says what was exported: the view, each active filter with its values, and
 * the date, e.g. `adoption-gap_usage_state-CA-TX_locale-rural_2026-11-22.csv`. Only letters,
 * digits, `-` and `_` (safe on every file system); filters with no value are left out.
 */
export function exportFileName(
	view: string,
	filters: readonly NamedFilter[],
	date: Date,
	extension: string
): string {
	const parts = filters
		.filter((f) => f.values.length > 0)
		.map((f) => slug(`${f.name}-${f.values.join('-')}`));
	const day = date.toISOString().slice(0, 10);
	return `${['adoption-gap', slug(view), ...parts, day].join('_')}.${extension}`;
}

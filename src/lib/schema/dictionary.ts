import { TABLES, type TableSpec } from './tables.ts';

const MISSING =
	'Empty field = NULL. Sentinels (`-1` missing, `-2` not applicable, `-3` suppressed, `NaN`, `N/A`, `*`, `<10`) are converted to NULL with a `missing_reason` at ingest, never used as numbers.';

function cell(text: string | undefined): string {
	return (text ?? '').replaceAll('|', '\\|');
}

function tableSection(table: TableSpec): string {
	const rows = table.columns.map(
		(c) =>
			`| \`${c.name}\` | ${c.type} | ${c.required ? 'yes' : ''} | ${cell(c.unit)} | ${cell(c.allowed)} | ${cell(c.description)} |`
	);
	return [
		`### \`${table.name}\``,
		'',
		table.description,
		'',
		`Key: ${table.key.map((k) => `\`${k}\``).join(', ')}.`,
		'',
		'| column | type | required | unit | allowed values | meaning |',
		'| --- | --- | --- | --- | --- | --- |',
		...rows
	].join('\n');
}

/** The data dictionary section of `data/README.md`, rendered from the schema so the two never drift. */
export function renderDataDictionary(): string {
	return [
		'<!-- generated from src/lib/schema/tables.ts by `npm run data:dictionary`; do not edit by hand -->',
		'',
		`Missing values: ${MISSING}`,
		'',
		...TABLES.map(tableSection).flatMap((s) => [s, ''])
	].join('\n');
}

import { EXPORT_OPTIONS, METRICS_OPTIONS, VALIDATE_OPTIONS } from './options.ts';

const EXAMPLE =
	'adoption-gap metrics --survey survey.csv --districts districts.csv --usage usage.csv --products products.csv --state CA --year 2024 --format csv --out metrics.csv';

const EXPORT_EXAMPLE =
	'adoption-gap export --survey survey.csv --districts districts.csv --state CA --format xlsx --out ca-figures.zip';

const VALIDATE_EXAMPLE =
	'adoption-gap validate --survey state-survey.xlsx --districts saipe.csv --mapping state-survey.mapping.json';

function optionLines(options: Record<string, { type: string; help: string }>): string[] {
	const names = [...Object.keys(METRICS_OPTIONS), ...Object.keys(options)];
	const width = Math.max(...names.map((name) => name.length)) + 10;
	return Object.entries(options).map(([name, spec]) => {
		const flag = `--${name}${spec.type === 'string' ? ' <value>' : ''}`;
		return `  ${flag.padEnd(width)} ${spec.help}`;
	});
}

/** `adoption-gap --help` and `<command> --help`: both commands, every option, with examples. */
export function helpText(): string {
	const options = optionLines(METRICS_OPTIONS);
	return [
		'Usage: adoption-gap metrics [options]',
		'       adoption-gap export [options]',
		'       adoption-gap validate [options]',
		'',
		'metrics: computes every Adoption Gap metric from files in the canonical format (see',
		'data/README.md; other layouts with --mapping)',
		'with the same code, engine (DuckDB-WASM), suppression and mode as the website, and writes',
		'each figure with its method, sample size and interval; in JSON also its provenance (input',
		'hashes, filters, SQL, interval methods, suppression rule and hidden cells, citation).',
		'',
		'Options of metrics:',
		...options,
		'',
		'Example:',
		`  ${EXAMPLE}`,
		'',
		'export: the same figures as metrics in a download format of the website, with the same',
		'datapackage.json sidecar (column descriptions and units, provenance, citation), as a zip',
		'bundle or into a folder.',
		'',
		'Options of export: those of metrics, except',
		...optionLines({ format: EXPORT_OPTIONS.format, out: EXPORT_OPTIONS.out }),
		'',
		'Example:',
		`  ${EXPORT_EXAMPLE}`,
		'',
		'validate: checks and loads each file with the same ingest as the website\'s "Your data" page',
		'(any column layout with --mapping; CSV, TSV, .csv.gz, .xlsx) and prints the validation report:',
		'rows read = loaded + rejected, and every issue with its line, column, value and reason.',
		'',
		'Options of validate:',
		...optionLines(VALIDATE_OPTIONS),
		'',
		'Example:',
		`  ${VALIDATE_EXAMPLE}`,
		'',
		'Exit codes: 0 ok, 1 data errors (validate: rows rejected or a file not loaded), 2 usage errors.'
	].join('\n');
}

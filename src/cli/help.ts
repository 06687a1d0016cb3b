import { METRICS_OPTIONS } from './options.ts';

const EXAMPLE =
	'adoption-gap metrics --survey survey.csv --districts districts.csv --usage usage.csv --products products.csv --state CA --year 2024 --format csv --out metrics.csv';

/** `adoption-gap --help` and `adoption-gap metrics --help`: every option, with an example. */
export function helpText(): string {
	const width = Math.max(...Object.keys(METRICS_OPTIONS).map((name) => name.length)) + 10;
	const options = Object.entries(METRICS_OPTIONS).map(([name, spec]) => {
		const flag = `--${name}${spec.type === 'string' ? ' <value>' : ''}`;
		return `  ${flag.padEnd(width)} ${spec.help}`;
	});
	return [
		'Usage: adoption-gap metrics [options]',
		'',
		'Computes every Adoption Gap metric from files in the canonical format (see data/README.md)',
		'with the same code, engine (DuckDB-WASM), suppression and mode as the website, and writes',
		'each figure with its method, sample size and interval.',
		'',
		'Options:',
		...options,
		'',
		'Example:',
		`  ${EXAMPLE}`,
		'',
		'Exit codes: 0 ok, 1 data errors, 2 usage errors.'
	].join('\n');
}

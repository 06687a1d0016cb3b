import type { DataOrigin } from '../disclosure/view.ts';

/** A Frictionless source: what the figures rest on, with a citation. */
export interface DataSource {
	readonly title: string;
	readonly path?: string;
	readonly citation: string;
}

/** The simulated demo data (data/README.md). */
const DEMO: DataSource = {
	title: 'Adoption Gap simulated demo data',
	path: 'data/README.md',
	citation:
		"Simulated by the project's seeded generator (src/lib/demo/); parameters are published figures with their citations. No real district appears in it."
};

/** The methods every figure relies on (docs/methodology.md, keys of domain-spec §10). */
const METHOD_SOURCES: readonly DataSource[] = [
	{
		title: 'Adoption Gap methodology',
		path: 'docs/methodology.md',
		citation: 'Metric definitions, variance and interval methods, disclosure control.'
	},
	{
		title: 'RAND American School District Panel (published benchmarks) [S1]',
		path: 'https://www.rand.org/pubs/research_reports/RRA956-31.html',
		citation:
			'Diliberti, M. K., Lake, R. J., & Weiner, S. R. (2025). More Districts Are Training Teachers on Artificial Intelligence: Findings from the American School District Panel. RAND RR-A956-31.'
	},
	{
		title: 'NCES disclosure methods [S33]',
		path: 'http://ies.ed.gov/pubsearch/pubsinfo.asp?pubid=2011603',
		citation:
			'NCES (2010). Statistical Methods for Protecting Personally Identifiable Information in Aggregate Reporting (SLDS Technical Brief 3, NCES 2011-603).'
	}
];

/**
 * The sources of an export: the data (the demo data, or the user's own files by name) and the
 * methods and published benchmarks the figures rely on.
 */
export function exportSources(origin: DataOrigin, fileNames: readonly string[]): DataSource[] {
	const data =
		origin === 'demo'
			? [DEMO]
			: fileNames.map((name) => ({
					title: name,
					citation: 'Loaded by the user; the file never left their computer.'
				}));
	return [...data, ...METHOD_SOURCES];
}

import type { SqlQuery } from '../db/sql.ts';
import type { TableName } from '../schema/tables.ts';

/**
 * A registered metric: its SQL and what it means. Each lives in its own small module with a doc
 * comment (what, population, weights, exclusions, NULL handling, source of the definition).
 */
export interface MetricDefinition<Params = unknown> {
	/** kebab-case, the same as the module name and the methodology anchor. */
	readonly id: string;
	readonly label: string;
	/** One or two plain sentences for the methodology page. */
	readonly definition: string;
	/** Citation keys of `domain-spec.md` §10 (e.g. `S1`) or `D` for a design default. */
	readonly sources: readonly string[];
	/** Canonical tables the SQL reads. */
	readonly tables: readonly TableName[];
	/** The SQL for given parameters (values bound, never spliced). */
	readonly query: (params: Params) => SqlQuery;
	/** Parameters with which tests validate the SQL (`EXPLAIN`) on the fixture tables. */
	readonly exampleParams: Params;
}

/**
 * A metric computed in TypeScript from query results (gaps, ratios, intervals, costs): listed so
 * the methodology page must name it; its module's doc comment holds the full definition.
 */
export interface ComputedMetric {
	/** kebab-case, named in `docs/methodology.md`. */
	readonly id: string;
	readonly label: string;
	/** One or two plain sentences for the methodology page. */
	readonly definition: string;
	/** Citation keys of `domain-spec.md` §10 or `D` for a design default. */
	readonly sources: readonly string[];
	/** The module under `src/lib/metrics/` and its exported function, e.g. `usage/equity.ts#rateGap`. */
	readonly computedBy: string;
}

import type { Database } from '../lib/db/database.ts';
import { createNodeDatabase } from '../lib/db/node.ts';
import type { SqlQuery } from '../lib/db/sql.ts';
import { disclosureProfile } from '../lib/disclosure/profiles.ts';
import type { DisclosurePolicy } from '../lib/disclosure/view.ts';
import { sha256Hex } from '../lib/export/hash.ts';
import type { InputHash } from '../lib/export/datapackage.ts';
import { recordQueries } from '../lib/db/recorder.ts';
import {
	restrictSurveyToFilter,
	type DataFilter,
	type FilterSummary
} from '../lib/filters/restrict.ts';
import { CanonicalLoadError, loadCanonicalFiles } from '../lib/ingest/canonical.ts';
import { trainingByPoverty } from '../lib/metrics/survey/training-by-poverty.ts';
import type { FigureRow } from '../lib/report/figure-row.ts';
import { SURVEY_METRICS, surveyFigures } from '../lib/report/survey-figures.ts';
import { canonicalState, DEFAULT_VIEW_STATE } from '../lib/view/view-state.ts';
import { refuseResearchOnDemo } from './data-origin.ts';
import { checkProducts, knownLevels, knownStates, localeGroups } from './filter-values.ts';
import { metricCoverage, type MetricCoverage } from './metric-coverage.ts';
import { usageRows } from './usage-rows.ts';
import { readInputs } from './inputs.ts';
import { INPUT_ORDER, loadMappedInputs, readMappings } from './mapping-file.ts';
import type { FilterOptions } from './options.ts';
import { latestSchoolYear, surveyWaves } from './periods.ts';
import { DataError, UsageError } from './usage-error.ts';

/** The figures of one command-line run and what they were computed from. */
export interface ComputedFigures {
	/** The loaded tables, a census survey restricted to the filter (for an export bundle's files). */
	readonly db: Database;
	readonly inputs: readonly InputHash[];
	/** The demo manifest's formula over the inputs: 12 hex digits of a hash of name and hash lines. */
	readonly dataVersion: string;
	readonly filter: DataFilter;
	/** Poverty levels kept (a district filter on usage, as the site's level filter). */
	readonly levels: readonly string[];
	readonly summary: FilterSummary;
	readonly policy: DisclosurePolicy;
	readonly year: number | null;
	/** Figures after disclosure: survey figures, then usage figures. */
	readonly rows: readonly FigureRow[];
	/** Every registered metric and whether it was computed. */
	readonly metrics: readonly MetricCoverage[];
	/** Every statement from the first figure on, in order. */
	readonly sql: readonly SqlQuery[];
}

async function inputHashes(
	files: readonly { name: string; table: string; bytes: Uint8Array }[],
	mapped: readonly InputHash[]
): Promise<InputHash[]> {
	const hashed = await Promise.all(
		files.map(async (f) => ({ name: f.name, table: f.table, sha256: await sha256Hex(f.bytes) }))
	);
	return [...hashed, ...mapped];
}

/**
 * Loads the command line's files into DuckDB-WASM (the site's engine) and computes the figures
 * with the site's code and disclosure: usage through the site's usage view for the same filters
 * (state, locale and poverty level as district filters, products, year; the release guard),
 * then a census survey is restricted to the state and locale filters (`restrictSurveyToFilter`:
 * a weighted sample survey stays whole) and every registered survey metric (`SURVEY_METRICS`)
 * of each survey's wave (the `--wave`, else the latest of `--year`, else the latest) is
 * computed; `use` reads the result before the database is closed. Unknown filter values are
 * usage errors.
 */
export async function withFigures<T>(
	options: FilterOptions,
	use: (computed: ComputedFigures) => Promise<T>
): Promise<T> {
	if (!options.survey && !options.usage) {
		throw new UsageError('give at least --survey or --usage (see adoption-gap --help)');
	}
	const filter = {
		states: knownStates(options.state),
		localeGroups: localeGroups(options.locale),
		products: options.product
	};
	const levels = knownLevels(options.povertyLevel);
	const given = new Set(INPUT_ORDER.filter((o) => options[o] !== undefined));
	const mappings = await readMappings(options.mapping, given);
	const files = await readInputs(options, new Set(mappings.keys()));
	const engine = await createNodeDatabase();
	try {
		await loadCanonicalFiles(engine, files).catch((error: unknown) => {
			throw error instanceof CanonicalLoadError
				? new DataError(error.message, { cause: error })
				: error;
		});
		const inputs = await inputHashes(files, await loadMappedInputs(engine, options, mappings));
		if (options.mode === 'research') await refuseResearchOnDemo(inputs);
		await checkProducts(engine, filter.products);
		const { db, queries } = recordQueries(engine);
		const policy: DisclosurePolicy = {
			mode: options.mode,
			profile: disclosureProfile(options.profile)
		};
		const year = options.year ?? (await latestSchoolYear(db));
		const state = canonicalState({
			...DEFAULT_VIEW_STATE,
			states: filter.states,
			locales: filter.localeGroups,
			levels,
			products: filter.products,
			year,
			source: inputs.some((i) => i.table === 'usage_student_week') ? 'logs' : 'aggregate'
		});
		const usage =
			options.usage && year !== null
				? await usageRows(db, state, 'user_loaded', policy)
				: { rows: [], products: [] };
		const summary = await restrictSurveyToFilter(db, filter);
		const figures: FigureRow[] = [];
		for (const { surveyId, wave } of await surveyWaves(db, options.wave, options.year)) {
			for (const { outcome, weighting } of SURVEY_METRICS) {
				const result = await trainingByPoverty(db, {
					surveyId,
					wave,
					outcome,
					weighting,
					intervalMethod: options.interval
				});
				figures.push(...surveyFigures(result, 'user_loaded', policy));
			}
		}
		figures.push(...usage.rows);
		const listing = inputs.map((i) => `${i.name} ${i.sha256}\n`).join('');
		return await use({
			db: engine,
			inputs,
			dataVersion: (await sha256Hex(listing)).slice(0, 12),
			filter,
			levels,
			summary,
			policy,
			year,
			rows: figures,
			metrics: metricCoverage(figures, usage.products),
			sql: queries
		});
	} finally {
		await engine.close();
	}
}

import type { Database } from '../lib/db/database.ts';
import { createNodeDatabase } from '../lib/db/node.ts';
import type { SqlQuery } from '../lib/db/sql.ts';
import { DEFAULT_PROFILE } from '../lib/disclosure/profiles.ts';
import type { DisclosurePolicy } from '../lib/disclosure/view.ts';
import { sha256Hex } from '../lib/export/hash.ts';
import type { InputHash } from '../lib/export/datapackage.ts';
import { recordQueries } from '../lib/db/recorder.ts';
import {
	restrictToFilter,
	LOCALE_GROUPS,
	type DataFilter,
	type FilterSummary,
	type LocaleGroup
} from '../lib/filters/restrict.ts';
import { CanonicalLoadError, loadCanonicalFiles } from '../lib/ingest/canonical.ts';
import { trainingByPoverty } from '../lib/metrics/survey/training-by-poverty.ts';
import { usageFunnelByPoverty } from '../lib/metrics/usage/usage-funnel-by-poverty.ts';
import type { FigureRow } from '../lib/report/figure-row.ts';
import { surveyFigures } from '../lib/report/survey-figures.ts';
import { usageFigures } from '../lib/report/usage-figures.ts';
import { readInputs } from './inputs.ts';
import { INPUT_ORDER, loadMappedInputs, readMappings } from './mapping-file.ts';
import type { FilterOptions } from './options.ts';
import { latestSchoolYear, surveyWaves } from './periods.ts';
import { DataError, UsageError } from './usage-error.ts';

function localeGroups(values: readonly string[]): LocaleGroup[] {
	for (const v of values) {
		if (!(v in LOCALE_GROUPS)) {
			throw new UsageError(
				`--locale must be one of ${Object.keys(LOCALE_GROUPS).join(', ')}, not "${v}"`
			);
		}
	}
	return values as LocaleGroup[];
}

/** The figures of one command-line run and what they were computed from. */
export interface ComputedFigures {
	/** The loaded, filtered tables (for the canonical files of an export bundle). */
	readonly db: Database;
	readonly inputs: readonly InputHash[];
	/** The demo manifest's formula over the inputs: 12 hex digits of a hash of name and hash lines. */
	readonly dataVersion: string;
	readonly filter: DataFilter;
	readonly summary: FilterSummary;
	readonly policy: DisclosurePolicy;
	readonly year: number | null;
	/** Figures after disclosure, poverty-level filter applied. */
	readonly rows: readonly FigureRow[];
	/** Every statement from the filter on, in order. */
	readonly sql: readonly SqlQuery[];
}

/**
 * Loads the command line's files into DuckDB-WASM (the site's engine), applies the filters,
 * computes the training and usage figures with the site's metric code and passes them through
 * the same disclosure control; `use` reads the result before the database is closed.
 */
export async function withFigures<T>(
	options: FilterOptions,
	use: (computed: ComputedFigures) => Promise<T>
): Promise<T> {
	if (!options.survey && !options.usage) {
		throw new UsageError('give at least --survey or --usage (see adoption-gap --help)');
	}
	const filter = {
		states: options.state,
		localeGroups: localeGroups(options.locale),
		products: options.product
	};
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
		const mapped = await loadMappedInputs(engine, options, mappings);
		const { db, queries } = recordQueries(engine);
		const summary = await restrictToFilter(db, filter);
		const policy: DisclosurePolicy = { mode: options.mode, profile: DEFAULT_PROFILE };
		const figures: FigureRow[] = [];
		for (const { surveyId, wave } of await surveyWaves(db, options.wave)) {
			const result = await trainingByPoverty(db, { surveyId, wave });
			figures.push(...surveyFigures(result, 'user_loaded', policy));
		}
		const year = options.year ?? (await latestSchoolYear(db));
		if (options.usage && year !== null) {
			const usage = await usageFunnelByPoverty(db, { schoolYear: year });
			figures.push(...usageFigures(usage, 'user_loaded', policy));
		}
		const levels = options.povertyLevel;
		const inputs = [
			...(await Promise.all(
				files.map(async (f) => ({ name: f.name, table: f.table, sha256: await sha256Hex(f.bytes) }))
			)),
			...mapped
		];
		const listing = inputs.map((i) => `${i.name} ${i.sha256}\n`).join('');
		return await use({
			db: engine,
			inputs,
			dataVersion: (await sha256Hex(listing)).slice(0, 12),
			filter,
			summary,
			policy,
			year,
			rows: figures.filter((f) => !levels.length || f.group === 'all' || levels.includes(f.group)),
			sql: queries
		});
	} finally {
		await engine.close();
	}
}

import { createHash } from 'node:crypto';
import { createNodeDatabase } from '../lib/db/node.ts';
import { DEFAULT_PROFILE } from '../lib/disclosure/profiles.ts';
import type { DisclosurePolicy } from '../lib/disclosure/view.ts';
import { restrictToFilter, type LocaleGroup, LOCALE_GROUPS } from '../lib/filters/restrict.ts';
import { CanonicalLoadError, loadCanonicalFiles } from '../lib/ingest/canonical.ts';
import { trainingByPoverty } from '../lib/metrics/survey/training-by-poverty.ts';
import { usageFunnelByPoverty } from '../lib/metrics/usage/usage-funnel-by-poverty.ts';
import { FIGURE_COLUMNS, type FigureRow } from '../lib/report/figure-row.ts';
import { surveyFigures } from '../lib/report/survey-figures.ts';
import { usageFigures } from '../lib/report/usage-figures.ts';
import { APP_VERSION } from '../lib/version.ts';
import { readInputs } from './inputs.ts';
import { INPUT_ORDER, loadMappedInputs, readMappings } from './mapping-file.ts';
import type { MetricsOptions } from './options.ts';
import { emit, render } from './output.ts';
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

/**
 * `adoption-gap metrics`: loads canonical files into DuckDB-WASM (the site's engine), applies
 * the filters, computes the training and usage figures with the site's metric code, passes them
 * through the same disclosure control, and writes them with method, n and interval.
 */
export async function runMetrics(options: MetricsOptions, stdout: (text: string) => void) {
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
	const db = await createNodeDatabase();
	try {
		await loadCanonicalFiles(db, files).catch((error: unknown) => {
			throw error instanceof CanonicalLoadError
				? new DataError(error.message, { cause: error })
				: error;
		});
		await loadMappedInputs(db, options, mappings);
		const restriction = await restrictToFilter(db, filter);
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
		const report = {
			generator: `adoption-gap ${APP_VERSION}`,
			mode: options.mode,
			disclosure_profile: policy.profile.id,
			inputs: files.map((f) => ({
				file: f.name,
				table: f.table,
				sha256: createHash('sha256').update(f.bytes).digest('hex')
			})),
			filters: {
				...filter,
				poverty_levels: levels,
				school_year_start: year,
				wave: options.wave ?? null
			},
			filter_note: restriction.note,
			figures: {
				columns: FIGURE_COLUMNS,
				rows: figures.filter((f) => !levels.length || f.group === 'all' || levels.includes(f.group))
			}
		};
		await emit(render(report, options.format), options.out, stdout);
	} finally {
		await db.close();
	}
}

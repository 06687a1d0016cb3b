import type { Database } from '../db/database.ts';
import type { GroupBy as SurveyGroupBy } from '../metrics/survey/analysis-rows.ts';
import {
	trainingByPoverty,
	type TrainingByPovertyResult
} from '../metrics/survey/training-by-poverty.ts';
import { trainingChange, type WaveChangeResult } from '../metrics/survey/training-change.ts';
import {
	compositionRows,
	sampleCompositionSql,
	type CompositionRow
} from './sample-composition-sql.ts';
import { effectiveWave, type DataCatalog } from './catalog.ts';
import { usageScheme, type ViewState } from './view-state.ts';

/** The survey figures of a view: rates by group, change between two waves, sample composition. */
export interface SurveyBundle {
	readonly training: TrainingByPovertyResult;
	/** The selected wave against the one before it (or the next, for the oldest); null with one wave. */
	readonly change: WaveChangeResult | null;
	/** Responding districts against all districts by the usage scheme's poverty levels. */
	readonly composition: readonly CompositionRow[];
	/** Why the survey is not grouped as the view asks (region and size need a domain estimate). */
	readonly groupingNote: string | null;
}

/** How the survey can group a view: poverty or the survey's own locale; nothing else yet. */
export function surveyGrouping(state: ViewState): SurveyGroupBy {
	return state.groupBy === 'locale' ? 'locale' : 'poverty';
}

/** The two waves compared: the selected one and the one before it (or after, for the oldest). */
export function changeWaves(waves: readonly string[], wave: string): [string, string] | null {
	const i = waves.indexOf(wave);
	if (waves.length < 2 || i === -1) return null;
	return i > 0 ? [waves[i - 1]!, wave] : [wave, waves[1]!];
}

/**
 * Computes the survey figures the view shows. District filters (state, locale, size, poverty
 * level) never cut the sample (that would understate the variance, §3.2); groupings are domains
 * estimated on the full design by the survey module.
 */
export async function surveyBundle(
	db: Database,
	state: ViewState,
	catalog: DataCatalog
): Promise<SurveyBundle | null> {
	const wave = effectiveWave(state, catalog);
	if (wave === null) return null;
	const groupBy = surveyGrouping(state);
	const analysis = {
		surveyId: catalog.surveyId,
		outcome: 'trained' as const,
		weighting: state.weighting,
		scheme: state.scheme,
		groupBy
	};
	const training = await trainingByPoverty(db, { ...analysis, wave });
	const waves = changeWaves(catalog.waves, wave);
	const change = waves
		? await trainingChange(
				db,
				{ ...analysis, fromWave: waves[0], toWave: waves[1] },
				{ level: 0.95, intervalMethod: 'wilson' }
			)
		: null;
	const composition = compositionRows(
		await db.query(
			sampleCompositionSql({
				surveyId: catalog.surveyId,
				wave,
				scheme: usageScheme(state.scheme),
				districtYear: catalog.districtYear
			})
		),
		usageScheme(state.scheme)
	);
	const groupingNote =
		state.groupBy === 'region' || state.groupBy === 'size'
			? 'The survey is shown by poverty level: grouping a weighted sample by region or enrollment size needs a domain estimate the survey module does not provide yet.'
			: null;
	return { training, change, composition, groupingNote };
}

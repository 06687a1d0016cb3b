import type { Database } from '../db/database.ts';
import { PUBLIC_POLICY } from '../disclosure/disclose-view.ts';
import type { DisclosurePolicy } from '../disclosure/view.ts';
import type { DataCatalog } from './catalog.ts';
import type { DistrictSpread } from './district-rates.ts';
import { discloseUsage } from './usage-disclosure.ts';
import { usageModel, type UsageModel } from './usage-model.ts';
import type { UsageView } from './usage-view.ts';
import { surveyBundle, type SurveyBundle } from './survey-view.ts';
import { trainingModel, type TrainingModel } from './training-model.ts';
import type { ViewState } from './view-state.ts';
import type { ViewUnits } from './view-units.ts';

/**
 * The usage model of a view from its query results (the district spreads arrive separately):
 * prices and disclosure are applied here, so a price edit re-discloses without a query.
 */
export function usageModelOf(
	view: UsageView,
	units: ViewUnits,
	catalog: DataCatalog,
	state: ViewState,
	spreads: readonly DistrictSpread[] = [],
	policy: DisclosurePolicy = PUBLIC_POLICY
): UsageModel {
	const funnels = [...view.products, ...(view.pooled ? [view.pooled] : [])];
	const prices = new Map(Object.entries(state.prices));
	const disclosed = discloseUsage(funnels, catalog.origin, { prices, policy });
	return usageModel(view, disclosed, units, catalog, state, spreads);
}

/** The training model of a view, or null when the data has no survey. */
export async function computeTraining(
	db: Database,
	catalog: DataCatalog,
	state: ViewState
): Promise<{ bundle: SurveyBundle; model: TrainingModel } | null> {
	const bundle = await surveyBundle(db, state, catalog);
	return bundle ? { bundle, model: trainingModel(catalog, bundle, state) } : null;
}

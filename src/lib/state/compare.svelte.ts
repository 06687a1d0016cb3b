import { povertyScheme } from '../poverty/schemes.ts';
import { effectiveWave } from '../view/catalog.ts';
import { compareData, peerSettings } from '../view/compare-data.ts';
import { compareModel, type CompareRow } from '../view/compare-model.ts';
import { districtDirectorySql, type DistrictEntry } from '../view/district-search.ts';
import { selectedProducts } from '../view/groups.ts';
import { outcomeData, type OutcomeKind } from '../view/outcome-data.ts';
import { outcomeModel, type OutcomeModel } from '../view/outcome-model.ts';
import { usageScheme } from '../view/view-state.ts';
import { POOLED } from '../view/view-tables.ts';
import { AsyncValue } from './async-value.svelte.ts';
import type { Dashboard } from './dashboard.svelte.ts';

/** What the compare page shows: the picked districts against their peers, and the plot. */
export interface CompareView {
	readonly rows: readonly CompareRow[];
	readonly outcome: OutcomeModel | null;
}

/**
 * The compare page's state on top of the dashboard (which holds the picked districts and peer
 * criteria in the URL): the reader's outcome choice, the district directory for the picker, and the compare and poverty-vs-outcome
 * results. Usage figures are read from the cells the dashboard's usage view built, so they are
 * requested only once that view is ready (and again whenever it changes).
 */
export class CompareState {
	outcomeKind = $state<OutcomeKind>('dosage');
	readonly directory = new AsyncValue<readonly DistrictEntry[]>();
	readonly result = new AsyncValue<CompareView>();
	readonly #dashboard: Dashboard;

	constructor(dashboard: Dashboard) {
		this.#dashboard = dashboard;
	}

	/** The live view, or null before the browser has computed it. */
	get current(): CompareView | null {
		return this.#dashboard.session.status === 'ready' ? this.result.current : null;
	}

	/** Requests what the current view needs; call inside an effect. */
	track(): void {
		const dashboard = this.#dashboard;
		const catalog = dashboard.catalog;
		if (dashboard.session.status !== 'ready' || !catalog) return;
		const { db } = dashboard.session.session;
		const districtYear = catalog.districtYear;
		if (districtYear === null) {
			// No district table: nothing to search, compare or place; the page says so.
			this.directory.request(catalog.dataVersion, async () => []);
			this.result.request(catalog.dataVersion, async () => ({ rows: [], outcome: null }));
			return;
		}
		this.directory.request(JSON.stringify([catalog.dataVersion, districtYear]), () =>
			db.query<DistrictEntry>(districtDirectorySql(districtYear))
		);
		// Usage rates are read from the cells the usage view built: wait for it (or its error).
		const usage = dashboard.usage.state;
		if (catalog.years.length > 0 && usage.status !== 'ready' && usage.status !== 'error') return;
		const state = dashboard.view;
		const units = usage.status === 'ready' ? usage.value.units : null;
		const products = units ? selectedProducts(units.products, state) : [];
		const product = products.length > 1 ? POOLED : (products[0]?.id ?? null);
		const wave = effectiveWave(state, catalog);
		const survey = wave === null ? null : { id: catalog.surveyId, wave };
		const measure = povertyScheme(usageScheme(state.scheme)).measure ?? 'saipe';
		const peer = peerSettings(state.peers);
		const kind = this.outcomeKind;
		const key = JSON.stringify([
			catalog.dataVersion,
			state.districts,
			peer,
			kind,
			measure,
			survey,
			usage.status === 'ready' ? usage.value.state : usage.status
		]);
		const origin = catalog.origin;
		const leaids = state.districts;
		this.result.request(key, async (progress) => {
			progress('Finding each district’s peers…');
			const data = await compareData(db, { leaids, districtYear, measure, peer, product, survey });
			progress('Fitting the expected line…');
			const outcome = await outcomeData(db, {
				kind,
				state,
				districtYear,
				measure,
				product,
				survey
			});
			return { rows: compareModel(data, origin), outcome: outcomeModel(outcome, leaids, origin) };
		});
	}
}

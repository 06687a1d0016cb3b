import type { Database } from '../db/database.ts';
import type { SqlQuery } from '../db/sql.ts';
import type { DataOrigin } from '../disclosure/view.ts';
import { recordQueries } from '../db/recorder.ts';
import type { PovertyMeasure } from '../poverty/schemes.ts';
import { povertyScheme } from '../poverty/schemes.ts';
import { effectiveWave } from '../view/catalog.ts';
import { compareData, peerSettings, type PeerSettings } from '../view/compare-data.ts';
import { compareModel, type CompareRow } from '../view/compare-model.ts';
import { districtDirectorySql, type DistrictEntry } from '../view/district-search.ts';
import { selectedProducts } from '../view/groups.ts';
import { outcomeData, type OutcomeKind } from '../view/outcome-data.ts';
import { outcomeModel, type OutcomeModel } from '../view/outcome-model.ts';
import { usageScheme, type ViewState } from '../view/view-state.ts';
import { POOLED } from '../view/view-tables.ts';
import { AsyncValue } from './async-value.svelte.ts';
import type { Dashboard } from './dashboard.svelte.ts';

/** What the compare page shows: the picked districts against their peers, and the plot. */
export interface CompareView {
	readonly rows: readonly CompareRow[];
	readonly outcome: OutcomeModel | null;
}

/** Everything one compare result is computed from; `key` identifies it. */
interface CompareInputs {
	readonly key: string;
	readonly db: Database;
	readonly origin: DataOrigin;
	readonly state: ViewState;
	/** Null when the data has no district file (nothing to compare or place). */
	readonly districtYear: number | null;
	readonly measure: PovertyMeasure;
	readonly peer: PeerSettings;
	readonly kind: OutcomeKind;
	readonly product: string | null;
	readonly survey: { readonly id: string; readonly wave: string } | null;
}

/** A result with the SQL run to compute it, in order (for a download's provenance). */
type Computed = CompareView & { readonly key: string; readonly sql: readonly SqlQuery[] };

async function compute(i: CompareInputs, progress: (text: string) => void): Promise<Computed> {
	const { state, districtYear, measure, peer, product, survey } = i;
	const { db, queries: sql } = recordQueries(i.db);
	if (districtYear === null) return { key: i.key, rows: [], outcome: null, sql };
	const leaids = state.districts;
	progress('Finding each district’s peers…');
	const data = await compareData(db, { leaids, districtYear, measure, peer, product, survey });
	progress('Fitting the expected line…');
	const outcome = await outcomeData(db, {
		kind: i.kind,
		state,
		districtYear,
		measure,
		product,
		survey
	});
	return {
		key: i.key,
		sql,
		rows: compareModel(data, i.origin),
		outcome: outcomeModel(outcome, leaids, i.origin)
	};
}

/**
 * The compare page's state on top of the dashboard (which holds the picked districts and peer
 * criteria in the URL): the reader's outcome choice, the district directory for the picker, and
 * the compare and poverty-vs-outcome results. Usage rates are read from the cells the
 * dashboard's usage view built, so a result is asked for only once that view is ready (or has
 * failed); `upToDate` says whether the result shown is the one the current view asks for.
 */
export class CompareState {
	outcomeKind = $state<OutcomeKind>('dosage');
	readonly directory = new AsyncValue<readonly DistrictEntry[]>();
	readonly result = new AsyncValue<Computed>();
	readonly #dashboard: Dashboard;

	constructor(dashboard: Dashboard) {
		this.#dashboard = dashboard;
	}

	/** The inputs of the result the current view needs; null while they are not known yet. */
	readonly inputs: CompareInputs | null = $derived.by(() => {
		const dashboard = this.#dashboard;
		const catalog = dashboard.catalog;
		if (dashboard.session.status !== 'ready' || !catalog) return null;
		const usage = dashboard.usage.state;
		const usageSettled = usage.status === 'ready' || usage.status === 'error';
		if (catalog.years.length > 0 && !usageSettled) return null;
		const state = dashboard.view;
		const units = usage.status === 'ready' ? usage.value.units : null;
		const products = units ? selectedProducts(units.products, state) : [];
		const wave = effectiveWave(state, catalog);
		const inputs = {
			districtYear: catalog.districtYear,
			measure: povertyScheme(usageScheme(state.scheme)).measure ?? 'saipe',
			peer: peerSettings(state),
			kind: this.outcomeKind,
			product: products.length > 1 ? POOLED : (products[0]?.id ?? null),
			survey: wave === null ? null : { id: catalog.surveyId, wave }
		};
		const usageKey = usage.status === 'ready' ? usage.value.state : usage.status;
		return {
			...inputs,
			key: JSON.stringify([catalog.dataVersion, state.districts, inputs, usageKey]),
			db: dashboard.session.session.db,
			origin: catalog.origin,
			state
		};
	});

	/** The live view, or null before the browser has computed it. */
	get current(): CompareView | null {
		return this.#dashboard.session.status === 'ready' ? this.result.current : null;
	}

	/** The SQL run to compute the live view, or null before the browser has computed it. */
	get sql(): readonly SqlQuery[] | null {
		return this.#dashboard.session.status === 'ready' ? (this.result.current?.sql ?? null) : null;
	}

	/** Whether the live view shown is the one the current view asks for. */
	get upToDate(): boolean {
		return this.inputs !== null && this.result.current?.key === this.inputs.key;
	}

	/** Requests what the current view needs; call inside an effect. */
	track(): void {
		const inputs = this.inputs;
		if (!inputs) return;
		const { db, districtYear } = inputs;
		this.directory.request(
			JSON.stringify([this.#dashboard.catalog?.dataVersion, districtYear]),
			() =>
				districtYear === null
					? Promise.resolve([])
					: db.query<DistrictEntry>(districtDirectorySql(districtYear))
		);
		this.result.request(inputs.key, (progress) => compute(inputs, progress));
	}
}

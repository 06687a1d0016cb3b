import type { Database } from '../db/database.ts';
import { disclosurePolicy } from '../disclosure/disclose-view.ts';
import { DEFAULT_PROFILE, disclosureProfile } from '../disclosure/profiles.ts';
import type { DisclosurePolicy } from '../disclosure/view.ts';
import type { ReadFile } from '../ingest/canonical.ts';
import {
	reconcileWithCatalog,
	effectiveWave,
	effectiveYear,
	type DataCatalog
} from '../view/catalog.ts';
import { usageModelOf } from '../view/compute.ts';
import { districtSpreads, type DistrictSpread } from '../view/district-rates.ts';
import { selectedProducts } from '../view/groups.ts';
import { surveyBundle, surveyGrouping, type SurveyBundle } from '../view/survey-view.ts';
import { trainingModel } from '../view/training-model.ts';
import type { Notice } from '../view/url-codec.ts';
import { usageView, type UsageView } from '../view/usage-view.ts';
import { usageScheme, type ViewState } from '../view/view-state.ts';
import { buildViewUnits, type ViewUnits } from '../view/view-units.ts';
import type { BootstrapOptions } from '../metrics/usage/representation-bootstrap.ts';
import {
	publishedInterval,
	representationInterval,
	type PublishedInterval,
	type RepresentationInterval
} from '../view/representation-interval.ts';
import { AsyncValue } from './async-value.svelte.ts';
import type { DataSession } from './data-session.ts';
import { ViewUrl } from './view-url.svelte.ts';
import type { InputHash } from '../export/datapackage.ts';

/** The two kinds of data the dashboard shows. */
export type DataKind = 'survey' | 'usage';

type SessionState =
	| { readonly status: 'loading' }
	| { readonly status: 'ready'; readonly session: DataSession }
	| { readonly status: 'error'; readonly message: string };

interface UsageResult {
	readonly view: UsageView;
	readonly units: ViewUnits;
	readonly state: ViewState;
	/** The policy the view's blocks of small districts were chosen for. */
	readonly policy: DisclosurePolicy;
}

interface SurveyResult {
	readonly bundle: SurveyBundle;
	readonly state: ViewState;
}

/**
 * The dashboard's shared state: the data session, the view read from the URL (checked against
 * the data), and the survey and usage results for that view. Results are computed when their
 * inputs change (`track`), each with a stale-request guard; models are derived synchronously
 * from them, so a price edit or a result arriving updates every chart at once.
 */
export class Dashboard {
	readonly url = new ViewUrl();
	session = $state.raw<SessionState>({ status: 'loading' });
	readonly survey = new AsyncValue<SurveyResult>();
	readonly usage = new AsyncValue<UsageResult>();
	/** Each product's district rates; only the usage view asks for them (`trackSpreads`). */
	readonly spreads = new AsyncValue<readonly DistrictSpread[]>();

	readonly catalog: DataCatalog | null = $derived(
		this.session.status === 'ready' ? this.session.session.catalog : null
	);
	readonly #checked = $derived(
		this.catalog
			? reconcileWithCatalog(this.url.decoded.state, this.catalog)
			: { state: this.url.decoded.state, notices: [] as Notice[] }
	);
	/** The view every page shows. */
	readonly view: ViewState = $derived(this.#checked.state);
	/** What in the link was not used, and why. */
	readonly notices: readonly Notice[] = $derived([
		...this.url.decoded.notices,
		...this.#checked.notices
	]);
	/** The data version of a shared link made with other data, else null. */
	readonly otherDataVersion: string | null = $derived(
		this.catalog &&
			this.url.decoded.dataVersion &&
			this.url.decoded.dataVersion !== this.catalog.dataVersion
			? this.url.decoded.dataVersion
			: null
	);

	/** Which kind of data the loaded files lack: the parts that need it have nothing to show. */
	readonly lacks: Readonly<Record<DataKind, boolean>> = $derived({
		survey: this.catalog !== null && this.catalog.waves.length === 0,
		usage: this.catalog !== null && this.catalog.years.length === 0
	});

	/**
	 * The reader's request for research mode: off by default and for every new data, never in
	 * the URL (a shared link opens in public mode); honoured for the user's own data only.
	 */
	researchRequested = $state(false);
	/**
	 * The disclosure profile the reader chose for their own data (a `DISCLOSURE_PROFILES` id):
	 * the default for every new data, never in the URL, ignored for the demo data.
	 */
	profileId = $state(DEFAULT_PROFILE.id);
	/** The disclosure policy every figure is published with. */
	readonly policy: DisclosurePolicy = $derived(
		disclosurePolicy(
			this.catalog?.origin ?? 'demo',
			this.researchRequested,
			disclosureProfile(this.profileId)
		)
	);

	readonly trainingModel = $derived.by(() => {
		const result = this.survey.current;
		if (!result || !this.catalog) return null;
		return trainingModel(
			this.catalog,
			result.bundle,
			{ ...this.view, scheme: result.state.scheme },
			this.policy
		);
	});
	readonly usageModel = $derived.by(() => {
		const result = this.usage.current;
		if (!result || !this.catalog) return null;
		const state = { ...result.state, prices: this.view.prices };
		const spreads = this.spreads.current ?? [];
		return usageModelOf(result.view, result.units, this.catalog, state, spreads, result.policy);
	});

	/** Representation-index bootstraps computed on request, each for the usage result it used. */
	#intervals = $state.raw<readonly { for: UsageResult; interval: RepresentationInterval }[]>([]);

	/** The bootstraps of the usage result shown, as published (none for a withheld index). */
	readonly representationIntervals: readonly PublishedInterval[] = $derived.by(() => {
		const current = this.usage.current;
		const model = this.usageModel;
		if (!current || !model) return [];
		return this.#intervals.flatMap(({ for: result, interval }) => {
			const product = model.products.find((p) => p.id === interval.product_id);
			if (result !== current || !product) return [];
			return [publishedInterval(interval, product.representation)];
		});
	});

	/**
	 * Runs the cluster bootstrap of a product's representation index on the view shown (slow:
	 * on request only; seeded, domain-spec §5.4). False when the view changed meanwhile.
	 */
	async computeRepresentationInterval(
		productId: string,
		options: BootstrapOptions
	): Promise<boolean> {
		const result = this.usage.current;
		if (this.session.status !== 'ready' || !result) return false;
		const { db } = this.session.session;
		const interval = await this.#serial(async () =>
			(await this.#units?.built) === result.units
				? representationInterval(db, result.state, productId, options)
				: null
		);
		if (!interval) return false;
		const others = this.#intervals.filter(
			(x) => x.for === result && x.interval.product_id !== productId
		);
		this.#intervals = [...others, { for: result, interval }];
		return true;
	}

	#units: { key: string; built: Promise<ViewUnits> } | null = null;
	#queue: Promise<unknown> = Promise.resolve();

	#readFile: ReadFile | null = null;

	/** Opens the data (DuckDB-WASM is imported here, on the client only). */
	async start(readFile: ReadFile): Promise<void> {
		this.url.hydrate();
		this.#readFile = readFile;
		try {
			const { openDemoSession } = await import('./data-session.ts');
			this.session = { status: 'ready', session: await openDemoSession(readFile) };
		} catch (error) {
			this.session = {
				status: 'error',
				message: error instanceof Error ? error.message : String(error)
			};
		}
	}

	/**
	 * Stops computing before the engine's tables are replaced: the results are dropped, requests
	 * under way are ignored, and the usage work already queued is waited for.
	 */
	async releaseEngine(): Promise<void> {
		this.session = { status: 'loading' };
		for (const value of [this.survey, this.usage, this.spreads]) value.reset();
		this.#units = null;
		this.#intervals = [];
		await this.#queue;
	}

	/** Whether the user's own data is shown (then no prerendered demo figure stands in for it). */
	showsUserData = $state(false);

	/** Shows the user's tables, loaded on the "Your data" page, instead of the demo data. */
	async showUserData(
		db: Database,
		dataVersion: string,
		inputs: readonly InputHash[]
	): Promise<void> {
		const { openUserSession } = await import('../workspace/user-session.ts');
		this.showsUserData = true;
		this.researchRequested = false;
		this.profileId = DEFAULT_PROFILE.id;
		await this.releaseEngine();
		this.session = { status: 'ready', session: await openUserSession(db, dataVersion, inputs) };
	}

	/** Goes back to the demo data (it replaces the user's tables in the engine). */
	async showDemoData(): Promise<void> {
		this.showsUserData = false;
		this.researchRequested = false;
		this.profileId = DEFAULT_PROFILE.id;
		await this.releaseEngine();
		if (this.#readFile) await this.start(this.#readFile);
	}

	/** Requests the results the current view needs; call inside an effect. */
	track(): void {
		if (this.session.status !== 'ready' || !this.catalog) return;
		const { session } = this.session;
		const state = this.view;
		const catalog = this.catalog;
		if (effectiveWave(state, catalog) !== null) {
			this.survey.request(surveyKey(state, catalog), async () => ({
				bundle: (await surveyBundle(session.db, state, catalog))!,
				state
			}));
		}
		const year = effectiveYear(state, catalog);
		if (year === null) return;
		const unitsKey = this.#unitsKey(year, state);
		const policy = this.policy;
		this.usage.request(usageKey(unitsKey, state, policy), (progress) =>
			this.#serial(async () => {
				const units = await this.#ensureUnits(session, unitsKey, year, state, progress);
				progress('Updating the figures…');
				return { view: await usageView(session.db, units, state, policy), units, state, policy };
			})
		);
	}

	/** Requests the district spreads of the current view (the usage view only); call in an effect. */
	trackSpreads(): void {
		if (this.session.status !== 'ready' || !this.catalog) return;
		const { session } = this.session;
		const state = this.view;
		const catalog = this.catalog;
		const year = effectiveYear(state, catalog);
		if (year === null) return;
		const unitsKey = this.#unitsKey(year, state);
		const policy = this.policy;
		this.spreads.request(usageKey(unitsKey, state, policy), (progress) =>
			this.#serial(async () => {
				const units = await this.#ensureUnits(session, unitsKey, year, state, progress);
				const products = selectedProducts(units.products, state).map((p) => p.id);
				return districtSpreads(session.db, state, products, catalog.origin, policy);
			})
		);
	}

	#unitsKey(year: number, state: ViewState): string {
		const rules = state.source === 'logs' ? state.rules : {};
		return JSON.stringify([this.catalog?.dataVersion, year, state.source, rules]);
	}

	/** Changes the view by writing it into the URL. */
	update(patch: Partial<ViewState>): Promise<void> {
		return this.url.write({ ...this.view, ...patch }, this.catalog?.dataVersion ?? null);
	}

	/** Runs usage work one task at a time (the units tables are rebuilt in place). */
	#serial<T>(task: () => Promise<T>): Promise<T> {
		const run = this.#queue.then(task, task);
		this.#queue = run.catch(() => undefined);
		return run;
	}

	async #ensureUnits(
		session: DataSession,
		key: string,
		schoolYear: number,
		state: ViewState,
		progress: (text: string) => void
	): Promise<ViewUnits> {
		if (this.#units?.key === key) return this.#units.built;
		const build = async () => {
			if (state.source === 'logs') {
				progress('Loading the student-week logs…');
				await session.ensureLogs();
				progress('Evaluating each student against the dosage rules…');
			} else {
				progress('Preparing the usage tables…');
			}
			return buildViewUnits(session.db, { schoolYear, source: state.source, rules: state.rules });
		};
		const built = build();
		this.#units = { key, built };
		built.catch(() => (this.#units = null));
		return built;
	}
}

function surveyKey(state: ViewState, catalog: DataCatalog): string {
	return JSON.stringify([
		catalog.dataVersion,
		state.wave ?? catalog.waves.at(-1),
		state.scheme,
		state.weighting,
		surveyGrouping(state),
		state.groupBy
	]);
}

function usageKey(unitsKey: string, state: ViewState, policy: DisclosurePolicy): string {
	return JSON.stringify([
		unitsKey,
		policy.mode,
		policy.profile.id,
		state.states,
		state.locales,
		state.sizes,
		usageScheme(state.scheme),
		state.levels,
		state.products,
		state.groupBy
	]);
}

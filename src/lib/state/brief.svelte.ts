import { computeBrief, type Brief } from '../brief/compute-brief.ts';
import { districtListSql, type DistrictRow } from '../brief/brief-sql.ts';
import type { SqlQuery } from '../db/sql.ts';
import { recordQueries } from '../db/recorder.ts';
import { AsyncValue } from './async-value.svelte.ts';
import type { Dashboard } from './dashboard.svelte.ts';
import { peerSettings } from '../view/compare-data.ts';
import { usageScheme } from '../view/view-state.ts';

/** A brief with the SQL run to compute it, in order (for its download's provenance). */
export type RecordedBrief = Brief & { readonly sql?: readonly SqlQuery[] };

/** The parts of a view the usage units and pooled cells depend on. */
const unitsOf = (s: Dashboard['view']) => JSON.stringify([s.year, s.source, s.rules, s.products]);

/**
 * The board brief's state: the brief of the view's first picked district and the districts to
 * pick from. Both are computed from the dashboard's usage tables once its usage result is for
 * the current view's year, source, rules and products (so the brief never reads tables being
 * rebuilt for another view), each with the stale-request guard of `AsyncValue`.
 */
export class BriefState {
	readonly brief = new AsyncValue<RecordedBrief>();
	readonly districts = new AsyncValue<readonly DistrictRow[]>();
	readonly #dashboard: Dashboard;

	constructor(dashboard: Dashboard) {
		this.#dashboard = dashboard;
	}

	/** Requests what the current view needs; call inside an effect. */
	track(): void {
		const d = this.#dashboard;
		const usage = d.usage.current;
		if (d.session.status !== 'ready' || !d.catalog || !usage || d.usage.busy) return;
		if (unitsOf(usage.state) !== unitsOf(d.view)) return;
		const { db } = d.session.session;
		const [catalog, state, units] = [d.catalog, d.view, usage.units];
		const year = units.schoolYear;
		this.districts.request(JSON.stringify([catalog.dataVersion, year]), () =>
			db.query<DistrictRow>(districtListSql(year))
		);
		const key = JSON.stringify([
			catalog.dataVersion,
			unitsOf(state),
			state.districts[0] ?? null,
			state.prices,
			usageScheme(state.scheme),
			peerSettings(state)
		]);
		this.brief.request(key, async () => {
			const recorded = recordQueries(db);
			const brief = await computeBrief(recorded.db, units, catalog, state);
			return { ...brief, sql: recorded.queries };
		});
	}
}

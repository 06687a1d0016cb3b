import type { ExportProvenance } from '../lib/export/datapackage.ts';
import { citeView } from '../lib/export/cite.ts';
import type { ComputedFigures } from './figures.ts';
import type { FilterOptions } from './options.ts';

/** The provenance of a command-line run; its citation names the command that reproduces it. */
export function cliProvenance(
	computed: ComputedFigures,
	options: FilterOptions,
	command: string,
	now: Date
): ExportProvenance {
	const view = 'Adoption Gap figures';
	return {
		view,
		url: null,
		filters: {
			states: computed.filter.states,
			locale_groups: computed.filter.localeGroups,
			products: computed.filter.products,
			poverty_levels: options.povertyLevel,
			school_year_start: computed.year,
			wave: options.wave ?? null
		},
		filterNote: computed.summary.note,
		sql: computed.sql,
		inputs: computed.inputs,
		dataVersion: computed.dataVersion,
		origin: 'user_loaded',
		mode: computed.policy.mode,
		profile: computed.policy.profile,
		exportedAt: now,
		cite: citeView({
			title: view,
			url: command,
			dataVersion: computed.dataVersion,
			accessed: now.toISOString().slice(0, 10)
		})
	};
}

import { provenanceFields } from '../lib/export/datapackage.ts';
import { figureTable } from '../lib/export/table.ts';
import { FIGURE_COLUMNS } from '../lib/report/figure-row.ts';
import { APP_VERSION } from '../lib/version.ts';
import { withFigures } from './figures.ts';
import type { MetricsOptions } from './options.ts';
import { emit, render } from './output.ts';
import { cliProvenance } from './provenance.ts';

/**
 * `adoption-gap metrics`: the figures of the given files (same code, engine, suppression and
 * mode as the site) with method, n and interval, and in JSON their provenance: input hashes,
 * filters, SQL, interval methods, suppression rule and hidden cells, version and citation.
 */
export async function runMetrics(
	options: MetricsOptions,
	stdout: (text: string) => void,
	command = 'adoption-gap metrics'
) {
	await withFigures(options, async (computed) => {
		const provenance = cliProvenance(computed, options, command, new Date());
		const report = {
			generator: `adoption-gap ${APP_VERSION}`,
			mode: options.mode,
			disclosure_profile: computed.policy.profile.id,
			inputs: computed.inputs.map((i) => ({ file: i.name, table: i.table, sha256: i.sha256 })),
			filters: {
				...computed.filter,
				poverty_levels: options.povertyLevel,
				school_year_start: computed.year,
				wave: options.wave ?? null
			},
			filter_note: computed.summary.note,
			metrics: computed.metrics,
			provenance: provenanceFields(provenance, [figureTable(computed.rows, provenance.view)]),
			figures: { columns: FIGURE_COLUMNS, rows: computed.rows }
		};
		await emit(render(report, options.format), options.out, stdout);
	});
}

import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { exportFiles, zipFiles } from '../lib/export/bundle.ts';
import { exportFileName } from '../lib/export/file-name.ts';
import { loadParquetNode } from '../lib/export/parquet-node.ts';
import { logUnitsOf, reproduceFiles } from '../lib/export/reproduce-files.ts';
import type { ReproduceSpec } from '../lib/export/sql-script.ts';
import { districtTable, figureTable, type ExportTable } from '../lib/export/table.ts';
import type { FigureRow } from '../lib/report/figure-row.ts';
import { districtSpreads } from '../lib/view/district-rates.ts';
import type { ViewSlice } from '../lib/view/funnel-stats-sql.ts';
import { buildViewUnits, type ViewUnits } from '../lib/view/view-units.ts';
import { POOLED } from '../lib/view/view-tables.ts';
import type { ComputedFigures } from './figures.ts';
import { withFigures } from './figures.ts';
import type { ExportOptions } from './options.ts';
import { cliProvenance } from './provenance.ts';

/** The grouping and district filters of the command line's usage figures (by SAIPE quartile). */
function cliView(computed: ComputedFigures): ViewSlice {
	return {
		groupBy: 'poverty',
		scheme: 'saipe-quartiles',
		states: computed.filter.states,
		locales: computed.filter.localeGroups,
		sizes: [],
		levels: computed.levels
	};
}

/**
 * What the figures cover, for the reproduction script: survey waves, and the usage year and
 * products with the units of those evaluated from logs (`units` built for the figures' year).
 */
function reproduceSpec(
	rows: readonly FigureRow[],
	units: ViewUnits | null,
	view: ViewSlice
): ReproduceSpec {
	const surveys = new Map(
		rows
			.filter((r) => r.dataset !== 'usage')
			.map((r) => [
				`${r.dataset}\n${r.period}`,
				{
					surveyId: r.dataset,
					wave: r.period,
					weighting: 'district' as const,
					scheme: 'survey' as const,
					groupBy: 'poverty' as const
				}
			])
	);
	const products = usageProducts(rows);
	return {
		surveys: [...surveys.values()],
		usage: units
			? {
					schoolYear: units.schoolYear,
					products,
					pooled: rows.some((r) => r.product_id === POOLED),
					view,
					fromLogs: logUnitsOf(units, products)
				}
			: null
	};
}

function usageProducts(rows: readonly FigureRow[]): string[] {
	const usage = rows.filter((r) => r.dataset === 'usage' && r.product_id !== POOLED);
	return [...new Set(usage.map((r) => r.product_id))];
}

/**
 * The dashboard's units table for the usage figures' year and source (logs when loaded, with the
 * default rules, as `metrics` evaluates them), or null without usage figures.
 */
async function usageUnits(computed: ComputedFigures): Promise<ViewUnits | null> {
	if (computed.year === null || !usageProducts(computed.rows).length) return null;
	const fromLogs = computed.inputs.some((i) => i.table === 'usage_student_week');
	return buildViewUnits(computed.db, {
		schoolYear: computed.year,
		source: fromLogs ? 'logs' : 'aggregate',
		rules: {}
	});
}

/**
 * The district-level table of the usage figures, as the dashboard's download has it: each
 * district's dosage rate per product (`districtSpreads` on the dashboard's cells table, built
 * from the same source as the figures), disclosed in the run's mode, cut by the district filters.
 */
async function districtRates(computed: ComputedFigures): Promise<ExportTable[]> {
	const products = usageProducts(computed.rows);
	const view = cliView(computed);
	return [
		districtTable(
			await districtSpreads(computed.db, view, products, 'user_loaded', computed.policy)
		)
	];
}

/**
 * `adoption-gap export`: the figures `metrics` computes, in one of the site's export formats,
 * with the district-level table and the same `datapackage.json` sidecar, as a zip bundle or into a folder. Returns the
 * paths written.
 */
export async function runExport(
	options: ExportOptions,
	command: string,
	now = new Date()
): Promise<string[]> {
	return withFigures(options, async (computed) => {
		const provenance = cliProvenance(computed, options, command, now);
		const table = figureTable(computed.rows, provenance.view);
		const filters = [
			{ name: 'state', values: computed.filter.states },
			{ name: 'locale', values: computed.filter.localeGroups },
			{ name: 'product', values: computed.filter.products },
			{ name: 'poverty', values: options.povertyLevel },
			{ name: 'year', values: computed.year === null ? [] : [computed.year] },
			{ name: 'wave', values: options.wave ? [options.wave] : [] }
		];
		const name = exportFileName('figures', filters, now, 'zip');
		const units = await usageUnits(computed);
		const extras = await reproduceFiles(
			computed.db,
			reproduceSpec(computed.rows, units, cliView(computed))
		);
		const districts = units ? await districtRates(computed) : [];
		const files = await exportFiles(
			[table, ...districts],
			options.format,
			provenance,
			{ parquet: loadParquetNode },
			{ name: name.replace(/\.zip$/, '').toLowerCase(), extras }
		);
		const out = options.out ?? name;
		if (out.endsWith('.zip')) {
			await writeFile(out, zipFiles(files));
			return [out];
		}
		await mkdir(out, { recursive: true });
		for (const file of files) await writeFile(join(out, file.name), file.bytes);
		return files.map((f) => join(out, f.name));
	});
}

import type { Database } from '../db/database.ts';
import type { ViewUnits } from '../view/view-units.ts';
import type { ExportFile } from './bundle.ts';
import { canonicalCsv } from './canonical-csv.ts';
import {
	REPRODUCE_TABLES,
	reproduceScript,
	type LogUnits,
	type ReproduceSpec
} from './sql-script.ts';
import { USAGE_UNITS, usageUnitsCsv } from './usage-units.ts';

/** The products of `products` whose units `units` evaluated from logs, with rule and window. */
export function logUnitsOf(units: ViewUnits, products: readonly string[]): LogUnits[] {
	const window = units.window;
	if (!window) return [];
	return units.products
		.filter((p) => p.grain === 'student_week' && products.includes(p.id))
		.map((p) => ({ product: p.id, rule: p.rule.rule, window }));
}

/**
 * The files that reproduce a spec's figures: the canonical CSVs as loaded, `usage_units.csv`
 * (the units the dashboard's view was computed from, for products evaluated from logs) and
 * `reproduce.sql`. Call while the view's units table is current.
 */
export function reproduceFiles(db: Database, spec: ReproduceSpec): Promise<ExportFile[]> {
	return scriptFiles(db, spec.usage?.fromLogs ?? [], reproduceScript(spec));
}

/**
 * A script's files: the canonical CSVs as loaded, `usage_units.csv` for the products in
 * `fromLogs` (from the units table, which must be the one the figures were computed from) and
 * the script as `reproduce.sql`.
 */
export async function scriptFiles(
	db: Database,
	fromLogs: readonly LogUnits[],
	script: string
): Promise<ExportFile[]> {
	const encoder = new TextEncoder();
	const files: ExportFile[] = [];
	for (const table of REPRODUCE_TABLES) {
		const csv = await canonicalCsv(db, table);
		files.push({ name: `${table.name}.csv`, bytes: encoder.encode(csv), table });
	}
	if (fromLogs.length) {
		const csv = await usageUnitsCsv(
			db,
			fromLogs.map((l) => l.product)
		);
		files.push({ name: `${USAGE_UNITS.name}.csv`, bytes: encoder.encode(csv), table: USAGE_UNITS });
	}
	files.push({ name: 'reproduce.sql', bytes: encoder.encode(script) });
	return files;
}

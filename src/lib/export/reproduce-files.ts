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
export async function reproduceFiles(db: Database, spec: ReproduceSpec): Promise<ExportFile[]> {
	const encoder = new TextEncoder();
	const files: ExportFile[] = [];
	for (const table of REPRODUCE_TABLES) {
		const csv = await canonicalCsv(db, table);
		files.push({ name: `${table.name}.csv`, bytes: encoder.encode(csv), table });
	}
	const logged = spec.usage?.fromLogs.map((l) => l.product) ?? [];
	if (logged.length) {
		const csv = await usageUnitsCsv(db, logged);
		files.push({ name: `${USAGE_UNITS.name}.csv`, bytes: encoder.encode(csv), table: USAGE_UNITS });
	}
	files.push({ name: 'reproduce.sql', bytes: encoder.encode(reproduceScript(spec)) });
	return files;
}

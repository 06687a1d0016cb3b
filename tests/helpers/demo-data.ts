import { generateDemoData, type DemoData } from '#lib/demo/generate.ts';
import type { TableName } from '#lib/schema/tables.ts';

let demo: Promise<DemoData> | undefined;

/**
 * The demo dataset's CSV text for one table, generated in memory with the published seed (the
 * same bytes `npm run data:demo` writes to static/data), so tests need no prior build.
 */
export async function demoCsv(table: TableName): Promise<string> {
	demo ??= generateDemoData();
	const file = (await demo).files.find((f) => f.table === table);
	if (!file) throw new Error(`the demo data has no file for ${table}`);
	return file.text;
}

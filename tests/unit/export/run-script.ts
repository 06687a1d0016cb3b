import { strFromU8 } from 'fflate';
import { createNodeDatabase } from '#lib/db/node.ts';

/**
 * Runs a bundle's `reproduce.sql` on a fresh DuckDB-WASM engine holding only the bundle's CSVs
 * (each registered under its own name), and returns the rows of its last statement.
 */
export async function runScript(
	files: Record<string, Uint8Array>
): Promise<Record<string, string | number | null>[]> {
	const fresh = await createNodeDatabase();
	try {
		let script = strFromU8(files['reproduce.sql']!);
		for (const name of Object.keys(files).filter((f) => f.endsWith('.csv'))) {
			const path = await fresh.registerFile(`bundle/${name}`, files[name]!);
			script = script.replaceAll(`'${name}'`, `'${path}'`);
		}
		return await fresh.query<Record<string, string | number | null>>(script);
	} finally {
		await fresh.close();
	}
}

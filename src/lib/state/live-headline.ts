import { startBrowserDatabase } from '../db/browser.ts';
import { loadCanonicalFiles, type ReadFile } from '../ingest/canonical.ts';
import { DEMO_VIEW, HEADLINE_TABLES, readDemoFiles } from '../ingest/demo.ts';
import { computeHeadline, type HeadlineFigures } from '../metrics/headline.ts';

/**
 * Recomputes the first page's figures in the browser: starts DuckDB-WASM while the demo files
 * download, loads them, and runs the same metric code the build ran in Node.
 */
export async function computeLiveHeadline(
	readFile: ReadFile
): Promise<{ headline: HeadlineFigures; dataVersion: string }> {
	const [db, demo] = await Promise.all([
		startBrowserDatabase(),
		readDemoFiles(readFile, HEADLINE_TABLES)
	]);
	await loadCanonicalFiles(db, demo.files);
	return {
		headline: await computeHeadline(db, DEMO_VIEW),
		dataVersion: demo.manifest.data_version
	};
}

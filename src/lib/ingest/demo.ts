import type { CanonicalFile, ReadFile } from './canonical.ts';
import type { TableName } from '../schema/tables.ts';

/** `static/data/manifest.json`, written by `npm run data:demo`. */
export interface DemoManifest {
	readonly generator: string;
	readonly version: string;
	readonly seed: number;
	readonly data_version: string;
	readonly files: readonly { name: string; table: TableName; rows: number; sha256: string }[];
}

/**
 * Reads the demo manifest and the files it lists for the given tables (all by default),
 * concurrently: the first page needs neither the student-week logs nor the roster.
 */
export async function readDemoFiles(
	readFile: ReadFile,
	tables?: readonly TableName[]
): Promise<{ manifest: DemoManifest; files: CanonicalFile[] }> {
	const manifest = JSON.parse(
		new TextDecoder().decode(await readFile('manifest.json'))
	) as DemoManifest;
	const wanted = manifest.files.filter((f) => !tables || tables.includes(f.table));
	const files = await Promise.all(
		wanted.map(async (f) => ({ name: f.name, table: f.table, bytes: await readFile(f.name) }))
	);
	return { manifest, files };
}

/** The tables the first page reads. */
export const HEADLINE_TABLES: readonly TableName[] = [
	'districts',
	'survey_responses',
	'usage_aggregate',
	'products',
	'published_estimates'
];

/** What the demo's first view shows: the national survey's latest wave and the usage year. */
export const DEMO_VIEW = { surveyId: 'demo-asdp', wave: 'fall 2024', schoolYear: 2024 } as const;

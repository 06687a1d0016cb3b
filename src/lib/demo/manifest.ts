import type { DemoManifest } from '../ingest/demo.ts';
import type { TableName } from '../schema/tables.ts';

/** A generated file, in memory. */
export interface DemoFile {
	readonly name: string;
	readonly table: TableName;
	readonly rows: number;
	readonly text: string;
	readonly sha256: string;
}

/** Generator identity written into the manifest; bump the version when the output changes. */
export const DEMO_GENERATOR = { name: 'adoption-gap-demo', version: '1.0.0' } as const;

/** Lowercase hexadecimal SHA-256 of UTF-8 text (Web Crypto: Node and browsers). */
export async function sha256Hex(text: string): Promise<string> {
	const digest = await crypto.subtle.digest('SHA-256', new TextEncoder().encode(text));
	return [...new Uint8Array(digest)].map((b) => b.toString(16).padStart(2, '0')).join('');
}

/** A file entry with its hash. */
export async function demoFile(
	name: string,
	table: TableName,
	rows: number,
	text: string
): Promise<DemoFile> {
	return { name, table, rows, text, sha256: await sha256Hex(text) };
}

/** The manifest; `data_version` is the first 12 hex digits of a hash over every file's hash. */
export async function buildManifest(
	seed: number,
	files: readonly DemoFile[]
): Promise<DemoManifest> {
	const listing = files.map((f) => `${f.name} ${f.sha256}\n`).join('');
	return {
		generator: DEMO_GENERATOR.name,
		version: DEMO_GENERATOR.version,
		seed,
		data_version: (await sha256Hex(listing)).slice(0, 12),
		files: files.map((f) => ({ name: f.name, table: f.table, rows: f.rows, sha256: f.sha256 }))
	};
}

import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { createNodeDatabase } from '#lib/db/node.ts';
import { loadCanonicalFiles } from '#lib/ingest/canonical.ts';
import { DEMO_VIEW, HEADLINE_TABLES, readDemoFiles } from '#lib/ingest/demo.ts';
import { computeHeadline } from '#lib/metrics/headline.ts';

export const prerender = true;

/** Computes the first page's figures at build time, in Node, with the browser's engine and code. */
export async function load() {
	const db = await createNodeDatabase();
	try {
		const demo = await readDemoFiles(
			(name) => readFile(join('static/data', name)),
			HEADLINE_TABLES
		);
		await loadCanonicalFiles(db, demo.files);
		return {
			headline: await computeHeadline(db, DEMO_VIEW),
			dataVersion: demo.manifest.data_version
		};
	} finally {
		await db.close();
	}
}

import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Database } from '../db/database.ts';
import { createNodeDatabase } from '../db/node.ts';
import { loadCanonicalFiles } from '../ingest/canonical.ts';
import { DEMO_VIEW, HEADLINE_TABLES, readDemoFiles } from '../ingest/demo.ts';
import { loadCatalog, type DataCatalog } from '../view/catalog.ts';
import { computeTraining, usageModelOf } from '../view/compute.ts';
import { districtSpreads } from '../view/district-rates.ts';
import type { TrainingModel } from '../view/training-model.ts';
import type { UsageModel } from '../view/usage-model.ts';
import { usageView } from '../view/usage-view.ts';
import { DEFAULT_VIEW_STATE } from '../view/view-state.ts';
import { buildViewUnits } from '../view/view-units.ts';

/** What every page prerenders: the default view's figures, computed at build time. */
export interface PrerenderedView {
	readonly catalog: DataCatalog;
	readonly training: TrainingModel | null;
	readonly usage: UsageModel | null;
}

let computed: Promise<PrerenderedView> | undefined;

/**
 * The demo data loaded into a new Node engine (the browser's engine, in Node) with its catalog,
 * as every prerendered page starts. The caller closes the database.
 */
export async function openPrerenderDemo(): Promise<{ db: Database; catalog: DataCatalog }> {
	const db = await createNodeDatabase();
	try {
		const demo = await readDemoFiles(
			(name) => readFile(join('static/data', name)),
			HEADLINE_TABLES
		);
		await loadCanonicalFiles(db, demo.files);
		const catalog = await loadCatalog(db, {
			dataVersion: demo.manifest.data_version,
			origin: 'demo',
			hasLogs: demo.manifest.files.some((f) => f.table === 'usage_student_week' && f.rows > 0),
			surveyId: DEMO_VIEW.surveyId
		});
		return { db, catalog };
	} catch (error) {
		await db.close();
		throw error;
	}
}

async function compute(): Promise<PrerenderedView> {
	const { db, catalog } = await openPrerenderDemo();
	try {
		const state = DEFAULT_VIEW_STATE;
		const training = (await computeTraining(db, catalog, state))?.model ?? null;
		const year = catalog.years.at(-1);
		if (year === undefined) return { catalog, training, usage: null };
		const units = await buildViewUnits(db, { schoolYear: year, source: state.source, rules: {} });
		const view = await usageView(db, units, state);
		const products = view.products.map((p) => p.product_id);
		const spreads = await districtSpreads(db, state, products, catalog.origin);
		const usage = usageModelOf(view, units, catalog, state, spreads);
		return { catalog, training, usage };
	} finally {
		await db.close();
	}
}

/**
 * The default view's figures, computed once per build in Node with the browser's engine and
 * the same code the browser runs, so the prerendered page and the live one agree.
 */
export function prerenderedView(): Promise<PrerenderedView> {
	computed ??= compute();
	return computed;
}

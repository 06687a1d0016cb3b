import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '#lib/db/database.ts';
import { generateDemoData } from '#lib/demo/generate.ts';
import { disclosureProfile } from '#lib/disclosure/profiles.ts';
import { usageViewFigures } from '#lib/export/view-figures.ts';
import type { FigureRow } from '#lib/report/figure-row.ts';
import { usageView } from '#lib/view/usage-view.ts';
import { DEFAULT_VIEW_STATE, type ViewState } from '#lib/view/view-state.ts';
import { buildViewUnits, type ViewUnits } from '#lib/view/view-units.ts';
import { main } from '../../../src/cli/main.ts';
import { createSchemaDatabase, loadCsv } from '../../helpers/schema-db.ts';

const TABLES = ['districts', 'usage_aggregate', 'products'] as const;
let dir: string;
let db: Database;
let units: ViewUnits;

beforeAll(async () => {
	dir = mkdtempSync(join(tmpdir(), 'ag-same-'));
	db = await createSchemaDatabase();
	for (const f of (await generateDemoData()).files) {
		if (!(TABLES as readonly string[]).includes(f.table)) continue;
		writeFileSync(join(dir, f.name), f.text);
		await loadCsv(db, f.table, f.text);
	}
	units = await buildViewUnits(db, { schoolYear: 2024, source: 'aggregate', rules: {} });
});
afterAll(() => db?.close());

async function cliRows(options: string[]): Promise<FigureRow[]> {
	const files = [
		'--districts',
		'districts',
		'--usage',
		'usage_aggregate',
		'--products',
		'products'
	];
	let stdout = '';
	let stderr = '';
	const code = await main(
		['metrics', ...files.map((a) => (a.startsWith('--') ? a : join(dir, `${a}.csv`))), ...options],
		{ stdout: (t) => (stdout += t), stderr: (t) => (stderr += t) }
	);
	expect(code, stderr).toBe(0);
	return JSON.parse(stdout).figures.rows;
}

/**
 * Demo views whose small groups are disclosed (found by listing statuses per state): Vermont
 * has range-coded cells; under the Texas profile (minimum n 25) also suppressed ones.
 */
const VIEWS: [string, string[], Partial<ViewState>, string, string[]][] = [
	['Vermont', ['--state', 'VT'], { states: ['VT'] }, 'default', ['coarsened']],
	[
		'Vermont, Texas profile',
		['--state', 'VT', '--profile', 'texas'],
		{ states: ['VT'] },
		'texas',
		['coarsened', 'suppressed']
	],
	[
		'Q3 and Q4 town and rural districts',
		['--poverty-level', 'Q3', '--poverty-level', 'Q4', '--locale', 'town', '--locale', 'rural'],
		{ levels: ['Q3', 'Q4'], locales: ['town', 'rural'] },
		'default',
		[]
	]
];

describe('the command line publishes the usage figures of the site’s view for the same filters', () => {
	it.each(VIEWS)('%s', async (_, options, patch, profile, statuses) => {
		const state = { ...DEFAULT_VIEW_STATE, ...patch };
		const policy = { mode: 'public', profile: disclosureProfile(profile) } as const;
		const view = await usageView(db, units, state, policy);
		const site = usageViewFigures(view, state, 2024, 'demo', policy);
		const cli = await cliRows(options);
		expect(site.length).toBeGreaterThan(0);
		expect(cli).toEqual(site);
		for (const status of statuses) expect(cli.some((r) => r.status === status)).toBe(true);
	});
});

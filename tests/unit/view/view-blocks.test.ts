import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '#lib/db/database.ts';
import { raw, sql } from '#lib/db/sql.ts';
import { PUBLIC_POLICY } from '#lib/disclosure/disclose-view.ts';
import { DEFAULT_PROFILE } from '#lib/disclosure/profiles.ts';
import type { DisclosurePolicy } from '#lib/disclosure/view.ts';
import { ensureViewBlocks, withBlocksSql } from '#lib/view/view-blocks.ts';
import { POOLED, VIEW_CELLS_TABLE } from '#lib/view/view-tables.ts';
import { buildViewUnits } from '#lib/view/view-units.ts';
import { createSchemaDatabase, loadCsv } from '../../helpers/schema-db.ts';

/*
 * The command line's usage fixture (tests/fixtures/cli/README.md): at minimum 10, 0600001
 * (6 licensed) is small and takes in 0100003, the smallest other district: one block. In
 * research mode (minimum 2) no district is small.
 */
const RESEARCH: DisclosurePolicy = { mode: 'research', profile: DEFAULT_PROFILE };

let db: Database;

beforeAll(async () => {
	db = await createSchemaDatabase();
	for (const table of ['districts', 'products', 'usage_aggregate'] as const) {
		const csv = readFileSync(new URL(`../../fixtures/cli/${table}.csv`, import.meta.url), 'utf8');
		await loadCsv(db, table, csv);
	}
	await buildViewUnits(db, { schoolYear: 2024, source: 'aggregate', rules: {} });
});
afterAll(() => db?.close());

/** The districts in a block under `policy`, per product id read (a product, or `POOLED`). */
async function blocked(policy: DisclosurePolicy, product: string): Promise<string[]> {
	const rows = await db.query<{ leaid: string; in_block: boolean }>(
		withBlocksSql(
			sql`SELECT DISTINCT ${product} AS product_id, leaid FROM ${raw(VIEW_CELLS_TABLE)}`,
			policy
		)
	);
	return rows
		.filter((r) => r.in_block)
		.map((r) => r.leaid)
		.sort();
}

describe('the blocks tables of the view', () => {
	it('hold the fixture’s block, for the product and for any pooled figure', async () => {
		await ensureViewBlocks(db, PUBLIC_POLICY);
		expect(await blocked(PUBLIC_POLICY, 'p-tutor')).toEqual(['0100003', '0600001']);
		expect(await blocked(PUBLIC_POLICY, POOLED)).toEqual(['0100003', '0600001']);
		expect(await blocked(PUBLIC_POLICY, 'p-other')).toEqual([]);
	});

	it('keep one table per threshold: building research mode’s leaves the public one as it was', async () => {
		await ensureViewBlocks(db, PUBLIC_POLICY);
		await ensureViewBlocks(db, RESEARCH);
		expect(await blocked(RESEARCH, 'p-tutor')).toEqual([]);
		expect(await blocked(PUBLIC_POLICY, 'p-tutor')).toEqual(['0100003', '0600001']);
	});
});

import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { Database } from '#lib/db/database.ts';
import { percent } from '#lib/format/number.ts';
import { trainingByPoverty } from '#lib/metrics/survey/training-by-poverty.ts';
import { gapLabel } from '#lib/view/display.ts';
import { cepBadge } from '#lib/view/training-model.ts';
import { createSchemaDatabase, loadCsv } from '../helpers/schema-db.ts';
import { waitUntilSettled } from './helpers/app.ts';
import { liveFigures } from './helpers/html.ts';
import { assertBuilt, BUILD_DIR } from './helpers/site.ts';
import { useBrowser } from './helpers/use-browser.ts';

/**
 * The training gap as the pages show it, against `trainingByPoverty` run in Node on the very
 * survey file the built site serves (demo-asdp, fall 2024, the survey's own levels).
 */
assertBuilt();
const context = useBrowser();

let db: Database;
beforeAll(async () => {
	db = await createSchemaDatabase();
	await loadCsv(db, 'districts', readFileSync(join(BUILD_DIR, 'data', 'districts.csv'), 'utf8'));
	await loadCsv(
		db,
		'survey_responses',
		readFileSync(join(BUILD_DIR, 'data', 'survey_responses.csv'), 'utf8')
	);
});
afterAll(() => db?.close());

const expected = () => trainingByPoverty(db, { surveyId: 'demo-asdp', wave: 'fall 2024' });

async function open(path: string) {
	const page = await context().newPage();
	await page.goto(new URL(path, inject('servers').cspHeader).href);
	const settled = await waitUntilSettled(page);
	if (settled.status !== 'ready') throw new Error(`page not ready: ${settled.text}`);
	return page;
}

describe('the training gap on the first page', () => {
	it('shows the Newcombe interval and the ! of its low-poverty group (n_eff* ≈ 52)', async () => {
		const result = await expected();
		const d = result.gap!.difference!;
		const shown = (v: number) => ({ status: 'shown', value: v }) as const;
		const figures = await liveFigures(await open('/'));
		expect(figures['training-gap']).toBe(gapLabel(shown(d.estimate), shown(d.lo), shown(d.hi)));
		expect(result.groups.find((g) => g.group === 'low')?.reliability).toBe('caution');
		expect(figures['training-gap-flag']).toBe('!');
	});
});

describe('the training page', () => {
	it('lists the gap figures with their flag, and each group’s item non-response', async () => {
		const result = await expected();
		const page = await open('/training');
		const table = page.getByRole('table', { name: /The gap between low-poverty districts/ });
		await expect(table.getByRole('rowheader').allTextContents()).resolves.toEqual([
			'Difference, lowest- minus highest-poverty',
			'Rate ratio, highest- to lowest-poverty'
		]);
		await expect(table.getByText('! Interpret with caution').count()).resolves.toBe(2);
		const figures = await liveFigures(page);
		for (const g of result.groups) {
			expect(figures[`item-missing-${g.group}`], g.group).toBe(
				`${percent(g.item_missing_rate)} “don't know” or skipped (weighted), left out`
			);
		}
	});
});

describe('the CEP badge', () => {
	it('shows under an FRPL scheme with the count computed in Node', async () => {
		const result = await trainingByPoverty(db, {
			surveyId: 'demo-asdp',
			wave: 'fall 2024',
			scheme: 'frpl-nces4'
		});
		const text = cepBadge(result);
		expect(text).not.toBeNull();
		const figures = await liveFigures(await open('/training?scheme=frpl-nces4'));
		expect(figures['cep-badge']).toBe(`CEP-affected ${text}`);
	});
});

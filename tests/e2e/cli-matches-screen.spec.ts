import { join } from 'node:path';
import { beforeAll, describe, expect, inject, it } from 'vitest';
import { percent } from '#lib/format/number.ts';
import type { FigureRow } from '#lib/report/figure-row.ts';
import { main } from '../../src/cli/main.ts';
import { waitUntilSettled } from './helpers/app.ts';
import { liveFigures } from './helpers/html.ts';
import { BUILD_DIR } from './helpers/site.ts';
import { useBrowser } from './helpers/use-browser.ts';

const context = useBrowser();

/** The command line on the very files the built site serves. */
async function cliFigures(): Promise<FigureRow[]> {
	const data = (name: string) => join(BUILD_DIR, 'data', name);
	let stdout = '';
	const code = await main(
		[
			'metrics',
			'--survey',
			data('survey_responses.csv'),
			'--usage',
			data('usage_aggregate.csv'),
			'--districts',
			data('districts.csv'),
			'--products',
			data('products.csv')
		],
		{ stdout: (t) => (stdout += t), stderr: (t) => (stdout += t) }
	);
	if (code !== 0) throw new Error(`adoption-gap exited ${code}: ${stdout}`);
	return JSON.parse(stdout).figures.rows;
}

describe('the command line and the screen give the same figures for the demo data', () => {
	let cli: FigureRow[];
	let screen: Record<string, string>;

	beforeAll(async () => {
		const page = await context().newPage();
		await page.goto(inject('servers').cspHeader);
		const settled = await waitUntilSettled(page);
		if (settled.status !== 'ready') throw new Error(`page not ready: ${settled.text}`);
		[cli, screen] = await Promise.all([cliFigures(), liveFigures(page)]);
	});

	it('for the training rate of each poverty level (demo-asdp, fall 2024)', () => {
		for (const level of ['low', 'middle', 'high']) {
			const row = cli.find(
				(r) => r.dataset === 'demo-asdp' && r.period === 'fall 2024' && r.group === level
			);
			expect(screen[`training-${level}`], level).toBe(percent(row?.estimate ?? null));
		}
	});

	it("for each product's share of students with access who met the dosage rule", () => {
		const products = cli.filter((r) => r.metric === 'dosage_rate_access' && r.group === 'all');
		expect(products).toHaveLength(3);
		for (const row of products) {
			expect(screen[`dosage-${row.product_id}`]?.split(' ')[0], row.product_id).toBe(
				percent(row.estimate)
			);
		}
	});
});

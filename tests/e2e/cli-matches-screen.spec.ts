import { join } from 'node:path';
import { beforeAll, describe, expect, inject, it } from 'vitest';
import { percent } from '#lib/format/number.ts';
import type { FigureRow } from '#lib/report/figure-row.ts';
import { main } from '../../src/cli/main.ts';
import { waitUntilSettled } from './helpers/app.ts';
import { liveFigures } from './helpers/html.ts';
import { POOLED } from '#lib/view/view-tables.ts';
import { BUILD_DIR } from './helpers/site.ts';
import { useBrowser } from './helpers/use-browser.ts';

const context = useBrowser();

/** The command line on the very files the built site serves, with extra options. */
async function cliFigures(...options: string[]): Promise<FigureRow[]> {
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
			data('products.csv'),
			...options
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
		const products = cli.filter(
			(r) => r.metric === 'dosage_rate_access' && r.group === 'all' && r.product_id !== POOLED
		);
		expect(products).toHaveLength(3);
		for (const row of products) {
			expect(screen[`dosage-${row.product_id}`]?.split(' ')[0], row.product_id).toBe(
				percent(row.estimate)
			);
		}
	});
});

/** A published figure as the page writes it: a percentage, or the label of a range or a hidden value. */
function screenText(row: FigureRow | undefined): string {
	if (row?.status === 'shown' || row?.status === 'true_zero') return percent(row.estimate);
	return row?.note ?? 'no row';
}

describe('the command line and the screen agree on a filtered view (Vermont)', () => {
	let cli: FigureRow[];
	let screen: Record<string, string>;

	beforeAll(async () => {
		const page = await context().newPage();
		await page.goto(`${inject('servers').cspHeader}?state=VT`);
		const settled = await waitUntilSettled(page);
		if (settled.status !== 'ready') throw new Error(`page not ready: ${settled.text}`);
		[cli, screen] = await Promise.all([cliFigures('--state', 'VT'), liveFigures(page)]);
	});

	it('for the dosage share of each product and of all products pooled', () => {
		const rows = cli.filter((r) => r.metric === 'dosage_rate_access' && r.group === 'all');
		expect(rows.map((r) => r.product_id).sort()).toContain(POOLED);
		for (const row of rows) {
			const id = row.product_id === POOLED ? 'dosage-share' : `dosage-${row.product_id}`;
			expect(screen[id]?.startsWith(screenText(row)), `${id}: ${screen[id]}`).toBe(true);
		}
	});
});

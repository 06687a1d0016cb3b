import { readdirSync } from 'node:fs';
import { basename, join } from 'node:path';
import type { Page } from 'playwright-core';
import { launchBrowser } from '../tests/e2e/helpers/browser.ts';
import { DATASET_FILES } from './generate.ts';
import { BENCH_VIEW } from './app-pipeline.ts';
import { countingProxy } from './counting-proxy.ts';
import { rendererPeakSampler } from './memory.ts';
import type { Timings } from './timing.ts';

/** One browser run: the phases, the tab's peak memory and the longest main-thread task. */
export interface BrowserRun {
	readonly timings: Timings;
	readonly peakMb: number;
	readonly longestTaskMs: number;
	/** Set when the page refused the files or failed: its message, and no timings after it. */
	readonly refused?: string;
}

/** The first visit of the demo Overview (targets 3 and 5). */
export interface FirstVisit {
	readonly firstChartMs: number;
	readonly interactiveMs: number;
	/** The names of the build's wasm files. */
	readonly wasmFiles: readonly string[];
	/** When the wasm was requested, in ms after navigation (null: never). */
	readonly wasmRequestedMs: number | null;
	/** Requests for the wasm that reached the server on a reload (0: the browser cached it). */
	readonly wasmRequestsOnReload: number;
}

const LONG_TASKS = `window.__longTasks = [];
new PerformanceObserver((list) => {
	for (const e of list.getEntries()) window.__longTasks.push([e.startTime, e.duration]);
}).observe({ type: 'longtask', buffered: true });`;

const SEARCH = `?source=${BENCH_VIEW.source}`;

/**
 * `performance.now()` in the page once every selector matches (checked every animation frame),
 * on the Overview when `overview` is set. A function, not a string: the CSP forbids eval.
 */
function nowWhen(page: Page, selectors: readonly string[], overview = false): Promise<number> {
	return page
		.waitForFunction(
			([all, onOverview]) =>
				(!onOverview || location.pathname.endsWith('/')) &&
				all.every((s) => document.querySelector(s) !== null)
					? performance.now()
					: false,
			[selectors, overview] as const,
			{ timeout: TIMEOUT_MS, polling: 'raf' }
		)
		.then((handle) => handle.jsonValue() as Promise<number>);
}

/** How long one step may take (`BENCH_TIMEOUT_MS`; 30 minutes by default, for 5M rows). */
const TIMEOUT_MS = Number(process.env.BENCH_TIMEOUT_MS ?? 30 * 60_000);

const LIVE = 'main[data-status="ready"][data-source="live"]';

/**
 * Measures the app in headless Chromium on the built site: the demo Overview becomes interactive
 * (the wasm start-up, reported separately), then the "Your data" page loads the dataset's files
 * through its file input, answering its one question and pressing "Check and load" in the page's
 * order (ingest), the Overview with the user's data becomes ready (metrics), product filters are
 * toggled (each timed from the click until the page is ready again and the next frame painted), and
 * the validation report is downloaded (export). Peak memory is the renderer process's.
 */
export async function runBrowser(
	chromiumPath: string,
	base: string,
	dir: string,
	changes: number,
	log: (step: string) => void = () => undefined
): Promise<BrowserRun> {
	const browser = await launchBrowser(chromiumPath);
	const sampler = rendererPeakSampler(process.pid);
	try {
		const page = await browser.context.newPage();
		await page.addInitScript(LONG_TASKS);
		page.on('pageerror', (error) => log(`page error: ${error.message}`));
		page.on('console', (m) => m.type() === 'error' && log(`console: ${m.text()}`));
		const timings: Timings = {};
		await page.goto(new URL(SEARCH, base).href);
		timings.startup = await nowWhen(page, [LIVE], true);
		log('demo Overview ready');
		await page.getByRole('link', { name: 'Your data' }).click();
		await page.locator('main.data-page[data-status="ready"]').waitFor();
		const input = page.getByLabel('Choose files to check and load');
		await input.evaluate((el) =>
			el.addEventListener(
				'change',
				() => ((window as never as Record<string, number>).__t0 = performance.now()),
				{
					once: true
				}
			)
		);
		await input.setInputFiles(DATASET_FILES.map((f) => join(dir, f)));
		const t0 = (await page.evaluate('window.__t0')) as number;
		for (const name of DATASET_FILES) {
			const card = page.locator('article.file-card', {
				has: page.getByRole('heading', { name, exact: false })
			});
			await card.and(page.locator('[data-phase="mapping"], [data-phase="unreadable"]')).waitFor({
				timeout: TIMEOUT_MS
			});
			if ((await card.getAttribute('data-phase')) === 'unreadable') {
				return {
					timings,
					peakMb: sampler.peakMb(),
					longestTaskMs: 0,
					refused: await refusal(card)
				};
			}
			const fall = card.getByRole('button', { name: /\(the fall year\)/ });
			if (await fall.count()) await fall.click();
			await card.getByRole('button', { name: 'Check and load', exact: true }).click();
			log(`loading ${name}`);
			await card
				.and(page.locator('[data-phase="loaded"], [data-phase="failed"], [data-phase="mapping"]'))
				.waitFor({ timeout: TIMEOUT_MS });
			const notLoaded = card.getByTestId('report-status').filter({ hasText: 'Not loaded' });
			if ((await card.getAttribute('data-phase')) !== 'loaded' || (await notLoaded.count()) > 0) {
				return {
					timings,
					peakMb: sampler.peakMb(),
					longestTaskMs: 0,
					refused: await refusal(card)
				};
			}
		}
		const loaded = (await page.evaluate('performance.now()')) as number;
		timings.ingest = loaded - t0;
		log('files loaded');
		await page
			.getByRole('navigation', { name: 'Views' })
			.getByRole('link', { name: 'Overview' })
			.click();
		const ready = await nowWhen(page, [LIVE, '[aria-label="Whose data"]'], true);
		timings.metrics = ready - loaded;
		log('Overview ready with the files');
		const longestTaskMs = await longestTask(page, t0, ready);
		timings.filter = await filterLatencies(page, changes);
		timings.export = await exportReport(page);
		return { timings, peakMb: sampler.peakMb(), longestTaskMs };
	} finally {
		sampler.stop();
		await browser.close();
	}
}

/** Why a file was not loaded: its first error as the page shows it (or the card's text). */
async function refusal(card: ReturnType<Page['locator']>): Promise<string> {
	const error = card
		.getByRole('row')
		.filter({ hasText: /^error/ })
		.first();
	const text = (await error.count()) ? await error.innerText() : await card.innerText();
	return text.replace(/\s+/g, ' ').slice(0, 400);
}

async function longestTask(page: Page, from: number, to: number): Promise<number> {
	const tasks = (await page.evaluate('window.__longTasks')) as [number, number][];
	return Math.max(0, ...tasks.filter(([start]) => start >= from && start <= to).map(([, d]) => d));
}

/**
 * Toggles the "Product" checkboxes (pick one product, then all again, cycling), timing each from
 * the click to the page's status back at ready and the next frame painted.
 */
async function filterLatencies(page: Page, changes: number): Promise<number[]> {
	const boxes = page.getByRole('group', { name: 'Product' }).getByRole('checkbox');
	const n = await boxes.count();
	const latencies: number[] = [];
	for (let i = 0; i < changes; i++) {
		const box = boxes.nth(Math.floor(i / 2) % n);
		latencies.push(
			await box.evaluate(
				(el) =>
					new Promise<number>((resolve, reject) => {
						const main = document.querySelector('main')!;
						const started = performance.now();
						let left = false;
						// After the next paint: a frame's callbacks run before it is painted, and a
						// message posted from them is handled once it has been.
						const done = () =>
							requestAnimationFrame(() => {
								const channel = new MessageChannel();
								channel.port1.onmessage = () => resolve(performance.now() - started);
								channel.port2.postMessage(null);
							});
						const observer = new MutationObserver(() => {
							if (main.dataset.status !== 'ready') left = true;
							else if (left) {
								observer.disconnect();
								done();
							}
						});
						observer.observe(main, { attributes: true, attributeFilter: ['data-status'] });
						setTimeout(() => reject(new Error('filter change: no update within 60 s')), 60_000);
						(el as HTMLInputElement).click();
					})
			)
		);
	}
	return latencies;
}

/** Downloads the validation report of all files from "Your data": click to download event. */
async function exportReport(page: Page): Promise<number> {
	await page
		.getByRole('navigation', { name: 'Views' })
		.getByRole('link', { name: 'Your data' })
		.click();
	const button = page.getByRole('button', {
		name: 'Download the validation report of all files (JSON)'
	});
	await button.waitFor();
	const started = performance.now();
	const [download] = await Promise.all([page.waitForEvent('download'), button.click()]);
	await download.path();
	return performance.now() - started;
}

/**
 * The demo Overview's first visit in a fresh profile: first chart (prerendered) and engine ready
 * after navigation, when the wasm was requested (seen by a proxy,
 * since the DuckDB worker fetches it), the number of wasm bundles, and whether a reload fetches
 * the wasm again.
 */
export async function firstVisit(
	chromiumPath: string,
	base: string,
	buildDir: string
): Promise<FirstVisit> {
	const proxy = await countingProxy(base);
	const browser = await launchBrowser(chromiumPath);
	try {
		const page = await browser.context.newPage();
		const navigated = performance.now();
		await page.goto(proxy.url, { waitUntil: 'commit' });
		const firstChartMs = await nowWhen(page, ['main figure.chart-frame svg']);
		const interactiveMs = await nowWhen(page, [LIVE], true);
		const wasm = proxy.seen.find((r) => r.path.endsWith('.wasm'));
		const reloaded = performance.now();
		await page.reload();
		await nowWhen(page, [LIVE], true);
		return {
			firstChartMs,
			interactiveMs,
			wasmFiles: wasmFilesIn(buildDir),
			wasmRequestedMs: wasm ? wasm.at - navigated : null,
			wasmRequestsOnReload: proxy.seen.filter((r) => r.path.endsWith('.wasm') && r.at > reloaded)
				.length
		};
	} finally {
		await browser.close();
		await proxy.close();
	}
}

function wasmFilesIn(dir: string): string[] {
	return readdirSync(dir, { recursive: true, encoding: 'utf8' })
		.filter((f) => f.endsWith('.wasm'))
		.map((f) => basename(f));
}

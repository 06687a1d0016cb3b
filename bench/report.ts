import { readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { cpus, totalmem } from 'node:os';
import type { FirstVisit } from './browser.ts';
import { NODE_ALTERNATIVES } from './alternatives.ts';
import type { FunnelCounts } from './figures.ts';
import type { Dataset } from './generate.ts';
import { pairedRatios, percentile, spread, type Spread } from './stats.ts';
import type { Timings } from './timing.ts';

/** One run of one alternative: its measurements, or why there are none. */
export type Outcome =
	| {
			readonly ok: true;
			readonly timings: Timings;
			readonly peakMb: number;
			readonly counts: FunnelCounts[];
			readonly longestTaskMs?: number;
			readonly refused?: string;
	  }
	| { readonly ok: false; readonly outOfMemory: boolean; readonly message: string };

export interface Results {
	/** The command-line arguments of each invocation that added runs (`--merge`). */
	readonly invocations: string[];
	readonly started: string;
	readonly parameters: {
		sizes: number[];
		runs: number;
		seed: number;
		alts: string[];
		bigAlts: string[];
	};
	readonly loadBefore: number[];
	loadAfter: number[] | null;
	firstVisit: FirstVisit | null;
	readonly datasets: Dataset[];
	/** By `size:alternative`, one entry per run (index = run). */
	readonly outcomes: Record<string, Outcome[]>;
	/** By `size:alternative`: agreement of the figures with native DuckDB's. */
	readonly agreement: Record<string, string>;
}

const LABELS: Record<string, string> = {
	browser: 'This app in headless Chromium (built site, "Your data" page → Overview)',
	...NODE_ALTERNATIVES
};

/** An installed package's version (read from its folder: some packages do not export package.json). */
const version = (name: string) =>
	(JSON.parse(readFileSync(`node_modules/${name}/package.json`, 'utf8')) as { version: string })
		.version;

const fmtMs = (ms: number) => (ms >= 1000 ? `${(ms / 1000).toFixed(2)} s` : `${Math.round(ms)} ms`);
const fmtSpread = (s: Spread | null, f: (n: number) => string) =>
	!s || Number.isNaN(s.median)
		? '–'
		: s.n > 1
			? `${f(s.median)} (${f(s.min)}–${f(s.max)})`
			: f(s.median);
const fmtRatio = (n: number) => `${n.toFixed(2)}×`;
/** A refusal as the page showed it, without the issue table's severity and empty cells. */
const fmtRefusal = (text: string) => text.replace(/^error[\s—]*/, '');
const fmtSize = (rows: number) => (rows >= 1e6 ? `${rows / 1e6}M` : `${rows / 1e3}k`);

type Ok = Extract<Outcome, { ok: true }>;
const okRuns = (runs: readonly (Outcome | undefined)[] = []) =>
	runs.map((r) => (r?.ok && !r.refused ? r : undefined));

/** A measure of each run (undefined where the run failed or lacks it). */
function measure(
	runs: readonly (Outcome | undefined)[] | undefined,
	f: (r: Ok) => number | undefined
) {
	return okRuns(runs).map((r) => (r ? f(r) : undefined));
}

const defined = (xs: readonly (number | undefined)[]) =>
	xs.filter((x): x is number => x !== undefined);
const s = (xs: readonly (number | undefined)[]) =>
	defined(xs).length ? spread(defined(xs)) : null;

const ingestMetrics = (r: Ok) =>
	r.timings.ingest !== undefined && r.timings.metrics !== undefined
		? r.timings.ingest + r.timings.metrics
		: undefined;
const p50 = (r: Ok) => (r.timings.filter?.length ? percentile(r.timings.filter, 50) : undefined);
const p95 = (r: Ok) => (r.timings.filter?.length ? percentile(r.timings.filter, 95) : undefined);

function sizeSection(results: Results, dataset: Dataset): string[] {
	const size = dataset.rows;
	const lines = [
		`### ${fmtSize(size)} student-week rows`,
		'',
		`Files: ${dataset.files.map((f) => `${f.name} ${f.rows.toLocaleString('en')} rows, ${(f.bytes / 1024 ** 2).toFixed(1)} MB`).join('; ')}.`,
		'',
		'| Alternative | Runs | Wasm/engine start-up | Ingest | Overview metrics | Ingest + metrics | Filter change p50 | p95 | Export | Peak memory | Figures vs native |',
		'|---|---|---|---|---|---|---|---|---|---|---|'
	];
	const alts = size > 1e6 ? results.parameters.bigAlts : results.parameters.alts;
	for (const alt of alts) {
		const runs = results.outcomes[`${size}:${alt}`] ?? [];
		const failed = runs.filter((r): r is Extract<Outcome, { ok: false }> => !!r && !r.ok);
		const refused = runs.find((r): r is Ok => !!r?.ok && !!r.refused);
		const ok = defined(measure(runs, () => 1)).length;
		const cell = (f: (r: Ok) => number | undefined, fmt = fmtMs) =>
			fmtSpread(s(measure(runs, f)), fmt);
		const problems = [
			...new Set(failed.map((f) => (f.outOfMemory ? 'out of memory' : f.message))),
			...(refused ? [`not loaded: ${fmtRefusal(refused.refused!)}`] : [])
		];
		lines.push(
			`| ${LABELS[alt] ?? alt} | ${ok}/${runs.length}${problems.length ? ` (${problems.join('; ').replaceAll('|', '/')})` : ''} | ${cell((r) => r.timings.startup)} | ${cell((r) => r.timings.ingest)} | ${cell((r) => r.timings.metrics)} | ${cell(ingestMetrics)} | ${cell(p50)} | ${cell(p95)} | ${cell((r) => r.timings.export)} | ${cell(
				(r) => r.peakMb,
				(n) => `${Math.round(n)} MB`
			)} | ${alt === 'browser' ? 'same code as "app-node"' : alt === 'native-1' ? 'reference' : (results.agreement[`${size}:${alt}`] ?? '–')} |`
		);
	}
	const native = measure(results.outcomes[`${size}:native-1`], ingestMetrics);
	lines.push(
		'',
		'Ingest + metrics, ratio to native DuckDB single-thread, paired run by run (median, min–max):',
		''
	);
	for (const alt of alts.filter((a) => a !== 'native-1')) {
		const ratio = pairedRatios(measure(results.outcomes[`${size}:${alt}`], ingestMetrics), native);
		lines.push(`- ${LABELS[alt] ?? alt}: ${fmtSpread(ratio, fmtRatio)}`);
	}
	const tasks = s(measure(results.outcomes[`${size}:browser`], (r) => r.longestTaskMs));
	if (tasks)
		lines.push(
			'',
			`Longest main-thread task during the browser load (PerformanceObserver, long tasks): ${fmtSpread(tasks, fmtMs)}.`
		);
	return [...lines, ''];
}

/**
 * The JavaScript a page loads before it can run (the scripts and module preloads its prerendered
 * HTML names; its figures are in the HTML, so none of it is needed to see the first chart), in
 * KB as served: the precompressed `.gz` sizes.
 */
export function initialJsGzipKb(buildDir: string, page: string): number {
	const html = readFileSync(join(buildDir, page), 'utf8');
	const scripts = new Set(html.match(/_app\/immutable\/[\w./-]+\.js/g) ?? []);
	let bytes = 0;
	for (const script of scripts) bytes += statSync(join(buildDir, `${script}.gz`)).size;
	return bytes / 1024;
}

function targetLines(results: Results): string[] {
	const m = (size: number, alt: string, f: (r: Ok) => number | undefined) =>
		s(measure(results.outcomes[`${size}:${alt}`], f))?.median;
	const ratio = (size: number, a: string, b: string) =>
		pairedRatios(
			measure(results.outcomes[`${size}:${a}`], ingestMetrics),
			measure(results.outcomes[`${size}:${b}`], ingestMetrics)
		)?.median;
	const verdict = (ok: boolean | undefined) =>
		ok === undefined ? 'not measured' : ok ? '**met**' : '**not met**';
	const M = 1e6;
	const lines = ['## Targets', ''];
	const vsNative = ratio(M, 'browser', 'native-1');
	const papa = ratio(M, 'papaparse', 'browser');
	const arq = ratio(M, 'arquero', 'browser');
	lines.push(
		`1. Ingest + all Overview metrics, 1M rows, Chromium: ${fmtSpread(s(measure(results.outcomes[`${M}:browser`], ingestMetrics)), fmtMs)}; ${vsNative === undefined ? '–' : fmtRatio(vsNative)} native single-thread (target ≤ 2.5×): ${verdict(vsNative === undefined ? undefined : vsNative <= 2.5)}; papaparse takes ${papa === undefined ? '–' : fmtRatio(papa)} and arquero ${arq === undefined ? '–' : fmtRatio(arq)} as long (target ≥ 2.5× each): ${verdict(papa === undefined || arq === undefined ? undefined : papa >= 2.5 && arq >= 2.5)}.`
	);
	const filter = m(M, 'browser', p95);
	lines.push(
		`2. Filter change → every chart re-rendered, p95 at 1M rows: ${filter === undefined ? '–' : fmtMs(filter)} (target ≤ 50 ms): ${verdict(filter === undefined ? undefined : filter <= 50)}.`
	);
	const v = results.firstVisit;
	const js = initialJsGzipKb('build', 'index.html');
	lines.push(
		v
			? `3. First chart on the demo data ${fmtMs(v.firstChartMs)} after navigation (target ≤ 1.0 s): ${verdict(v.firstChartMs <= 1000)}; DuckDB interactive ${fmtMs(v.interactiveMs)} (target ≤ 3.5 s): ${verdict(v.interactiveMs <= 3500)}.`
			: '3. First chart and interactive: not measured.'
	);
	const five = results.outcomes[`${5 * M}:browser`] ?? [];
	const fiveOk = five.find((r) => r?.ok);
	const fiveFailed = five.find((r) => r && !r.ok);
	const peak = (size: number) => m(size, 'browser', (r) => r.peakMb);
	const fivePeak = fiveOk?.ok ? fiveOk.peakMb : undefined;
	lines.push(
		`4. 5M rows in the browser: ${fiveOk?.ok ? (fiveOk.refused ? `not loaded, with the message "${fmtRefusal(fiveOk.refused)}"` : 'loaded') : fiveFailed && !fiveFailed.ok ? `failed: ${fiveFailed.message}` : 'not measured'}${fiveOk?.ok ? ` (target: loads with progress, or refuses before loading naming the limit and the command line): ${verdict(!fiveOk.refused || /command line/.test(fiveOk.refused))}` : ''}. Tab peak memory: 1M ${peak(M) === undefined ? '–' : `${Math.round(peak(M)!)} MB`}, 5M ${fivePeak === undefined ? '–' : `${Math.round(fivePeak)} MB`}.`
	);
	lines.push(
		v
			? `5. JavaScript the Overview loads before the engine (its HTML's scripts and preloads; the first chart itself is prerendered): ${js.toFixed(0)} KB gzipped (target ≤ 300 KB): ${verdict(js <= 300)}; the wasm was requested ${v.wasmRequestedMs === null ? 'never' : `${fmtMs(v.wasmRequestedMs)} after navigation (${v.wasmRequestedMs > v.firstChartMs ? 'after' : 'before'} the first chart)`}; a reload fetched it ${v.wasmRequestsOnReload === 0 ? 'from the browser cache (0 requests reached the server)' : `again (${v.wasmRequestsOnReload} requests)`}; DuckDB wasm bundles in the build: ${v.wasmFiles.filter((f) => f.startsWith('duckdb')).length} (${v.wasmFiles.filter((f) => f.startsWith('duckdb')).join(', ')}); other wasm: ${v.wasmFiles.filter((f) => !f.startsWith('duckdb')).join(', ') || 'none'} (parquet-wasm, the Parquet export's writer, is fetched only when a Parquet download is made).`
			: '5. Payload: not measured.'
	);
	const task = m(M, 'browser', (r) => r.longestTaskMs);
	lines.push(
		`6. Longest main-thread task during a 1M-row load: ${task === undefined ? '–' : fmtMs(task)} (target ≤ 200 ms): ${verdict(task === undefined ? undefined : task <= 200)}.`
	);
	return [...lines, ''];
}

/** Writes `bench/REPORT.md`: machine, versions, load, datasets, tables, ratios, targets, notes. */
export function writeReport(results: Results, notes: string): void {
	writeFileSync('bench/out/results.json', JSON.stringify(results));
	const chromium = version('@sparticuz/chromium');
	const load = (l: number[] | null) => (l ? l.map((x) => x.toFixed(2)).join(', ') : '–');
	const lines = [
		'# Performance benchmark',
		'',
		`Written by ${results.invocations.map((a) => `\`npm run bench -- ${a}\``).join(', then ')} (started ${results.started}). Times are medians over the runs with min–max in brackets; runs of the alternatives alternate, each in a fresh process or browser.`,
		'',
		'## Machine and versions',
		'',
		`- ${cpus().length} × ${cpus()[0]?.model ?? 'CPU'}, ${(totalmem() / 1024 ** 3).toFixed(0)} GB RAM; Node ${process.versions.node}.`,
		`- Load averages (1, 5, 15 min) before: ${load(results.loadBefore)}; after: ${load(results.loadAfter)}.${Math.max(results.loadBefore[0] ?? 0, results.loadAfter?.[0] ?? 0) > 2.5 ? ' **Measured under contention**: other jobs shared the 2 cores, so absolute times are inflated and noisy; ratios of paired runs are the more reliable figures.' : ''}`,
		`- @duckdb/duckdb-wasm ${version('@duckdb/duckdb-wasm')} (DuckDB 1.4.3), @duckdb/node-api ${version('@duckdb/node-api')} (DuckDB 1.4.3), papaparse ${version('papaparse')}, arquero ${version('arquero')}, Chromium from @sparticuz/chromium ${chromium} via playwright-core ${version('playwright-core')}.`,
		'',
		'## Results',
		'',
		...results.datasets.flatMap((d) => sizeSection(results, d)),
		...targetLines(results),
		notes.trim(),
		''
	];
	writeFileSync('bench/REPORT.md', lines.join('\n'));
}

/** Re-reads saved results (for rewriting the report after editing the notes). */
export function readResults(): Results {
	return JSON.parse(readFileSync('bench/out/results.json', 'utf8')) as Results;
}

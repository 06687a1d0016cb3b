import { spawn } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { loadavg } from 'node:os';
import { parseArgs } from 'node:util';
import { startServer } from '../scripts/serve.ts';
import { resolveChromium } from '../tests/e2e/helpers/browser.ts';
import { firstVisit, runBrowser, type FirstVisit } from './browser.ts';
import { NODE_ALTERNATIVES, type NodeAlternative, type RunResult } from './alternatives.ts';
import { firstDifference, sortCounts } from './figures.ts';
import { generateDataset, type Dataset } from './generate.ts';
import { readResults, writeReport, type Outcome, type Results } from './report.ts';

/**
 * `npm run bench [-- --sizes 100k,1M,5M --runs 5 --alts browser,app-node,… --seed 2024]`
 * (`--big-alts` narrows the alternatives for sizes over 1M rows):
 * generates the datasets, runs every alternative on every size in alternating order (a fresh
 * process or browser per run; each run starts with a different alternative), checks that the
 * figures agree with native DuckDB's, and writes `bench/REPORT.md` after every run.
 * `--report-only` rewrites the report from the saved results (`bench/out/results.json`);
 * `--merge` adds this invocation's runs to them (e.g. an alternative that failed), same sizes.
 */
const USAGE =
	'npm run bench -- [--sizes 100k,1M,5M] [--runs 5] [--alts browser,app-node,native-1,native-all,papaparse,arquero] [--seed 2024]';

const ALL = ['browser', ...Object.keys(NODE_ALTERNATIVES)] as const;
type Alternative = (typeof ALL)[number];

function parseSize(text: string): number {
	const match = /^(\d+(?:\.\d+)?)([kM]?)$/.exec(text.trim());
	if (!match) throw new Error(`invalid size "${text}" (e.g. 100k, 1M). Usage: ${USAGE}`);
	return Math.round(Number(match[1]) * (match[2] === 'M' ? 1e6 : match[2] === 'k' ? 1e3 : 1));
}

/** Runs one Node alternative in a fresh process; a crash for lack of memory is reported as such. */
function runChild(alt: NodeAlternative, dataset: Dataset): Promise<Outcome> {
	return new Promise((resolve) => {
		const child = spawn(process.execPath, ['bench/child.ts', '--alt', alt, '--dir', dataset.dir], {
			stdio: ['ignore', 'pipe', 'pipe']
		});
		let out = '';
		let err = '';
		child.stdout.on('data', (d) => (out += d));
		child.stderr.on('data', (d) => (err += d));
		child.on('close', (code, signal) => {
			if (code === 0) return resolve({ ok: true, ...(JSON.parse(out) as RunResult) });
			const oom =
				/out of memory|Allocation failed|std::bad_alloc|OutOfMemory/i.test(err) ||
				signal === 'SIGKILL';
			const line = err.split('\n').find((l) => /Error/.test(l)) ?? `exit ${code ?? signal}`;
			resolve({ ok: false, outOfMemory: oom, message: oom ? 'ran out of memory' : line.trim() });
		});
	});
}

async function main(): Promise<void> {
	const { values } = parseArgs({
		options: {
			sizes: { type: 'string', default: '100k,1M,5M' },
			runs: { type: 'string', default: '5' },
			alts: { type: 'string', default: ALL.join(',') },
			'big-alts': { type: 'string' },
			seed: { type: 'string', default: '2024' },
			'report-only': { type: 'boolean', default: false },
			merge: { type: 'boolean', default: false }
		}
	});
	if (values['report-only']) return writeReport(readResults(), readNotes());
	const sizes = values.sizes.split(',').map(parseSize);
	const runs = Number(values.runs);
	const seed = Number(values.seed);
	const alts = values.alts.split(',') as Alternative[];
	const bigAlts = (values['big-alts']?.split(',') ?? alts) as Alternative[];
	for (const alt of [...alts, ...bigAlts])
		if (!ALL.includes(alt)) throw new Error(`unknown alternative "${alt}". Usage: ${USAGE}`);
	const browser = alts.includes('browser') || bigAlts.includes('browser');
	if (browser && !existsSync('build/index.html'))
		throw new Error('the site is not built: run `npm run build` first');

	const started = new Date();
	const invocation = process.argv.slice(2).join(' ');
	const results: Results = values.merge
		? { ...readResults(), invocations: [...readResults().invocations, invocation] }
		: {
				invocations: [invocation],
				started: started.toISOString(),
				parameters: { sizes, runs, seed, alts, bigAlts },
				loadBefore: loadavg(),
				loadAfter: null,
				firstVisit: null,
				datasets: [],
				outcomes: {},
				agreement: {}
			};
	const chromium = browser ? await resolveChromium() : '';
	const server = browser ? await startServer({ root: 'build', port: 0, cspHeader: true }) : null;
	const progress = (text: string) => console.error(`${new Date().toISOString()} ${text}`);
	try {
		if (server) {
			progress('first visit of the demo Overview');
			results.firstVisit = (await firstVisit(chromium, server.url, 'build')) satisfies FirstVisit;
		}
		for (const size of sizes) {
			progress(`generating ${size} rows`);
			const dataset = await generateDataset(size, seed, 'bench/out/data');
			if (!results.datasets.some((d) => d.rows === size)) results.datasets.push(dataset);
			const measured = size > 1e6 ? bigAlts : alts;
			for (let run = 0; run < runs; run++) {
				const order = measured.map((_, i) => measured[(i + run) % measured.length]!);
				for (const alt of order) {
					progress(`${size} rows, run ${run + 1}/${runs}: ${alt}`);
					const outcome: Outcome =
						alt === 'browser'
							? await runBrowser(chromium, server!.url, dataset.dir, 30, progress)
									.then((r): Outcome => ({ ok: true, ...r, counts: [] }))
									.catch((e: unknown): Outcome => ({
										ok: false,
										outOfMemory: false,
										message: String(e).split('\n')[0]!
									}))
							: await runChild(alt as NodeAlternative, dataset);
					const key = `${size}:${alt}`;
					(results.outcomes[key] ??= [])[run] = outcome;
					agree(results, size, run, measured);
				}
				results.loadAfter = loadavg();
				writeReport(results, readNotes());
			}
		}
	} finally {
		await server?.close();
	}
	results.loadAfter = loadavg();
	writeReport(results, readNotes());
	progress('wrote bench/REPORT.md');
}

/** Checks each alternative's figures against native DuckDB's (single thread) of the same run. */
function agree(results: Results, size: number, run: number, alts: readonly Alternative[]): void {
	const reference = results.outcomes[`${size}:native-1`]?.[run];
	if (!reference?.ok) return;
	const expected = sortCounts(reference.counts);
	for (const alt of alts) {
		const outcome = results.outcomes[`${size}:${alt}`]?.[run];
		if (!outcome?.ok || alt === 'browser' || alt === 'native-1') continue;
		const difference = firstDifference(sortCounts(outcome.counts), expected);
		const key = `${size}:${alt}`;
		if (difference) results.agreement[key] = `run ${run + 1}: ${difference}`;
		else results.agreement[key] ??= `agrees (${expected.length} product × district rows)`;
	}
}

function readNotes(): string {
	return existsSync('bench/NOTES.md') ? readFileSync('bench/NOTES.md', 'utf8') : '';
}

await main().catch((error: unknown) => {
	console.error(error instanceof Error ? error.message : error);
	process.exitCode = 1;
});

// Where a product-filter change goes on the demo Overview (`?source=logs`, built site): click,
// URL replaced, status loading, worker messages, ready, next frame painted. Usage:
// `node_modules/.bin/node bench/filter-breakdown.ts [changes] [--profile] [--root build]` (after
// `npm run build`; `--root` serves another built copy, to compare two builds in turn).
import { startServer } from '../scripts/serve.ts';
import { launchBrowser, resolveChromium } from '../tests/e2e/helpers/browser.ts';

const INIT = `
window.__log = [];
const log = (what) => window.__log.push([what, performance.now()]);
const rs = history.replaceState.bind(history);
history.replaceState = (...a) => { log('url'); return rs(...a); };
const W = window.Worker;
window.Worker = class extends W {
  constructor(...a) { super(...a); this.addEventListener('message', () => log('recv')); }
  postMessage(...a) { log('send'); return super.postMessage(...a); }
};`;

const rootAt = process.argv.indexOf('--root');
const root = rootAt > 0 ? process.argv[rootAt + 1]! : 'build';
const server = await startServer({ root, port: 0, cspHeader: true });
const browser = await launchBrowser(await resolveChromium());
const page = await browser.context.newPage();
await page.addInitScript(INIT);
await page.goto(new URL('?source=logs', server.url).href);
await page.waitForSelector('main[data-status="ready"][data-source="live"]', { timeout: 120000 });
const boxes = page.getByRole('group', { name: 'Product' }).getByRole('checkbox');
const n = await boxes.count();
const rows: number[][] = [];
const cdp = await browser.context.newCDPSession(page);
const profile = process.argv.includes('--profile');
if (profile) {
	await cdp.send('Profiler.enable');
	await cdp.send('Profiler.start');
}
for (let i = 0; i < Number(process.argv[2] ?? 20); i++) {
	const box = boxes.nth(Math.floor(i / 2) % n);
	rows.push(
		await box.evaluate(
			(el) =>
				new Promise<number[]>((resolve) => {
					const w = window as never as { __log: [string, number][] };
					w.__log = [];
					const main = document.querySelector('main')!;
					const t0 = performance.now();
					let left = 0;
					const observer = new MutationObserver(() => {
						if (main.dataset.status !== 'ready') left = performance.now();
						else if (left) {
							observer.disconnect();
							const ready = performance.now();
							// After the next paint: a message posted from a frame callback is handled
							// once that frame has been painted.
							requestAnimationFrame(() => {
								const channel = new MessageChannel();
								channel.port1.onmessage = () => {
									const log = w.__log;
									const at = (k: string) => log.find(([x]) => x === k)?.[1] ?? NaN;
									const last = (k: string) => log.filter(([x]) => x === k).at(-1)?.[1] ?? NaN;
									resolve([
										at('url') - t0,
										left - t0,
										at('send') - t0,
										last('recv') - t0,
										log.filter(([x]) => x === 'send').length,
										ready - t0,
										performance.now() - t0,
										...log
											.filter(([x]) => x !== 'url')
											.map(([x, t]) => (x === 'send' ? 1 : -1) * (t - t0))
									]);
								};
								channel.port2.postMessage(null);
							});
						}
					});
					observer.observe(main, { attributes: true, attributeFilter: ['data-status'] });
					(el as HTMLInputElement).click();
				})
		)
	);
}
if (profile) {
	const { profile: p } = (await cdp.send('Profiler.stop')) as {
		profile: {
			nodes: {
				id: number;
				callFrame: { functionName: string; url: string; lineNumber: number };
				hitCount?: number;
			}[];
			samples: number[];
			timeDeltas: number[];
		};
	};
	const self = new Map<number, number>();
	p.samples.forEach((id, i) => self.set(id, (self.get(id) ?? 0) + (p.timeDeltas[i] ?? 0)));
	const byFn = new Map<string, number>();
	for (const node of p.nodes) {
		const k = `${node.callFrame.functionName || '(anon)'} ${node.callFrame.url.split('/').pop()}:${node.callFrame.lineNumber}`;
		byFn.set(k, (byFn.get(k) ?? 0) + (self.get(node.id) ?? 0) / 1000);
	}
	for (const [k, v] of [...byFn].sort((a, b) => b[1] - a[1]).slice(0, 25))
		console.log(v.toFixed(0).padStart(6), k);
}
console.log('url loading send1 recvLast sends ready painted');
for (const r of rows) console.log(r.map((x) => x.toFixed(1)).join('\t'));
const col = (i: number) => rows.map((r) => r[i]!).sort((a, b) => a - b);
const q = (a: number[], p: number) => a[Math.min(a.length - 1, Math.ceil(p * a.length) - 1)]!;
console.log('p50', [0, 1, 2, 3, 5, 6].map((i) => q(col(i), 0.5).toFixed(1)).join(' '));
console.log('p95', [0, 1, 2, 3, 5, 6].map((i) => q(col(i), 0.95).toFixed(1)).join(' '));
await browser.close();
await server.close();

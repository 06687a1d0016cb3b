/**
 * Writes the demo dataset to `static/data/` (`npm run data:demo`): the canonical CSVs and
 * `manifest.json`. Deterministic for a seed (`--seed N`, default `DEFAULT_DEMO_SEED`); needs no
 * shared data. Prints each file's rows and size and the time taken.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { DEFAULT_DEMO_SEED, generateDemoData } from '#lib/demo/generate.ts';

const started = performance.now();
const seedIndex = process.argv.indexOf('--seed');
const seed = seedIndex > 0 ? Number(process.argv[seedIndex + 1]) : DEFAULT_DEMO_SEED;
if (!Number.isInteger(seed)) throw new Error(`invalid seed: ${process.argv[seedIndex + 1]}`);

const out = resolve(import.meta.dirname, '../static/data');
mkdirSync(out, { recursive: true });
const data = await generateDemoData({ seed });
for (const file of data.files) {
	writeFileSync(resolve(out, file.name), file.text);
	const mb = (Buffer.byteLength(file.text) / 1e6).toFixed(2);
	console.log(`${file.name.padEnd(26)} ${String(file.rows).padStart(8)} rows ${mb.padStart(7)} MB`);
}
writeFileSync(resolve(out, 'manifest.json'), data.manifestText);
const seconds = ((performance.now() - started) / 1000).toFixed(1);
console.log(
	`demo data ${data.manifest.data_version} (seed ${seed}) written to ${out} in ${seconds} s`
);

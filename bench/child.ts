import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { createNodeDatabase } from '#lib/db/node.ts';
import { filterChanges, runAppPipeline } from './app-pipeline.ts';
import { runArquero } from './alternatives/arquero.ts';
import { runPapaparse } from './alternatives/papaparse.ts';
import { DATASET_FILES } from './generate.ts';
import { createNativeDatabase } from './native-db.ts';
import type { FunnelCounts } from './figures.ts';
import type { NodeAlternative, RunResult } from './alternatives.ts';
import type { Timings } from './timing.ts';

/** The demo's three products, the ones the generated logs can hold (filter changes cycle them). */
const PRODUCTS = ['demo-adaptive-lessons', 'demo-ai-tutor', 'demo-math-practice'];

async function main(): Promise<void> {
	const { values } = parseArgs({ options: { alt: { type: 'string' }, dir: { type: 'string' } } });
	const alt = values.alt as NodeAlternative;
	const files = DATASET_FILES.map((name) => ({
		name,
		bytes: new Uint8Array(readFileSync(join(values.dir!, name)))
	}));
	const timings: Timings = {};
	const changes = filterChanges(PRODUCTS);
	let counts: FunnelCounts[];
	if (alt === 'app-node') counts = await runAppPipeline(createNodeDatabase, files, timings);
	else if (alt === 'native-1')
		counts = await runAppPipeline(() => createNativeDatabase(1), files, timings);
	else if (alt === 'native-all')
		counts = await runAppPipeline(() => createNativeDatabase(), files, timings);
	else if (alt === 'papaparse') counts = await runPapaparse(files, timings, changes);
	else if (alt === 'arquero') counts = await runArquero(files, timings, changes);
	else throw new Error(`unknown alternative: ${alt}`);
	const peakMb = process.resourceUsage().maxRSS / 1024;
	const result: RunResult = { timings, peakMb, counts };
	process.stdout.write(JSON.stringify(result) + '\n');
}

await main();

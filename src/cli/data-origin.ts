import { generateDemoData } from '../lib/demo/generate.ts';
import type { InputHash } from '../lib/export/datapackage.ts';
import { UsageError } from './usage-error.ts';

/**
 * Refuses research mode on the demo data (issue #5: public mode is the only mode for it): any
 * input byte-identical to a file of the published demo data (the generator's default seed, as
 * `npm run data:demo` writes it) makes the run a demo run. Generating the data takes a few
 * seconds, so it is done only when research mode is asked for.
 */
export async function refuseResearchOnDemo(inputs: readonly InputHash[]): Promise<void> {
	const demo = new Map((await generateDemoData()).files.map((f) => [f.sha256, f.name]));
	const file = inputs.find((i) => demo.has(i.sha256));
	if (file) {
		throw new UsageError(
			`--mode research is only for data you loaded yourself; ${file.name} is the demo data's ${demo.get(file.sha256)}`
		);
	}
}

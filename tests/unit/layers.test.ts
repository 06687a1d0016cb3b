import { ESLint } from 'eslint';
import { describe, expect, it } from 'vitest';

/*
 * The layer rules of eslint.config.js (imports point down only; no SQL text above metrics/):
 * each case lints a line as if it were written in the given file and lists the layer rules it
 * breaks (each once). Expected verdicts follow shared/style-by-example.md, "Architecture".
 */
const eslint = new ESLint();
const LAYER_RULES = new Set(['no-restricted-imports', 'no-restricted-syntax']);

async function broken(filePath: string, line: string): Promise<string[]> {
	const code = filePath.endsWith('.svelte') ? `<script lang="ts">\n${line}\n</script>\n` : line;
	const [result] = await eslint.lintText(`${code}\n`, { filePath });
	const rules = (result?.messages ?? []).map((m) => m.ruleId ?? '');
	return [...new Set(rules.filter((rule) => LAYER_RULES.has(rule)))];
}

const REFUSED: [string, string, string][] = [
	['src/lib/charts/Bars.svelte', "import { createNodeDatabase } from '#lib/db/node.ts';", 'import'],
	['src/lib/charts/layers/Axis.svelte', "import { m } from '../../metrics/registry.ts';", 'import'],
	['src/lib/charts/scales.ts', "import { d } from '../state/context.ts';", 'import'],
	['src/lib/components/Table.svelte', "import { m } from '#lib/metrics/registry.ts';", 'import'],
	['src/lib/metrics/x.ts', "import { onMount } from 'svelte';", 'import'],
	['src/lib/ingest/x.ts', "import { getDashboard } from '../state/context.ts';", 'import'],
	['src/lib/view/x.ts', "import { w } from '#lib/workspace/context.ts';", 'import'],
	['src/lib/metrics/x.ts', "import { page } from '$app/state';", 'import'],
	['src/cli/x.ts', "import { s } from '../routes/methodology/sections.ts';", 'import'],
	['src/lib/db/x.ts', "import { DISTRICTS } from '#lib/schema/tables.ts';", 'import'],
	['src/lib/db/x.ts', "import { DISTRICTS } from '../schema/tables.ts';", 'import'],
	['src/lib/state/x.svelte.ts', "import { sql } from '../db/sql.ts';", 'import'],
	['src/lib/state/x.ts', "const q = 'SELECT version() AS version';", 'syntax'],
	[
		'src/lib/components/Table.svelte',
		'const q = `WITH t AS (SELECT 1) SELECT * FROM t`;',
		'syntax'
	],
	['src/routes/+page.svelte', 'const q = sql`SELECT ${1}`;', 'syntax']
];

const ALLOWED: [string, string][] = [
	['src/lib/components/Menu.svelte', "import { getDashboard } from '../state/context.ts';"],
	['src/lib/charts/Bars.svelte', "import { formatPercent } from '../format/number.ts';"],
	['src/lib/state/x.svelte.ts', "import type { SqlQuery } from '../db/sql.ts';"],
	['src/lib/state/x.ts', "import type { Database } from '../db/database.ts';"],
	['src/lib/db/x.ts', "import { sql } from './sql.ts';"],
	['src/lib/metrics/x.ts', "import { sql } from '#lib/db/sql.ts';"],
	['src/lib/metrics/x.ts', "const q = 'SELECT count(*) AS n FROM districts';"],
	['src/lib/components/Note.svelte', "const label = 'Select a district';"]
];

describe('layer rules (eslint.config.js)', () => {
	it.each(REFUSED)('refuses in %s: %s', async (file, line, kind) => {
		expect(await broken(file, line)).toEqual([
			`no-restricted-${kind === 'import' ? 'imports' : 'syntax'}`
		]);
	});

	it.each(ALLOWED)('allows in %s: %s', async (file, line) => {
		expect(await broken(file, line)).toEqual([]);
	});
});

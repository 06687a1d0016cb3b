import js from '@eslint/js';
import svelte from 'eslint-plugin-svelte';
import globals from 'globals';
import ts from 'typescript-eslint';

/*
 * The layers of the architecture (shared/style-by-example.md), imports pointing down only:
 * routes → components/charts → state → metrics/ingest and the other plain-TS folders → db.
 */

/** An import of one of `folders` of src/lib, written `#lib/…` or as a relative path. */
const libFolder = (folders) => `^(#lib/|(\\.\\./)+)(${folders.join('|')})/`;
const SVELTE = '^(svelte|\\$app)(/|$)';

/** The folders of plain TypeScript: SQL and data rules, testable in Node, no Svelte. */
const PLAIN_TS = [
	'brief',
	'demo',
	'disclosure',
	'dosage',
	'export',
	'filters',
	'format',
	'geo',
	'ingest',
	'metrics',
	'peers',
	'poverty',
	'report',
	'schema',
	'security',
	'stats',
	'view'
];

/** SQL text starting with a statement keyword (upper case, as the project writes SQL). */
const SQL_START = '/^\\s*(SELECT|WITH|INSERT|CREATE|COPY|DROP|ALTER|DELETE|UPDATE|PRAGMA|SET)\\s/';
const NO_SQL_TEXT = [
	{
		selector: `Literal[value=${SQL_START}]`,
		message: 'No SQL text here: SQL belongs in metrics/, ingest/ or db/.'
	},
	{
		selector: `TemplateElement[value.raw=${SQL_START}]`,
		message: 'No SQL text here: SQL belongs in metrics/, ingest/ or db/.'
	},
	{
		selector: "TaggedTemplateExpression[tag.name='sql']",
		message: 'No SQL here: SQL belongs in metrics/, ingest/ or db/.'
	}
];

/** One layer's rule: imports matching any of `patterns` are refused with `message`. */
const layer = (files, patterns, message, allowTypeImports = false) => ({
	files,
	rules: {
		'no-restricted-imports': [
			'error',
			{ patterns: patterns.map((regex) => ({ regex, message, allowTypeImports })) }
		]
	}
});

const LAYERS = [
	layer(
		['src/lib/db/**'],
		['^#lib/(?!db/)', '^\\.\\./', SVELTE],
		'db/ knows nothing about the app: it imports nothing from other src/lib folders or Svelte.'
	),
	layer(
		[...PLAIN_TS.map((folder) => `src/lib/${folder}/**`), 'src/cli/**'],
		[libFolder(['state', 'workspace', 'components', 'charts']), '(^|/)routes/', SVELTE],
		'Plain-TS layers import down only: no state, workspace, components, charts, routes or Svelte.'
	),
	layer(
		['src/lib/charts/**'],
		[libFolder(['db', 'metrics', 'ingest', 'state', 'workspace', 'export'])],
		'Charts are presentation only: typed rows in, SVG out (no db, metrics, ingest or state).'
	),
	layer(
		['src/lib/components/**'],
		[libFolder(['db', 'metrics'])],
		'Components are presentation only: no db/ or metrics/ imports.'
	),
	layer(
		['src/lib/state/**'],
		['^(#lib/|(\\.\\./)+)db/sql\\.ts$'],
		'State holds no SQL text: ask a metrics/ or view/ function for the query.',
		true
	),
	{
		files: ['src/lib/{state,components,charts}/**', 'src/routes/**'],
		rules: { 'no-restricted-syntax': ['error', ...NO_SQL_TEXT] }
	}
];

export default ts.config(
	{
		ignores: [
			'build/',
			'.svelte-kit/',
			'static/data/',
			'node_modules/',
			'bench/out/',
			'.scratch-*/'
		]
	},
	js.configs.recommended,
	...ts.configs.recommended,
	...svelte.configs.recommended,
	{ languageOptions: { globals: { ...globals.browser, ...globals.node } } },
	{
		files: ['**/*.svelte', '**/*.svelte.ts'],
		languageOptions: { parserOptions: { parser: ts.parser } }
	},
	{
		rules: {
			'@typescript-eslint/no-unused-vars': [
				'error',
				{ argsIgnorePattern: '^_', ignoreRestSiblings: true }
			]
		}
	},
	...LAYERS
);

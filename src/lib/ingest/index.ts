/**
 * The ingest API for "bring your own data" (issue #6). Typical flow: `openSource` (or
 * `openInWorker` in the browser) → `presetFor` / `suggestMapping` → `previewMapping` →
 * `loadSource` / `loadChunks` → `FileReport` (render it; `rejectedRowsCsv` for download) →
 * `districtCoverage` across files. `ingestFile` does it all for one file (command line, tests).
 */
export { districtCoverage, joinToReferenceSql, type Coverage } from './coverage.ts';
export { ingestFile, loadSource, type IngestOptions } from './ingest-file.ts';
export { hasErrors, type IssueCode, type Severity, type ValidationIssue } from './issues.ts';
export { DEFAULT_LIMITS, type IngestLimits } from './limits.ts';
export { loadChunks, type LoadOptions, type SourceInfo } from './load-chunks.ts';
export {
	parseMapping,
	type ColumnMapping,
	type MappingOptions,
	type MissingReason
} from './mapping/mapping.ts';
export {
	presetFor,
	saipePreset,
	LEARNPLATFORM_DISTRICTS,
	LEARNPLATFORM_DISTRICTS_FULL,
	LEARNPLATFORM_PRODUCTS,
	learnPlatformEngagementPreset,
	type Preset
} from './mapping/presets.ts';
export {
	previewFromSamples,
	previewMapping,
	sampleColumns,
	type FieldPreview
} from './mapping/preview.ts';
export { rankTables, suggestMapping } from './mapping/suggest.ts';
export { rejectedRowsCsv, type FileReport, type RejectedRow } from './report.ts';
export {
	openSource,
	type OpenOptions,
	type OpenedSource,
	type OpenResult
} from './source/open-source.ts';
export type { IngestProgress } from './stage/stage-chunks.ts';
export { findTarget, TARGETS } from './targets/index.ts';
export { BROWSER_MAX_BYTES, browserMaxBytes, checkBrowserSize } from './worker/browser-limits.ts';
export { openInWorker, type WorkerSource } from './worker/client.ts';

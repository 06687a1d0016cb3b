import type { Database } from '../db/database.ts';
import { identifier, raw, sql, type SqlQuery } from '../db/sql.ts';
import type { RecordChunk } from './csv/chunks.ts';
import { issue, type ValidationIssue } from './issues.ts';
import { resolveLimits, type IngestLimits } from './limits.ts';
import type { ColumnMapping } from './mapping/mapping.ts';
import type { FileReport } from './report.ts';
import type { OpenedSource } from './source/open-source.ts';
import {
	dropStaged,
	stageChunks,
	type IngestProgress,
	type StagedFile
} from './stage/stage-chunks.ts';
import { checkedTableSql, type CheckOptions } from './validate/checked-sql.ts';
import {
	checkedViewSql,
	doubtsTableSql,
	fastPathApplies,
	fastTableSql,
	type FastTables
} from './validate/fast-checked-sql.ts';
import { insertLoaded } from './insert-rows.ts';
import { ensureLoadedFiles } from './loaded-files.ts';
import { hasRows, matchDistricts } from './validate/district-match.ts';
import { duplicatesTableSql, loadedRowsSql } from './validate/duplicates.ts';
import { decideScales } from './validate/percent-scale.ts';
import { readsDosageRules, rejectInvalidRules } from './validate/dosage-rules.ts';
import { planLoad, type LoadPlan } from './validate/plan.ts';
import { rejectedRows } from './validate/row-issues.ts';
import { rowWarnings } from './validate/row-warnings.ts';
import { changeRecords, missingRecords } from './validate/summaries.ts';
import { fileSummaryIssues } from './validate/file-summary.ts';

/** What the loader needs to know about a source besides its records (the worker sends this). */
export type SourceInfo = Omit<OpenedSource, 'layout'>;

export interface LoadOptions {
	readonly signal?: AbortSignal;
	readonly onProgress?: (progress: IngestProgress) => void;
	readonly limits?: Partial<IngestLimits>;
	/** Table to match LEAIDs against; by default `districts` when it has rows. `false` skips it. */
	readonly reference?: string | false;
	/**
	 * Whether canonical text may take the fast path (default true); `false` sends every value
	 * through the full normaliser (the reference the fast path is tested against).
	 */
	readonly fastPath?: boolean;
}

let loads = 0;

/** The report of a file that was not loaded (nothing read into the table). */
export function notLoaded(
	source: Partial<SourceInfo> & { name: string },
	table: string,
	issues: readonly ValidationIssue[],
	mapping?: ColumnMapping
): FileReport {
	return {
		version: 1,
		file: source.name,
		table,
		status: 'not_loaded',
		...(source.format
			? {
					format: source.format,
					encoding: source.encoding,
					delimiter: source.dialect?.delimiter,
					headerLine: source.header?.line
				}
			: {}),
		...(source.sheet ? { sheet: source.sheet } : {}),
		header: source.header?.fields ?? [],
		...(mapping ? { mapping } : {}),
		rowsRead: 0,
		rowsLoaded: 0,
		rowsRejected: 0,
		blankLinesSkipped: 0,
		issues: [...(source.notices ?? []), ...issues],
		rejected: [],
		rejectedNotListed: 0,
		changes: [],
		missing: []
	};
}

/**
 * Loads one file's record chunks into `mapping.table`: stages them as text, normalises and checks
 * every value in SQL, rejects invalid rows and duplicate keys, builds the report, and only then
 * inserts the rest in one statement (so an abort or a failure leaves the table as it was). Returns the report; asserts
 * `rowsRead = rowsLoaded + rowsRejected` against the table's row count. Rethrows only an abort.
 */
export async function loadChunks(
	db: Database,
	source: SourceInfo,
	chunks: Iterable<RecordChunk> | AsyncIterable<RecordChunk>,
	mapping: ColumnMapping,
	options: LoadOptions = {}
): Promise<FileReport> {
	const planned = planLoad(source.name, source.header.fields, mapping);
	if (!planned.plan) return notLoaded(source, mapping.table, planned.issues, mapping);
	const id = `${++loads}_${Math.random().toString(36).slice(2, 8)}`;
	const names = {
		checked: identifier(`ingest_checked_${id}`),
		dups: identifier(`ingest_dups_${id}`),
		fast: identifier(`ingest_fast_${id}`),
		doubts: identifier(`ingest_doubts_${id}`)
	};
	let staged: StagedFile | undefined;
	try {
		staged = await stageChunks(db, chunks, {
			id,
			width: source.header.fields.length,
			dialect: source.dialect,
			signal: options.signal,
			onProgress: options.onProgress
		});
		return await validateAndInsert(
			db,
			source,
			mapping,
			planned.plan,
			staged,
			names,
			planned.issues,
			options
		);
	} catch (error) {
		if (options.signal?.aborted) throw options.signal.reason;
		const message = error instanceof Error ? error.message : String(error);
		return notLoaded(
			source,
			mapping.table,
			[
				...planned.issues,
				issue(
					'error',
					'load_failed',
					source.name,
					`The file could not be loaded, and nothing from it was kept: ${message.split('\n')[0]}`
				)
			],
			mapping
		);
	} finally {
		if (staged) await dropStaged(db, staged);
		await dropChecked(db, id);
	}
}

/** Drops a load's checked rows: a table (full path) or a view over the fast path's tables. */
async function dropChecked(db: Database, id: string): Promise<void> {
	const checked = `ingest_checked_${id}`;
	const [kind] = await db.query<{ view: boolean }>(
		sql`SELECT count(*) > 0 AS view FROM duckdb_views() WHERE view_name = ${checked}`
	);
	await db.exec(sql`DROP ${raw(kind?.view ? 'VIEW' : 'TABLE')} IF EXISTS ${identifier(checked)}`);
	for (const table of ['dups', 'fast', 'doubts'])
		await db.exec(sql`DROP TABLE IF EXISTS ${identifier(`ingest_${table}_${id}`)}`);
}

/**
 * Runs `task` with DuckDB's `in_clause` optimizer off. It turns each `x IN (…)` of the layered
 * normalisation into a join, which made the checked table's statement about ten times slower
 * (3 s instead of 0.3 s for a 2,000-row district file, natively and in the browser), and the
 * percent-scale statement over the same layers 1.2–1.5 s instead of 0.1–0.3 s (the same file,
 * in Node); the results are the same. The setting is global, so it is reset at once.
 */
async function withoutInClauseRewrite<T>(db: Database, task: () => Promise<T>): Promise<T> {
	await db.exec(`SET disabled_optimizers = 'in_clause'`);
	try {
		return await task();
	} finally {
		await db.exec('RESET disabled_optimizers');
	}
}

/**
 * The full path: every value through the layered normaliser (`checkedTableSql`), then dosage
 * rules through the metrics' parser (products files always take this path).
 */
async function checkFull(
	db: Database,
	file: string,
	checked: SqlQuery,
	staged: StagedFile,
	plan: LoadPlan,
	mapping: ColumnMapping,
	base: CheckOptions
): Promise<{ issues: readonly ValidationIssue[] }> {
	return withoutInClauseRewrite(db, async () => {
		const scales = await decideScales(db, file, staged, plan, mapping, base);
		await db.exec(
			checkedTableSql(checked, staged, plan, { ...base, percentFields: scales.percentFields })
		);
		await rejectInvalidRules(db, checked, plan);
		return scales;
	});
}

/**
 * The fast path for canonical text (`fast-checked-sql.ts`): cheap checks on every row, the full
 * normaliser on the rows in doubt only, and `checked` a view with the full path's columns.
 */
async function checkFast(
	db: Database,
	checked: SqlQuery,
	tables: FastTables,
	staged: StagedFile,
	plan: LoadPlan,
	base: CheckOptions
): Promise<{ issues: readonly ValidationIssue[] }> {
	await db.exec(fastTableSql(tables, staged, plan, base));
	const [row] = await db.query<{ n: number }>(
		sql`SELECT count(*) AS n FROM ${tables.fast} WHERE doubt`
	);
	const withDoubts = (row?.n ?? 0) > 0;
	if (withDoubts)
		await withoutInClauseRewrite(db, () => db.exec(doubtsTableSql(tables, staged, plan, base)));
	await db.exec(checkedViewSql(checked, tables, plan, base, withDoubts));
	return { issues: [] };
}

async function validateAndInsert(
	db: Database,
	source: SourceInfo,
	mapping: ColumnMapping,
	plan: LoadPlan,
	staged: StagedFile,
	names: { checked: SqlQuery; dups: SqlQuery } & FastTables,
	planIssues: readonly ValidationIssue[],
	options: LoadOptions
): Promise<FileReport> {
	const limits = resolveLimits(options.limits);
	const progress = (phase: IngestProgress['phase'], rowsDone: number) =>
		options.onProgress?.({
			phase,
			bytesDone: staged.bytesTotal,
			bytesTotal: staged.bytesTotal,
			rowsDone
		});
	const rowsRead = staged.records + staged.structural.length;
	progress('validating', rowsRead);
	const base: CheckOptions = {
		missingCodes: mapping.options.missing_codes ?? {},
		decimalComma: source.dialect.delimiter === ';',
		yearMapping: mapping.options.year_mapping,
		saipeLag: mapping.options.saipe_lag ?? 1,
		percentFields: new Set()
	};
	const scales =
		options.fastPath !== false && fastPathApplies(plan, base) && !readsDosageRules(plan)
			? await checkFast(db, names.checked, names, staged, plan, base)
			: await checkFull(db, source.name, names.checked, staged, plan, mapping, base);
	const target = plan.target.spec.name;
	const prior = (await hasRows(db, target)) ? target : undefined;
	if (prior) await ensureLoadedFiles(db);
	await db.exec(
		duplicatesTableSql(
			names.dups,
			names.checked,
			plan,
			mapping.options.duplicates ?? 'keep_first',
			prior
		)
	);
	const [counts] = await db.query<{ errors: number; dups: number }>(
		sql`SELECT (SELECT count(*) FROM ${names.checked} WHERE has_error) AS errors, (SELECT count(*) FROM ${names.dups}) AS dups`
	);
	const rowsRejected = staged.structural.length + (counts?.errors ?? 0) + (counts?.dups ?? 0);
	const rowsLoaded = staged.records - (counts?.errors ?? 0) - (counts?.dups ?? 0);
	const loaded = loadedRowsSql(names.checked, names.dups, {
		errors: counts?.errors ?? 0,
		dups: counts?.dups ?? 0
	});
	const label = plan.fields.find((p) => p.field.name === 'leaid')?.label ?? 'leaid';
	const reference = options.reference ?? 'districts';
	const canMatch =
		reference !== false &&
		plan.target.spec.name !== reference &&
		plan.fields.some((p) => p.field.name === 'leaid' && p.source.kind !== 'absent') &&
		(await hasRows(db, reference));
	const matched = canMatch
		? await matchDistricts(
				db,
				source.name,
				loaded,
				reference,
				label,
				limits.maxWarningsListedPerCode
			)
		: undefined;
	const rejected = await rejectedRows({
		db,
		table: plan.target.spec.name,
		checked: names.checked,
		dups: names.dups,
		staged,
		plan,
		limit: limits.maxRejectedListed,
		headerLine: source.header.line,
		delimiter: source.dialect.delimiter,
		keep: mapping.options.duplicates === 'keep_last' ? 'last' : 'first'
	});
	const rejectIssues = rejected.flatMap((row) =>
		row.reasons.map((r) =>
			issue('error', r.code, source.name, r.message, {
				line: row.line,
				column: r.column,
				value: r.value
			})
		)
	);
	const warnings = await rowWarnings(
		db,
		source.name,
		loaded,
		plan,
		limits.maxWarningsListedPerCode
	);
	const changes = await changeRecords(db, loaded, plan);
	const missing = await missingRecords(db, loaded, plan);
	options.signal?.throwIfAborted();
	progress('loading', rowsRead);
	if (rowsRead !== rowsLoaded + rowsRejected) {
		throw new Error(
			`accounting: ${rowsRead} read ≠ ${rowsLoaded} loaded + ${rowsRejected} rejected`
		);
	}
	await insertLoaded(db, plan, loaded, rowsLoaded, source.name);
	const report: FileReport = {
		version: 1,
		file: source.name,
		table: plan.target.spec.name,
		status: 'loaded',
		format: source.format,
		encoding: source.encoding,
		...(source.sheet ? { sheet: source.sheet } : {}),
		delimiter: source.dialect.delimiter,
		headerLine: source.header.line,
		header: source.header.fields,
		mapping,
		rowsRead,
		rowsLoaded,
		rowsRejected,
		blankLinesSkipped: staged.blankRecords,
		issues: [],
		rejected,
		rejectedNotListed: rowsRejected - rejected.length,
		changes,
		missing,
		...(matched ? { districtMatch: matched.match } : {})
	};
	progress('done', rowsRead);
	const issues = [
		...source.notices,
		...planIssues,
		...scales.issues,
		...rejectIssues,
		...warnings,
		...(matched?.issues ?? [])
	];
	return { ...report, issues: [...issues, ...fileSummaryIssues(report, issues)] };
}

import type { Database } from '../db/database.ts';
import type { Coverage } from '../ingest/coverage.ts';
import { issue } from '../ingest/issues.ts';
import { readingOptions, type ColumnMapping } from '../ingest/mapping/mapping.ts';
import type { FileReport } from '../ingest/report.ts';
import { withSameContentWarning } from '../ingest/same-content.ts';
import { checkBrowserSize } from '../ingest/worker/browser-limits.ts';
import { coverageOf, dataVersionOf, inputsOf, LOAD_ORDER, resetTables } from './engine.ts';
import { FileEntry } from './file-entry.svelte.ts';
import { DeviceKeeper } from './keeper.ts';
import { loadFile, readHead, type OpenFile } from './open-file.ts';
import type { WorkspaceStore } from './store.ts';
import { fitToHeaders, mappingForTable, suggestFor } from './suggest.ts';
import type { InputHash } from '../export/datapackage.ts';

/** The user's data now in the engine (its fingerprint and files), or null when it no longer is. */
export type DataChange = {
	readonly db: Database;
	readonly dataVersion: string;
	readonly inputs: readonly InputHash[];
} | null;

export interface WorkspaceDeps {
	readonly store: WorkspaceStore;
	readonly open: OpenFile;
	/** The engine, once whatever it was loading (the demo data) has settled. */
	readonly database: () => Promise<Database>;
	readonly deviceMemoryGb?: number;
	readonly onChange?: (change: DataChange) => void;
}

const order = (e: FileEntry) => LOAD_ORDER.indexOf(e.mapping?.table ?? '');

/**
 * The user's files: reading each one's header, its mapping, loading it into the engine (one load
 * at a time, cancellable), the reports, district coverage, and "keep on this device" / "forget".
 */
export class Workspace {
	entries = $state.raw<readonly FileEntry[]>([]);
	keeping = $state(false);
	coverage = $state.raw<readonly Coverage[]>([]);
	/** True while the user's tables are in the engine (not the demo data). */
	inEngine = $state(false);
	/** The latest step, for the page's live region. */
	announcement = $state('');
	/** The element to focus after a step (a file's title, a report's heading), by id. */
	focusRequest = $state<string | null>(null);
	/** Why files kept in an earlier visit could not be restored (they were removed), or ''. */
	restoreProblem = $state('');
	/** False until files kept in an earlier visit are back (the page's ready signal). */
	restored = $state(false);
	readonly reports: FileReport[] = $derived(
		this.entries.flatMap((e) => (e.phase === 'loaded' && e.report ? [e.report] : []))
	);

	readonly #deps: WorkspaceDeps;
	readonly #keeper: DeviceKeeper;
	#queue: Promise<unknown> = Promise.resolve();

	constructor(deps: WorkspaceDeps) {
		this.#deps = deps;
		this.#keeper = new DeviceKeeper(deps.store);
	}

	/** Adds files (several at once); each is checked for size, then its header read off the main thread. */
	add(files: readonly File[]): FileEntry[] {
		const added = files.map((f) => new FileEntry(f, f.name));
		this.entries = [...this.entries, ...added];
		const first = added[0];
		for (const entry of added)
			void this.#readHead(entry).then(() => {
				if (entry === first) this.focusRequest = `${entry.id}-title`;
			});
		return added;
	}

	/**
	 * Sets the file's mapping. When it reads the file another way (another header line or
	 * worksheet), the header and samples are read again first, and the columns fitted to them.
	 */
	setMapping(entry: FileEntry, mapping: ColumnMapping): Promise<void> {
		const before = entry.mapping ? readingOptions(entry.mapping.options) : {};
		if (JSON.stringify(before) === JSON.stringify(readingOptions(mapping.options))) {
			entry.mapping = mapping;
			return this.#keeper.save(entry.stored());
		}
		return this.#reread(entry, mapping);
	}

	/** Points the file at another table, with its preset for that table or the columns suggested. */
	chooseTable(entry: FileEntry, table: string): void {
		void this.setMapping(
			entry,
			mappingForTable(entry.name, entry.head?.info.header.fields ?? [], table)
		);
	}

	/** Loads a file (again, after a change: then every loaded file is reloaded, in order). */
	load(entry: FileEntry): Promise<void> {
		const again = entry.report !== null || !this.inEngine;
		const others = again ? this.#loadable().filter((e) => e !== entry) : [];
		return this.#loadBatch([...others, entry], again);
	}

	cancel(entry: FileEntry): void {
		entry.abort?.abort(new DOMException('Loading was cancelled.', 'AbortError'));
	}

	async remove(entry: FileEntry): Promise<void> {
		this.cancel(entry);
		const wasLoaded = entry.phase === 'loaded';
		this.entries = this.entries.filter((e) => e !== entry);
		await this.#keeper.remove(entry.id);
		if (wasLoaded) await this.#loadBatch(this.#loadable(), true);
		this.announcement = `Removed ${entry.name}.`;
	}

	async setKeeping(on: boolean): Promise<void> {
		if (on) await this.#keeper.keep(this.entries.filter((e) => e.head).map((e) => e.stored()));
		else await this.#keeper.forget();
		this.keeping = this.#keeper.enabled;
		this.announcement = on
			? 'Your files and mappings are kept in this browser.'
			: 'Nothing is kept in this browser any more.';
	}

	/** Removes everything: kept files, the in-memory tables, the list. */
	async forget(): Promise<void> {
		for (const entry of this.entries) this.cancel(entry);
		this.entries = [];
		this.coverage = [];
		await this.#keeper.forget();
		this.keeping = false;
		await this.#serial(async () => {
			if (this.inEngine) await resetTables(await this.#deps.database());
			this.inEngine = false;
		});
		this.#deps.onChange?.(null);
		this.announcement = 'Your data was removed from this browser.';
	}

	/**
	 * Restores the files kept in an earlier visit and loads them again. Kept data that cannot be
	 * read is removed, with a message (`restoreProblem`); the page works on as if nothing was kept.
	 */
	async restore(): Promise<void> {
		try {
			const kept = await this.#keeper.restore().catch(async (error: unknown) => {
				await this.#keeper.forget().catch(() => undefined);
				const reason = error instanceof Error ? error.message : String(error);
				this.restoreProblem = `The files kept in this browser could not be read back (${reason}), so they were removed from it. Add your files again.`;
				this.announcement = this.restoreProblem;
				return [];
			});
			this.keeping = this.#keeper.enabled;
			if (kept.length === 0) return;
			const entries = kept.map((k) => new FileEntry(k.blob, k.name, k.id));
			this.entries = entries;
			await Promise.all(entries.map((e, i) => this.#readHead(e, kept[i]!.mapping)));
			await this.#loadBatch(
				entries.filter((e) => e.mapping),
				true
			);
		} finally {
			this.restored = true;
		}
	}

	/** The engine went back to the demo data: the files stay listed, ready to load again. */
	detach(): void {
		this.inEngine = false;
	}

	/** Loads every mapped file again (after `detach`). */
	reloadAll(): Promise<void> {
		return this.#loadBatch(this.#loadable(), true);
	}

	#loadable(): FileEntry[] {
		return this.entries.filter((e) => e.report !== null && e.mapping !== null);
	}

	async #readHead(entry: FileEntry, kept?: ColumnMapping | null): Promise<void> {
		const tooLarge = checkBrowserSize(entry.name, entry.file.size, this.#deps.deviceMemoryGb);
		const result = tooLarge
			? { ok: false as const, issues: [tooLarge] }
			: await readHead(this.#deps.open, entry.file, entry.name, kept);
		if (!result.ok) {
			entry.readIssues = result.issues;
			entry.phase = 'unreadable';
			this.announcement = `${entry.name} could not be read.`;
			return;
		}
		entry.head = result.head;
		const suggestion = suggestFor(entry.name, result.head.info.header.fields);
		entry.mapping = kept ?? suggestion.mapping;
		entry.suggestion = kept ? 'Your saved mapping.' : suggestion.reason;
		entry.phase = 'mapping';
		await this.#keeper.save(entry.stored());
		this.announcement = `${entry.name} is read: check how its columns map.`;
	}

	/** Reads the header again as `mapping` says; a failure keeps the earlier header, with the reason. */
	async #reread(entry: FileEntry, mapping: ColumnMapping): Promise<void> {
		const result = await readHead(this.#deps.open, entry.file, entry.name, mapping);
		if (!result.ok) {
			entry.readIssues = result.issues;
			this.announcement = `${entry.name} could not be read that way: ${result.issues[0]?.message ?? ''}`;
			return;
		}
		entry.readIssues = [];
		entry.head = result.head;
		entry.mapping = fitToHeaders(mapping, entry.name, result.head.info.header.fields);
		await this.#keeper.save(entry.stored());
		this.announcement = `${entry.name} was read again, with its header on line ${result.head.info.header.line}.`;
	}

	#loadBatch(batch: FileEntry[], fromEmpty: boolean): Promise<void> {
		const sorted = batch.filter((e) => e.mapping).sort((a, b) => order(a) - order(b));
		for (const entry of sorted) {
			entry.abort = new AbortController();
			entry.phase = 'queued';
		}
		return this.#serial(async () => {
			const db = await this.#deps.database();
			if (fromEmpty || !this.inEngine) {
				await resetTables(db);
				for (const e of this.entries) if (e.phase === 'loaded') e.phase = 'mapping';
			}
			this.inEngine = true;
			for (const entry of sorted) await this.#loadOne(db, entry);
			this.coverage = await coverageOf(db, this.reports);
			const reports = this.reports;
			this.#deps.onChange?.(
				reports.length > 0
					? { db, dataVersion: await dataVersionOf(reports), inputs: inputsOf(reports) }
					: null
			);
		});
	}

	async #loadOne(db: Database, entry: FileEntry): Promise<void> {
		const signal = entry.abort!.signal;
		if (signal.aborted) return this.#cancelled(entry);
		entry.phase = 'loading';
		this.announcement = `Loading ${entry.name}…`;
		try {
			const report = await loadFile(db, this.#deps.open, entry.file, entry.name, entry.mapping!, {
				signal,
				onProgress: (progress) => (entry.progress = progress)
			});
			entry.report = withSameContentWarning(report, this.reports);
			entry.phase = 'loaded';
			this.focusRequest = `${entry.id}-report`;
			const r = entry.report;
			this.announcement = `${entry.name}: ${r.rowsRead} rows read, ${r.rowsLoaded} loaded, ${r.rowsRejected} rejected.`;
		} catch (error) {
			if (signal.aborted) return this.#cancelled(entry);
			const reason = error instanceof Error ? error.message : String(error);
			entry.readIssues = [
				issue('error', 'load_failed', entry.name, `The file could not be loaded: ${reason}`)
			];
			entry.phase = 'unreadable';
		} finally {
			entry.progress = null;
			entry.abort = null;
		}
	}

	#cancelled(entry: FileEntry): void {
		entry.phase = 'cancelled';
		this.focusRequest = `${entry.id}-title`;
		entry.report = null;
		this.announcement = `Loading ${entry.name} was cancelled; nothing from it was kept.`;
	}

	#serial<T>(task: () => Promise<T>): Promise<T> {
		const run = this.#queue.then(task, task);
		this.#queue = run.catch(() => undefined);
		return run;
	}
}

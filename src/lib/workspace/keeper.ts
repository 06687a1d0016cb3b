import { parseMapping } from '../ingest/mapping/mapping.ts';
import type { StoredFile, WorkspaceStore } from './store.ts';

/** What was kept on this device cannot be read back (corrupted, or written by something else). */
export class DamagedStoreError extends Error {
	constructor(reason: string) {
		super(reason);
		this.name = 'DamagedStoreError';
	}
}

/** A record as `keep` writes it: ids and names as text, the bytes as a Blob, a valid mapping or none. */
function isStoredFile(value: unknown): value is StoredFile {
	if (typeof value !== 'object' || value === null) return false;
	const f = value as Record<string, unknown>;
	return (
		typeof f.id === 'string' &&
		typeof f.name === 'string' &&
		f.blob instanceof Blob &&
		(f.mapping === null || parseMapping(f.mapping).ok)
	);
}

/**
 * "Keep on this device": writes the user's files and mappings to the store only while the user
 * has chosen to keep them; turning it off or forgetting removes everything that was written.
 */
export class DeviceKeeper {
	readonly #store: WorkspaceStore;
	#enabled = false;

	constructor(store: WorkspaceStore) {
		this.#store = store;
	}

	get enabled(): boolean {
		return this.#enabled;
	}

	/**
	 * The files kept in an earlier visit (keeping stays on), or none (nothing is created). Throws
	 * `DamagedStoreError` when what is kept cannot be read or is not what this site wrote.
	 */
	async restore(): Promise<StoredFile[]> {
		let files: unknown[];
		try {
			if (!(await this.#store.exists())) return [];
			files = await this.#store.list();
		} catch (error) {
			throw new DamagedStoreError(error instanceof Error ? error.message : String(error));
		}
		const damaged = files.filter((f) => !isStoredFile(f)).length;
		if (damaged > 0)
			throw new DamagedStoreError(`${damaged} of ${files.length} records are damaged`);
		this.#enabled = files.length > 0;
		return files as StoredFile[];
	}

	/** Starts keeping, writing the current files. */
	async keep(files: readonly StoredFile[]): Promise<void> {
		this.#enabled = true;
		for (const file of files) await this.#store.put(file);
	}

	/** Saves a new or changed file, when keeping. */
	async save(file: StoredFile): Promise<void> {
		if (this.#enabled) await this.#store.put(file);
	}

	async remove(id: string): Promise<void> {
		if (this.#enabled) await this.#store.remove(id);
	}

	/** Stops keeping and removes everything kept (also what "forget my data" does). */
	async forget(): Promise<void> {
		this.#enabled = false;
		await this.#store.clear();
	}
}

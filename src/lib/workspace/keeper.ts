import type { StoredFile, WorkspaceStore } from './store.ts';

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

	/** The files kept in an earlier visit (keeping stays on), or none (nothing is created). */
	async restore(): Promise<StoredFile[]> {
		if (!(await this.#store.exists())) return [];
		const files = await this.#store.list();
		this.#enabled = files.length > 0;
		return files;
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

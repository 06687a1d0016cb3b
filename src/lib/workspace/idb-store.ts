import type { StoredFile, WorkspaceStore } from './store.ts';

/** The one IndexedDB database the site ever creates, and only when the user keeps data. */
export const WORKSPACE_DB = 'adoption-gap-workspace';
const FILES = 'files';

function request<T>(req: IDBRequest<T>): Promise<T> {
	return new Promise((resolve, reject) => {
		req.onsuccess = () => resolve(req.result);
		req.onerror = () => reject(req.error ?? new Error('IndexedDB request failed'));
	});
}

/** Kept files in IndexedDB (the file's bytes as a Blob, its mapping as plain data). */
export class IndexedDbStore implements WorkspaceStore {
	readonly #factory: IDBFactory;
	#db: Promise<IDBDatabase> | undefined;

	constructor(factory: IDBFactory = indexedDB) {
		this.#factory = factory;
	}

	async exists(): Promise<boolean> {
		const databases = await this.#factory.databases();
		return databases.some((d) => d.name === WORKSPACE_DB);
	}

	async list(): Promise<StoredFile[]> {
		if (!(await this.exists())) return [];
		return request((await this.#store('readonly')).getAll() as IDBRequest<StoredFile[]>);
	}

	async put(file: StoredFile): Promise<void> {
		await request((await this.#store('readwrite')).put(file));
	}

	async remove(id: string): Promise<void> {
		if (await this.exists()) await request((await this.#store('readwrite')).delete(id));
	}

	/** Deletes the whole database, so nothing of the user's remains in this browser. */
	async clear(): Promise<void> {
		const open = this.#db;
		this.#db = undefined;
		if (open) (await open.catch(() => null))?.close();
		await request(this.#factory.deleteDatabase(WORKSPACE_DB));
	}

	async #store(mode: IDBTransactionMode): Promise<IDBObjectStore> {
		this.#db ??= this.#open();
		return (await this.#db).transaction(FILES, mode).objectStore(FILES);
	}

	#open(): Promise<IDBDatabase> {
		const req = this.#factory.open(WORKSPACE_DB, 1);
		req.onupgradeneeded = () => req.result.createObjectStore(FILES, { keyPath: 'id' });
		return request(req);
	}
}

import type { ColumnMapping } from '../ingest/mapping/mapping.ts';

/** A file the user chose to keep on this device: its bytes and how its columns map. */
export interface StoredFile {
	readonly id: string;
	readonly name: string;
	readonly blob: Blob;
	readonly mapping: ColumnMapping | null;
}

/**
 * Where kept files live (IndexedDB in the browser, memory in tests). Nothing is written unless
 * the user chose "keep on this device"; `clear` removes every trace, the container included.
 */
export interface WorkspaceStore {
	/** True when anything was kept, checked without creating the container. */
	exists(): Promise<boolean>;
	list(): Promise<StoredFile[]>;
	put(file: StoredFile): Promise<void>;
	remove(id: string): Promise<void>;
	clear(): Promise<void>;
}

/** A store in memory (tests, and browsers without IndexedDB). */
export class MemoryStore implements WorkspaceStore {
	readonly files = new Map<string, StoredFile>();

	async exists(): Promise<boolean> {
		return this.files.size > 0;
	}

	async list(): Promise<StoredFile[]> {
		return [...this.files.values()];
	}

	async put(file: StoredFile): Promise<void> {
		this.files.set(file.id, file);
	}

	async remove(id: string): Promise<void> {
		this.files.delete(id);
	}

	async clear(): Promise<void> {
		this.files.clear();
	}
}

import { describe, expect, it } from 'vitest';
import { DamagedStoreError, DeviceKeeper } from '#lib/workspace/keeper.ts';
import { MemoryStore, type StoredFile, type WorkspaceStore } from '#lib/workspace/store.ts';

const good: StoredFile = {
	id: 'file-1',
	name: 'districts.csv',
	blob: new Blob(['leaid\n0100190\n']),
	mapping: { version: 1, table: 'districts', columns: { leaid: 'leaid' }, options: {} }
};

/** A store holding whatever was found on the device, valid or not. */
function storeWith(...records: unknown[]): MemoryStore {
	const store = new MemoryStore();
	records.forEach((r, i) => store.files.set(String(i), r as StoredFile));
	return store;
}

describe('kept data that cannot be read back', () => {
	it.each([
		['a record without its bytes', { ...good, blob: 'leaid\n0100190\n' }],
		['a record without a name', { ...good, name: null }],
		[
			'a mapping for an unknown table',
			{ ...good, mapping: { version: 1, table: 'x', columns: {} } }
		],
		['not a record at all', 'garbage']
	])('%s is refused as damaged, not handed to the page', async (_, record) => {
		const keeper = new DeviceKeeper(storeWith(good, record));
		await expect(keeper.restore()).rejects.toThrow(
			new DamagedStoreError('1 of 2 records are damaged')
		);
		expect(keeper.enabled).toBe(false);
	});

	it('a store that fails to open is refused with its reason, and forgetting still clears it', async () => {
		const broken: WorkspaceStore = {
			exists: async () => true,
			list: async () => {
				throw new Error("object store 'files' not found");
			},
			put: async () => undefined,
			remove: async () => undefined,
			clear: async () => undefined
		};
		const keeper = new DeviceKeeper(broken);
		await expect(keeper.restore()).rejects.toThrow("object store 'files' not found");
		await expect(keeper.forget()).resolves.toBeUndefined();
	});

	it('valid records are restored as they were kept', async () => {
		const keeper = new DeviceKeeper(storeWith(good));
		expect(await keeper.restore()).toEqual([good]);
		expect(keeper.enabled).toBe(true);
	});
});

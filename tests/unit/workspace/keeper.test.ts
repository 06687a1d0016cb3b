import { describe, expect, it } from 'vitest';
import { DeviceKeeper } from '#lib/workspace/keeper.ts';
import { MemoryStore, type StoredFile } from '#lib/workspace/store.ts';

const file = (id: string): StoredFile => ({
	id,
	name: `${id}.csv`,
	blob: new Blob([`leaid\n010000${id}\n`]),
	mapping: { version: 1, table: 'districts', columns: { leaid: 'leaid' }, options: {} }
});

describe('DeviceKeeper', () => {
	it('writes nothing until the user chooses to keep', async () => {
		const store = new MemoryStore();
		const keeper = new DeviceKeeper(store);
		await keeper.save(file('1'));
		expect(store.files.size).toBe(0);
		expect(await new DeviceKeeper(store).restore()).toEqual([]);
	});

	it('keep writes the current files, later saves and removals follow, and a new visit restores them', async () => {
		const store = new MemoryStore();
		const keeper = new DeviceKeeper(store);
		await keeper.keep([file('1'), file('2')]);
		await keeper.save(file('3'));
		await keeper.remove('2');
		const next = new DeviceKeeper(store);
		const restored = await next.restore();
		expect(restored.map((f) => f.id)).toEqual(['1', '3']);
		expect(await restored[0]!.blob.text()).toBe('leaid\n0100001\n');
		expect(next.enabled).toBe(true);
	});

	it('forget removes everything and stops keeping', async () => {
		const store = new MemoryStore();
		const keeper = new DeviceKeeper(store);
		await keeper.keep([file('1')]);
		await keeper.forget();
		await keeper.save(file('2'));
		expect(store.files.size).toBe(0);
		expect(keeper.enabled).toBe(false);
		expect(await store.exists()).toBe(false);
	});
});

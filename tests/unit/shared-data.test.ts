import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, describe, expect, it, vi } from 'vitest';

const present = mkdtempSync(join(tmpdir(), 'adoption-gap-shared-'));
const missing = join(present, 'no-such-folder');
afterAll(() => rmSync(present, { recursive: true, force: true }));

/** The helper as a fresh module, so it reads the stubbed environment. */
async function loadHelper(env: { folder: string; ci?: string }) {
	vi.stubEnv('ADOPTION_GAP_SHARED_DATA', env.folder);
	vi.stubEnv('CI', env.ci);
	vi.resetModules();
	return import('../helpers/shared-data.ts');
}

afterEach(() => {
	vi.unstubAllEnvs();
	vi.restoreAllMocks();
});

describe('sharedDataAvailable', () => {
	it('reads the folder named by ADOPTION_GAP_SHARED_DATA', async () => {
		const { SHARED_DATA, sharedDataAvailable } = await loadHelper({ folder: present, ci: 'true' });
		expect(SHARED_DATA).toBe(present);
		expect(sharedDataAvailable()).toBe(true);
	});

	it('defaults to ../shared/data', async () => {
		vi.stubEnv('ADOPTION_GAP_SHARED_DATA', undefined);
		vi.resetModules();
		const { SHARED_DATA } = await import('../helpers/shared-data.ts');
		expect(SHARED_DATA).toBe(join(process.cwd(), '..', 'shared', 'data'));
	});

	it('skips with a message naming the folder and the variable when the folder is missing', async () => {
		const warn = vi.spyOn(console, 'warn').mockImplementation(() => {});
		const { sharedDataAvailable } = await loadHelper({ folder: missing });
		expect(sharedDataAvailable()).toBe(false);
		expect(warn).toHaveBeenCalledOnce();
		expect(warn.mock.calls[0]?.[0]).toContain(missing);
		expect(warn.mock.calls[0]?.[0]).toContain('ADOPTION_GAP_SHARED_DATA');
	});

	it('fails under CI=true when the folder is missing, naming it', async () => {
		const { sharedDataAvailable } = await loadHelper({ folder: missing, ci: 'true' });
		expect(() => sharedDataAvailable()).toThrow(missing);
		expect(() => sharedDataAvailable()).toThrow(/CI=true/);
	});
});

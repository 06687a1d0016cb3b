import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { singleFlight, withTimeout } from '#lib/db/database.ts';
import { engineStartTimeout, EngineStartError } from '#lib/db/errors.ts';

const MS = 30_000;

/** A start-up the test settles by hand; `calls` counts how often it was begun. */
function controlledStart() {
	const attempts: { resolve: (v: string) => void; reject: (e: Error) => void }[] = [];
	const start = vi.fn(
		() =>
			new Promise<string>((resolve, reject) => {
				attempts.push({ resolve, reject });
			})
	);
	return { start, attempts };
}

beforeEach(() => {
	vi.useFakeTimers();
});
afterEach(() => {
	vi.useRealTimers();
});

describe('withTimeout', () => {
	it('passes the result through when the promise settles in time, and clears its timer', async () => {
		await expect(withTimeout(Promise.resolve(7), MS, () => new Error('late'))).resolves.toBe(7);
		expect(vi.getTimerCount()).toBe(0);
	});

	it('rejects with the given error at the deadline, not a millisecond before', async () => {
		const never = new Promise<never>(() => {});
		const outcome = withTimeout(never, MS, () => engineStartTimeout(MS)).catch((e: unknown) => e);
		let settled = false;
		void outcome.then(() => (settled = true));
		await vi.advanceTimersByTimeAsync(MS - 1);
		expect(settled).toBe(false);
		await vi.advanceTimersByTimeAsync(1);
		const error = await outcome;
		expect(error).toBeInstanceOf(EngineStartError);
		expect((error as Error).message).toMatch(/did not start within 30 s/);
		expect((error as Error).message).toMatch(/application\/wasm/);
		expect((error as Error).message).toMatch(/wasm-unsafe-eval/);
	});
});

describe('singleFlight', () => {
	it('gives concurrent callers one shared start-up', async () => {
		const { start, attempts } = controlledStart();
		const open = singleFlight(start, MS, () => engineStartTimeout(MS));
		const first = open();
		const second = open();
		expect(start).toHaveBeenCalledTimes(1);
		expect(second).toBe(first);
		attempts[0]?.resolve('db');
		await expect(Promise.all([first, second])).resolves.toEqual(['db', 'db']);
		// Once started, later callers get the same engine without a new start-up.
		await expect(open()).resolves.toBe('db');
		expect(start).toHaveBeenCalledTimes(1);
	});

	it('rejects every waiting caller with the timeout error when the start-up hangs', async () => {
		const { start } = controlledStart();
		const open = singleFlight(start, MS, () => engineStartTimeout(MS));
		const outcomes = [open(), open()].map((p) => p.catch((e: unknown) => e));
		await vi.advanceTimersByTimeAsync(MS);
		for (const error of await Promise.all(outcomes)) {
			expect(error).toBeInstanceOf(EngineStartError);
			expect((error as Error).message).toMatch(/application\/wasm/);
		}
		expect(start).toHaveBeenCalledTimes(1);
	});

	it('starts afresh after a timed-out start-up', async () => {
		const { start, attempts } = controlledStart();
		const open = singleFlight(start, MS, () => engineStartTimeout(MS));
		const first = open().catch((e: unknown) => e);
		await vi.advanceTimersByTimeAsync(MS);
		expect(await first).toBeInstanceOf(EngineStartError);
		const retry = open();
		expect(start).toHaveBeenCalledTimes(2);
		attempts[1]?.resolve('db');
		await expect(retry).resolves.toBe('db');
	});

	it('starts afresh after a failed start-up, and passes the failure on', async () => {
		const { start, attempts } = controlledStart();
		const open = singleFlight(start, MS, () => engineStartTimeout(MS));
		const first = open();
		attempts[0]?.reject(new Error('worker crashed'));
		await expect(first).rejects.toThrow('worker crashed');
		const retry = open();
		expect(start).toHaveBeenCalledTimes(2);
		attempts[1]?.resolve('db');
		await expect(retry).resolves.toBe('db');
		expect(vi.getTimerCount()).toBe(0);
	});
});

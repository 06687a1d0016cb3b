import { expect } from 'vitest';

/**
 * Deep equality with numbers compared to 1e-9 relative (or 1e-12 absolute) tolerance: for
 * figures rebuilt from sums, which differ from the per-unit path only in the last bits.
 */
export function expectCloseDeep(actual: unknown, expected: unknown, path = '$'): void {
	if (typeof expected === 'number' && typeof actual === 'number') {
		const tolerance = Math.max(1e-12, 1e-9 * Math.abs(expected));
		if (Number.isNaN(expected)) expect(actual, path).toBeNaN();
		else
			expect(Math.abs(actual - expected), `${path}: ${actual} vs ${expected}`).toBeLessThanOrEqual(
				tolerance
			);
		return;
	}
	if (Array.isArray(expected)) {
		expect(Array.isArray(actual), path).toBe(true);
		expect((actual as unknown[]).length, `${path}.length`).toBe(expected.length);
		expected.forEach((e, i) => expectCloseDeep((actual as unknown[])[i], e, `${path}[${i}]`));
		return;
	}
	if (expected !== null && typeof expected === 'object') {
		expect(actual !== null && typeof actual === 'object', path).toBe(true);
		const a = actual as Record<string, unknown>;
		expect(Object.keys(a).sort(), `${path} keys`).toEqual(Object.keys(expected).sort());
		for (const [key, value] of Object.entries(expected))
			expectCloseDeep(a[key], value, `${path}.${key}`);
		return;
	}
	expect(actual, path).toEqual(expected);
}

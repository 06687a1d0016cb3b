import { issue, type ValidationIssue } from '../issues.ts';
import { formatBytes } from '../limits.ts';

/**
 * The largest upload the browser takes: 800 MB, lower on small devices (`navigator.deviceMemory`
 * in GB × 128 MB, when the browser reports it). Why: DuckDB-WASM is a 32-bit build (at most 4 GB
 * of memory), and a load holds the decoded text, the staged rows and the checked rows at once,
 * about four times the file. Larger files go through the command line (same engine, in Node).
 */
export const BROWSER_MAX_BYTES = 800 * 1024 ** 2;

/** The limit for a device with `deviceMemoryGb` of memory (undefined: not reported). */
export function browserMaxBytes(deviceMemoryGb?: number): number {
	if (!deviceMemoryGb || deviceMemoryGb <= 0) return BROWSER_MAX_BYTES;
	return Math.min(BROWSER_MAX_BYTES, Math.max(128, deviceMemoryGb * 128) * 1024 ** 2);
}

/** An error when a file is too big for the browser, naming the limit and the way out; else null. */
export function checkBrowserSize(
	name: string,
	size: number,
	deviceMemoryGb?: number
): ValidationIssue | null {
	const max = browserMaxBytes(deviceMemoryGb);
	if (size <= max) return null;
	return issue(
		'error',
		'too_large',
		name,
		`The file is ${formatBytes(size)}; this browser can load files up to ${formatBytes(max)}. Use the command line (its \`validate\` command runs the same checks in Node, without this limit), or split the file.`
	);
}

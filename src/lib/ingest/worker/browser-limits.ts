import { issue, type ValidationIssue } from '../issues.ts';
import { formatBytes } from '../limits.ts';

/**
 * The largest upload the browser takes: 160 MB, lower on small devices (`navigator.deviceMemory`
 * in GB × 32 MB, at least 64 MB, when the browser reports it). Why: DuckDB-WASM is a 32-bit
 * build (at most 4 GB of memory), and a load holds the staged rows, the checked rows and the
 * views' tables at once (the worker's copy of the file is freed once its last chunk is out): the
 * benchmark measured a tab peak of about 19 times the file (1.6 GB for an 86 MB file of
 * student-week logs, `bench/REPORT.md`), and a 431 MB file ran out of memory. Larger files go
 * through the command line (same engine, in Node).
 */
export const BROWSER_MAX_BYTES = 160 * 1024 ** 2;

/** The limit for a device with `deviceMemoryGb` of memory (undefined: not reported). */
export function browserMaxBytes(deviceMemoryGb?: number): number {
	if (!deviceMemoryGb || deviceMemoryGb <= 0) return BROWSER_MAX_BYTES;
	return Math.min(BROWSER_MAX_BYTES, Math.max(64, deviceMemoryGb * 32) * 1024 ** 2);
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

import { readdirSync, readFileSync } from 'node:fs';

/** Resident memory of a process in MB, or 0 when it is gone. */
function rssMb(pid: number): number {
	try {
		const status = readFileSync(`/proc/${pid}/status`, 'utf8');
		const kb = /VmRSS:\s+(\d+)/.exec(status)?.[1];
		return kb ? Number(kb) / 1024 : 0;
	} catch {
		return 0;
	}
}

/** The renderer processes (tabs, with their workers) among the descendants of `root` (Linux). */
function renderers(root: number): number[] {
	const parents = new Map<number, number>();
	const commands = new Map<number, string>();
	for (const entry of readdirSync('/proc')) {
		const pid = Number(entry);
		if (!Number.isInteger(pid)) continue;
		try {
			const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
			parents.set(pid, Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]));
			commands.set(pid, readFileSync(`/proc/${pid}/cmdline`, 'utf8'));
		} catch {
			// The process ended while being read.
		}
	}
	const descends = (pid: number): boolean => {
		for (let p = parents.get(pid); p !== undefined && p > 1; p = parents.get(p)) {
			if (p === root) return true;
		}
		return false;
	};
	return [...commands]
		.filter(([pid, cmd]) => cmd.includes('--type=renderer') && descends(pid))
		.map(([pid]) => pid);
}

/**
 * Samples, every 100 ms, the resident memory of the largest renderer process started by this
 * Node process (the benchmark's tab: Chromium runs a page and its workers, DuckDB's included, in
 * one renderer process) and keeps the peak.
 */
export function rendererPeakSampler(root: number): { peakMb(): number; stop(): void } {
	let peak = 0;
	const sample = () => {
		for (const pid of renderers(root)) peak = Math.max(peak, rssMb(pid));
	};
	const timer = setInterval(sample, 100);
	return {
		peakMb: () => (sample(), peak),
		stop: () => clearInterval(timer)
	};
}

import { startBrowserDatabase } from '../db/browser.ts';
import { engineVersion, runLockdownProbes, type ProbeOutcome } from '../db/lockdown-probes.ts';

/** Starts the engine in this browser and runs the lock-down probes (the diagnostics page). */
export async function checkBrowserEngine(): Promise<{
	version: string;
	probes: ProbeOutcome[];
}> {
	const db = await startBrowserDatabase();
	return { version: await engineVersion(db), probes: await runLockdownProbes(db) };
}

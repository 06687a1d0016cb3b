import { startBrowserDatabase } from '../db/browser.ts';
import { runLockdownProbes, type ProbeOutcome } from '../db/lockdown-probes.ts';

/** Starts the engine in this browser and runs the lock-down probes (the diagnostics page). */
export async function checkBrowserEngine(): Promise<{
	version: string;
	probes: ProbeOutcome[];
}> {
	const db = await startBrowserDatabase();
	const [row] = await db.query<{ version: string }>('SELECT version() AS version');
	return { version: row?.version ?? 'unknown', probes: await runLockdownProbes(db) };
}

import type { Database } from './database.ts';
import { isQueryError } from './errors.ts';

/**
 * Queries that the locked-down engine must refuse at once with a plain explanation: offline,
 * DuckDB-WASM has no json, parquet, icu or encodings extension, and it may read no file outside
 * the app's own folder. Run by the unit tests in Node and by the diagnostics page in the browser.
 */
export const LOCKDOWN_PROBES = [
	{ id: 'json', label: 'a JSON cast', sql: `SELECT '{"a":1}'::JSON`, explains: /JSON functions/ },
	{
		id: 'parquet',
		label: 'a Parquet COPY',
		sql: `COPY (SELECT 1) TO '/adoption-gap/probe.parquet' (FORMAT parquet)`,
		explains: /Parquet/
	},
	{
		id: 'time-zone',
		label: 'a time-zone function',
		sql: `SELECT now() AT TIME ZONE 'America/New_York'`,
		explains: /Time-zone/
	},
	{
		id: 'encoding',
		label: 'a CSV encoding option',
		sql: `SELECT * FROM read_csv('/adoption-gap/probe.csv', encoding = 'windows-1252')`,
		explains: /encoding/
	},
	{
		id: 'outside-file',
		label: 'a file outside the app',
		sql: `SELECT * FROM read_csv('/etc/passwd')`,
		explains: /blocked/
	}
] as const;

export interface ProbeOutcome {
	readonly id: string;
	readonly label: string;
	/** True when the engine refused the query with the expected explanation. */
	readonly refused: boolean;
	readonly message: string;
	/** How long the engine took to answer, in milliseconds: a refusal must be immediate. */
	readonly ms: number;
}

/** Runs every probe; a probe that succeeds, or fails for another reason, is not `refused`. */
export async function runLockdownProbes(db: Database): Promise<ProbeOutcome[]> {
	await db.registerFile('probe.csv', 'a\n1\n');
	const outcomes: ProbeOutcome[] = [];
	for (const probe of LOCKDOWN_PROBES) {
		const begun = performance.now();
		const error = await db.query(probe.sql).then(
			() => null,
			(e: unknown) => e
		);
		const message = error instanceof Error ? error.message : 'the query ran';
		outcomes.push({
			id: probe.id,
			label: probe.label,
			refused: isQueryError(error) && probe.explains.test(message),
			message,
			ms: performance.now() - begun
		});
	}
	return outcomes;
}

/** The engine's DuckDB version string, e.g. `v1.4.3`, as the diagnostics page reports it. */
export async function engineVersion(db: Database): Promise<string> {
	const [row] = await db.query<{ version: string }>('SELECT version() AS version');
	return row?.version ?? 'unknown';
}

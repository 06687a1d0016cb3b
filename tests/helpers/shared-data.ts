import { existsSync } from 'node:fs';
import { resolve } from 'node:path';

/**
 * The folder of real public data beside the repo (`ADOPTION_GAP_SHARED_DATA`, default
 * `../shared/data`). Tests that need it skip with a message when it is absent, except under
 * `CI=true`, where its absence fails the run.
 */
export const SHARED_DATA = resolve(process.env.ADOPTION_GAP_SHARED_DATA ?? '../shared/data');

export function sharedDataAvailable(): boolean {
	if (existsSync(SHARED_DATA)) return true;
	if (process.env.CI === 'true') {
		throw new Error(`CI=true but the shared data folder is missing: ${SHARED_DATA}`);
	}
	console.warn(
		`Skipping tests on real data: ${SHARED_DATA} not found (set ADOPTION_GAP_SHARED_DATA).`
	);
	return false;
}

import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Database } from '#lib/db/database.ts';
import type { TableName } from '#lib/schema/tables.ts';
import { loadCsv } from '../../helpers/schema-db.ts';

export const USAGE_FIXTURES = 'tests/fixtures/usage';

/** Loads every `<table>.csv` of a fixture folder into the table of that name. */
export async function loadFixtureFolder(db: Database, folder: string): Promise<void> {
	const dir = join(USAGE_FIXTURES, folder);
	for (const file of readdirSync(dir).filter((f) => f.endsWith('.csv'))) {
		const table = file.replace(/\.csv$/, '') as TableName;
		await loadCsv(db, table, readFileSync(join(dir, file), 'utf8'));
	}
}

/** Empties the usage tables between scenarios that share one database. */
export async function clearUsageTables(db: Database): Promise<void> {
	for (const table of [
		'usage_student_week',
		'usage_roster',
		'usage_aggregate',
		'products',
		'calendar_exclusions',
		'districts'
	]) {
		await db.exec(`DELETE FROM ${table}`);
	}
}

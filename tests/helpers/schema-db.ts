import { readFileSync } from 'node:fs';
import type { Database } from '#lib/db/database.ts';
import { createNodeDatabase } from '#lib/db/node.ts';
import { createTableSql, insertCanonicalCsvSql } from '#lib/schema/ddl.ts';
import { TABLES, type TableName } from '#lib/schema/tables.ts';

/** A Node DuckDB-WASM database with every canonical table created (empty). */
export async function createSchemaDatabase(): Promise<Database> {
	const db = await createNodeDatabase();
	for (const table of TABLES) await db.exec(createTableSql(table));
	return db;
}

/** Loads canonical CSV text into a table through the app's own loader. */
export async function loadCsv(db: Database, table: TableName, csv: string): Promise<void> {
	const spec = TABLES.find((t) => t.name === table);
	if (!spec) throw new Error(`unknown table: ${table}`);
	const path = await db.registerFile(`fixtures/${table}-${crypto.randomUUID()}.csv`, csv);
	await db.exec(insertCanonicalCsvSql(spec, path));
	await db.dropFile(path);
}

/** Text of a file of tests/fixtures/survey. */
const surveyFixture = (name: string): string =>
	readFileSync(new URL(`../fixtures/survey/${name}`, import.meta.url), 'utf8');

/**
 * A schema database holding the survey fixtures (tests/fixtures/survey: districts, responses and
 * replicate weights, each hand-worked in its README).
 */
export async function createSurveyFixtureDatabase(): Promise<Database> {
	const db = await createSchemaDatabase();
	await loadCsv(db, 'districts', surveyFixture('districts.csv'));
	await loadCsv(db, 'survey_responses', surveyFixture('survey_responses.csv'));
	await loadCsv(db, 'survey_replicate_weights', surveyFixture('survey_replicate_weights.csv'));
	return db;
}

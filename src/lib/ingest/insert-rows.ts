import type { Database } from '../db/database.ts';
import { identifier, join, sql, type SqlQuery } from '../db/sql.ts';
import { createTableSql } from '../schema/ddl.ts';
import { lastRowid, recordLoadedFile } from './loaded-files.ts';
import { reads } from './validate/checked-sql.ts';
import { col, outputColumns } from './validate/columns.ts';
import type { LoadPlan } from './validate/plan.ts';

/**
 * Inserts the loaded rows in one transaction, checking the table grew by exactly `expected`, and
 * records that they came from `file` (`loaded-files.ts`).
 */
export async function insertLoaded(
	db: Database,
	plan: LoadPlan,
	loaded: SqlQuery,
	expected: number,
	file: string
): Promise<void> {
	const spec = plan.target.spec;
	if (!(await tableExists(db, spec.name))) await db.exec(createTableSql(spec));
	const outputs = new Set(plan.fields.flatMap((p) => outputColumns(p.field)));
	const reasons = new Set(plan.fields.filter(reads).map((p) => `${p.field.name}_missing_reason`));
	const values = spec.columns.map((c) => {
		if (outputs.has(c.name)) return col.value(c.name);
		if (reasons.has(c.name)) return col.missing(c.name.slice(0, -'_missing_reason'.length));
		return sql`NULL`;
	});
	const lastBefore = await lastRowid(db, spec.name);
	await db.exec('BEGIN TRANSACTION');
	try {
		const [before] = await db.query<{ n: number }>(
			sql`SELECT count(*) AS n FROM ${identifier(spec.name)}`
		);
		await db.exec(
			sql`INSERT INTO ${identifier(spec.name)} (${join(
				spec.columns.map((c) => identifier(c.name)),
				', '
			)}) SELECT ${join(values, ', ')} FROM ${loaded} ORDER BY rec`
		);
		const [after] = await db.query<{ n: number }>(
			sql`SELECT count(*) AS n FROM ${identifier(spec.name)}`
		);
		const inserted = (after?.n ?? 0) - (before?.n ?? 0);
		if (inserted !== expected)
			throw new Error(
				`accounting: expected ${expected} rows inserted into ${spec.name}, found ${inserted}`
			);
		await db.exec('COMMIT');
	} catch (error) {
		await db.exec('ROLLBACK');
		throw error;
	}
	// After the commit: inside the transaction, new rows have provisional row ids.
	await recordLoadedFile(db, spec.name, file, lastBefore);
}

async function tableExists(db: Database, name: string): Promise<boolean> {
	const [row] = await db.query<{ n: number }>(
		sql`SELECT count(*) AS n FROM duckdb_tables() WHERE table_name = ${name}`
	);
	return (row?.n ?? 0) > 0;
}

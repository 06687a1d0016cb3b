import type { Database } from '../../db/database.ts';
import { join, sql, type SqlQuery } from '../../db/sql.ts';
import type { MissingReason } from '../mapping/mapping.ts';
import type { ChangeRecord, MissingRecord } from '../report.ts';
import { hasOuterBlank, reads } from './checked-sql.ts';
import { col, outputColumns } from './columns.ts';
import type { LoadPlan } from './plan.ts';

interface Example {
	line: number;
	before: string | null;
	after: string | null;
}

interface Row {
	fi: number;
	rule: string;
	n: number;
	ex: Example[];
}

/** Arrow gives the list as a vector of struct rows; plain objects are wanted. */
function examples(list: unknown): Example[] {
	return Array.from(list as Iterable<{ toJSON(): Example }>, (e) => e.toJSON());
}

/** Per (field, rule): the count and the first three rows, by one hash aggregate (no sort). */
async function summarise(db: Database, parts: readonly SqlQuery[]): Promise<Row[]> {
	const rows = await db.query<Omit<Row, 'ex'> & { ex: unknown }>(
		sql`SELECT fi, rule, count(*)::INTEGER AS n, min_by({'line': line::INTEGER, 'before': before, 'after': after}, rec, 3) AS ex FROM (${join(parts, ' UNION ALL ')}) GROUP BY fi, rule ORDER BY fi, rule`
	);
	return rows.map((row) => ({ ...row, ex: examples(row.ex) }));
}

/**
 * Every normalisation rule that changed values of the loaded rows, per field: how many values
 * and the first three (line, before, after). Trimmed blanks count as `whitespace_trimmed`.
 */
export async function changeRecords(
	db: Database,
	loaded: SqlQuery,
	plan: LoadPlan
): Promise<ChangeRecord[]> {
	const parts = plan.fields.flatMap((p, i) => {
		const f = p.field.name;
		const after = join(
			outputColumns(p.field).map((c) => sql`coalesce(${col.value(c)}::VARCHAR, '')`),
			" || ' – ' || "
		);
		const before = p.source.kind === 'derived' ? sourceText(plan, p.source.from) : col.raw(f);
		const changed = sql`SELECT ${i} AS fi, ${col.change(f)} AS rule, rec, line, ${before} AS before, ${after} AS after FROM ${loaded} WHERE ${col.change(f)} IS NOT NULL`;
		const trimmed = sql`SELECT ${i} AS fi, 'whitespace_trimmed' AS rule, rec, line, ${col.raw(f)} AS before, trim(${col.raw(f)}, ' \t\n\r\u00a0') AS after FROM ${loaded} WHERE ${hasOuterBlank(col.raw(f))}`;
		return p.source.kind === 'column'
			? [changed, trimmed]
			: p.source.kind === 'derived'
				? [changed]
				: [];
	});
	if (parts.length === 0) return [];
	return (await summarise(db, parts)).map((row) => ({
		field: plan.fields[row.fi]!.field.name,
		column: plan.fields[row.fi]!.label,
		rule: row.rule,
		count: row.n,
		examples: row.ex.map((e) => ({ line: e.line, before: e.before ?? '', after: e.after ?? '' }))
	}));
}

/** Missing-value codes among the loaded rows, per field and reason, with the first lines. */
export async function missingRecords(
	db: Database,
	loaded: SqlQuery,
	plan: LoadPlan
): Promise<MissingRecord[]> {
	const parts = plan.fields.flatMap((p, i) =>
		reads(p)
			? [
					sql`SELECT ${i} AS fi, ${col.missing(p.field.name)} AS rule, rec, line, NULL AS before, NULL AS after FROM ${loaded} WHERE ${col.missing(p.field.name)} IS NOT NULL`
				]
			: []
	);
	if (parts.length === 0) return [];
	return (await summarise(db, parts)).map((row) => ({
		field: plan.fields[row.fi]!.field.name,
		column: plan.fields[row.fi]!.label,
		reason: row.rule as MissingReason,
		count: row.n,
		lines: row.ex.map((e) => e.line)
	}));
}

/** What a derived field was made from, as text (the raw text when read from the file). */
function sourceText(plan: LoadPlan, from: string): SqlQuery {
	const source = plan.fields.find((p) => p.field.name === from);
	return source?.source.kind === 'column' ? col.raw(from) : sql`${col.value(from)}::VARCHAR`;
}

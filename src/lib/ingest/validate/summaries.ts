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

/**
 * Per (field, rule): the count and the first three rows. Two steps, so the example text is built
 * for those few rows only: a hash aggregate gives counts and the first record numbers, then the
 * examples are read for just those records.
 */
async function summarise(db: Database, parts: readonly SqlQuery[]): Promise<Row[]> {
	const union = join(parts, ' UNION ALL ');
	const groups = await db.query<{ fi: number; rule: string; n: number; recs: unknown }>(
		sql`SELECT fi, rule, count(*)::INTEGER AS n, min_by(rec::INTEGER, rec, 3) AS recs FROM (${union}) GROUP BY fi, rule ORDER BY fi, rule`
	);
	const firsts = groups.map((g) => ({
		...g,
		recs: Array.from(g.recs as Iterable<number>, Number)
	}));
	const wanted = [...new Set(firsts.flatMap((g) => g.recs))];
	if (wanted.length === 0) return [];
	const rows = await db.query<{ fi: number; rule: string; rec: number } & Example>(
		sql`SELECT fi, rule, rec::INTEGER AS rec, line::INTEGER AS line, before, after FROM (${union}) WHERE rec IN (${join(
			wanted.map((r) => sql`${r}`),
			', '
		)}) ORDER BY rec`
	);
	return firsts.map((g) => ({
		fi: g.fi,
		rule: g.rule,
		n: g.n,
		ex: rows
			.filter((r) => r.fi === g.fi && r.rule === g.rule && g.recs.includes(r.rec))
			.map((r) => ({ line: r.line, before: r.before, after: r.after }))
	}));
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

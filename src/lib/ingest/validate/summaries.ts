import type { Database } from '../../db/database.ts';
import { join, literal, raw, sql, type SqlQuery } from '../../db/sql.ts';
import type { MissingReason } from '../mapping/mapping.ts';
import type { ChangeRecord, MissingRecord } from '../report.ts';
import { col, outputColumns } from './columns.ts';
import type { LoadPlan } from './plan.ts';

const EXAMPLES = 3;
const WS = "' ' || chr(9) || chr(10) || chr(13) || chr(160)";

interface Row {
	fi: number;
	rule: string;
	n: number;
	line: number;
	before: string | null;
	after: string | null;
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
		const trimmed = sql`SELECT ${i} AS fi, 'whitespace_trimmed' AS rule, rec, line, ${col.raw(f)} AS before, trim(${col.raw(f)}, ${raw(WS)}) AS after FROM ${loaded} WHERE ${col.raw(f)} <> trim(${col.raw(f)}, ${raw(WS)})`;
		return p.source.kind === 'column'
			? [changed, trimmed]
			: p.source.kind === 'derived'
				? [changed]
				: [];
	});
	if (parts.length === 0) return [];
	const rows = await db.query<Row>(
		sql`SELECT fi, rule, n, line, before, after FROM (SELECT *, count(*) OVER w AS n, row_number() OVER (w ORDER BY rec) AS k FROM (${join(parts, ' UNION ALL ')}) WINDOW w AS (PARTITION BY fi, rule)) WHERE k <= ${literal(String(EXAMPLES))}::INTEGER ORDER BY fi, rule, k`
	);
	return group(rows, (row, examples) => ({
		field: plan.fields[row.fi]!.field.name,
		column: plan.fields[row.fi]!.label,
		rule: row.rule,
		count: row.n,
		examples: examples.map((e) => ({ line: e.line, before: e.before ?? '', after: e.after ?? '' }))
	}));
}

/** Missing-value codes among the loaded rows, per field and reason, with the first lines. */
export async function missingRecords(
	db: Database,
	loaded: SqlQuery,
	plan: LoadPlan
): Promise<MissingRecord[]> {
	const parts = plan.fields.flatMap((p, i) =>
		p.source.kind === 'column' || p.source.kind === 'constant'
			? [
					sql`SELECT ${i} AS fi, ${col.missing(p.field.name)} AS rule, rec, line, NULL AS before, NULL AS after FROM ${loaded} WHERE ${col.missing(p.field.name)} IS NOT NULL`
				]
			: []
	);
	if (parts.length === 0) return [];
	const rows = await db.query<Row>(
		sql`SELECT fi, rule, n, line, before, after FROM (SELECT *, count(*) OVER w AS n, row_number() OVER (w ORDER BY rec) AS k FROM (${join(parts, ' UNION ALL ')}) WINDOW w AS (PARTITION BY fi, rule)) WHERE k <= ${literal(String(EXAMPLES))}::INTEGER ORDER BY fi, rule, k`
	);
	return group(rows, (row, examples) => ({
		field: plan.fields[row.fi]!.field.name,
		column: plan.fields[row.fi]!.label,
		reason: row.rule as MissingReason,
		count: row.n,
		lines: examples.map((e) => e.line)
	}));
}

/** What a derived field was made from, as text (the raw text when read from the file). */
function sourceText(plan: LoadPlan, from: string): SqlQuery {
	const source = plan.fields.find((p) => p.field.name === from);
	return source?.source.kind === 'column' ? col.raw(from) : sql`${col.value(from)}::VARCHAR`;
}

function group<T>(rows: readonly Row[], make: (first: Row, examples: Row[]) => T): T[] {
	const out: T[] = [];
	let i = 0;
	while (i < rows.length) {
		const first = rows[i]!;
		const examples: Row[] = [];
		while (i < rows.length && rows[i]!.fi === first.fi && rows[i]!.rule === first.rule)
			examples.push(rows[i++]!);
		out.push(make(first, examples));
	}
	return out;
}

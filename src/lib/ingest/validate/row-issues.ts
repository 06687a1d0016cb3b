import type { Database } from '../../db/database.ts';
import { identifier, join, sql, type SqlQuery } from '../../db/sql.ts';
import type { IssueCode } from '../issues.ts';
import type { RejectedRow, RejectReason } from '../report.ts';
import { stageColumn, type StagedFile } from '../stage/stage-chunks.ts';
import { checks, reads } from './checked-sql.ts';
import { col } from './columns.ts';
import {
	duplicateMessage,
	earlierFileMessage,
	rowErrorMessage,
	structuralMessage
} from './messages.ts';
import type { LoadPlan } from './plan.ts';

export interface RejectContext {
	readonly db: Database;
	readonly table: string;
	readonly checked: SqlQuery;
	readonly dups: SqlQuery;
	readonly staged: StagedFile;
	readonly plan: LoadPlan;
	readonly limit: number;
	readonly headerLine: number;
	readonly delimiter: string;
	readonly keep: 'first' | 'last';
}

interface ErrorRow {
	rec: number;
	line: number;
	fi: number;
	code: string;
	value: string | null;
	reason: string | null;
}

/**
 * The rejected rows (structural, invalid values, duplicate keys), in line order, at most `limit`,
 * each with its values as read and every reason, worded to say exactly what to fix.
 */
export async function rejectedRows(c: RejectContext): Promise<RejectedRow[]> {
	const structural = c.staged.structural.slice(0, c.limit).map((s): RejectedRow => ({
		line: s.line,
		fields: s.fields,
		reasons: [
			{
				column: '(whole row)',
				value: '',
				code: s.problem,
				message: structuralMessage(
					s.problem,
					s.line,
					s.lastLine,
					s.fieldCount,
					c.staged.width,
					c.headerLine,
					c.delimiter,
					s.bytes
				)
			}
		]
	}));
	const invalid = await invalidRows(c);
	const duplicates = await duplicateRows(c);
	const byRec = [...invalid, ...duplicates];
	const originals = byRec.length === 0 ? new Map<number, string[]>() : await originalFields(c);
	const rows = [
		...structural,
		...byRec.map((r) => ({ line: r.line, fields: originals.get(r.rec) ?? [], reasons: r.reasons }))
	];
	return rows.sort((a, b) => a.line - b.line).slice(0, c.limit);
}

async function invalidRows(
	c: RejectContext
): Promise<{ rec: number; line: number; reasons: RejectReason[] }[]> {
	const parts = c.plan.fields.flatMap((p, i) =>
		!checks(p)
			? []
			: [
					sql`SELECT rec, line, ${i} AS fi, ${col.error(p.field.name)} AS code, ${reads(p) ? col.raw(p.field.name) : sql`NULL::VARCHAR`} AS value, ${reads(p) ? col.missing(p.field.name) : sql`NULL::VARCHAR`} AS reason FROM ${c.checked} WHERE ${col.error(p.field.name)} IS NOT NULL AND rec IN (SELECT rec FROM listed)`
				]
	);
	const rows = await c.db.query<ErrorRow>(
		sql`WITH listed AS (SELECT rec FROM ${c.checked} WHERE has_error ORDER BY rec LIMIT ${c.limit}) ${join(parts, ' UNION ALL ')} ORDER BY rec, fi`
	);
	const byRec = new Map<number, { rec: number; line: number; reasons: RejectReason[] }>();
	for (const row of rows) {
		const plan = c.plan.fields[row.fi]!;
		const entry = byRec.get(row.rec) ?? { rec: row.rec, line: row.line, reasons: [] };
		const code = row.code as IssueCode;
		const message = rowErrorMessage(code, {
			line: row.line,
			label: plan.label,
			value: row.value,
			field: plan.field,
			table: c.table,
			missingReason: row.reason
		});
		entry.reasons.push({ column: plan.label, value: row.value ?? '', code, message });
		byRec.set(row.rec, entry);
	}
	return [...byRec.values()];
}

async function duplicateRows(
	c: RejectContext
): Promise<{ rec: number; line: number; reasons: RejectReason[] }[]> {
	const keys = c.plan.target.key;
	const values = keys.map((k) => sql`${col.value(k)}::VARCHAR AS ${identifier(k)}`);
	const rows = await c.db.query<Record<string, string | number | null>>(
		sql`SELECT d.rec, d.line, d.kept_line, d.kept_file, ${join(values, ', ')} FROM ${c.dups} d JOIN ${c.checked} USING (rec) ORDER BY d.rec LIMIT ${c.limit}`
	);
	const first = c.plan.fields.find((p) => p.field.name === keys[0]);
	return rows.map((row) => {
		const key = keys.map((k) => `${k} ${row[k] ?? '–'}`).join(', ');
		const label = first?.label ?? keys[0]!;
		const line = Number(row.line);
		const message =
			row.kept_line === null
				? earlierFileMessage(line, label, key, c.table, row.kept_file as string | null)
				: duplicateMessage(line, label, Number(row.kept_line), key, c.keep);
		return {
			rec: Number(row.rec),
			line: Number(row.line),
			reasons: [
				{
					column: label,
					value: String(row[keys[0]!] ?? ''),
					code: 'duplicate_key' as const,
					message
				}
			]
		};
	});
}

async function originalFields(c: RejectContext): Promise<Map<number, string[]>> {
	const columns = Array.from({ length: c.staged.width }, (_, i) => identifier(stageColumn(i)));
	const listed = sql`(SELECT rec FROM ${c.checked} WHERE has_error ORDER BY rec LIMIT ${c.limit}) UNION ALL (SELECT rec FROM ${c.dups} ORDER BY rec LIMIT ${c.limit})`;
	const rows = await c.db.query<Record<string, string | null>>(
		sql`SELECT rowid + 1 AS rec, ${join(columns, ', ')} FROM ${identifier(c.staged.table)} WHERE rowid + 1 IN (${listed})`
	);
	const out = new Map<number, string[]>();
	for (const row of rows) {
		out.set(
			Number(row.rec),
			Array.from({ length: c.staged.width }, (_, i) => row[stageColumn(i)] ?? '')
		);
	}
	return out;
}

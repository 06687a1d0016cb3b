import type { Database } from '../../db/database.ts';
import { join, sql } from '../../db/sql.ts';
import { issue, type ValidationIssue } from '../issues.ts';
import type { ColumnMapping } from '../mapping/mapping.ts';
import { numberText } from '../normalise/numbers.ts';
import type { StagedFile } from '../stage/stage-chunks.ts';
import { textLayersSql, type CheckOptions } from './checked-sql.ts';
import { col } from './columns.ts';
import type { FieldPlan, LoadPlan } from './plan.ts';

/** What a column's values say about their scale. */
export interface ScaleStats {
	/** Values written with `%`. */
	readonly marked: number;
	/** Plain numbers, and the largest of them. */
	readonly plain: number;
	readonly maxPlain: number | null;
}

export type ScaleDecision = {
	readonly scale: 'percent' | 'proportion';
	readonly ambiguous: boolean;
};

/**
 * Decides per column whether plain numbers are percentages, from all its values and what the column
 * means: any plain value above 1 → percentages; all at most 1 → proportions, unless the column is
 * documented as a percentage (then percent by default) or mixes `%` values in (then proportion by
 * default); those two cases are `ambiguous` and the user is asked. An explicit choice wins.
 */
export function decideScale(
	stats: ScaleStats,
	sourceScale: 'percent' | 'proportion' | undefined,
	explicit?: 'percent' | 'proportion'
): ScaleDecision {
	if (explicit) return { scale: explicit, ambiguous: false };
	if (stats.plain === 0 || stats.maxPlain === null)
		return { scale: 'proportion', ambiguous: false };
	if (stats.maxPlain > 1) return { scale: 'percent', ambiguous: false };
	if (sourceScale === 'percent') return { scale: 'percent', ambiguous: true };
	return { scale: 'proportion', ambiguous: stats.marked > 0 };
}

/** Measures every proportion column read from the file and decides its scale. */
export async function decideScales(
	db: Database,
	file: string,
	staged: StagedFile,
	plan: LoadPlan,
	mapping: ColumnMapping,
	options: CheckOptions
): Promise<{ percentFields: Set<string>; issues: ValidationIssue[] }> {
	const fields = plan.fields.filter(
		(p) =>
			(p.field.kind === 'proportion' || p.field.kind === 'percent') &&
			p.source.kind !== 'absent' &&
			p.source.kind !== 'derived'
	);
	const percentFields = new Set<string>();
	const issues: ValidationIssue[] = [];
	if (fields.length === 0) return { percentFields, issues };
	const measures = fields.map((p, i) => {
		const x = col.text(p.field.name);
		const plain = sql`TRY_CAST(${numberText(x, { decimalComma: options.decimalComma })} AS DOUBLE)`;
		return sql`count(*) FILTER (WHERE ends_with(${x}, '%')) AS ${col.value(`marked_${i}`)}, count(${plain}) FILTER (WHERE NOT ends_with(${x}, '%')) AS ${col.value(`plain_${i}`)}, max(${plain}) FILTER (WHERE NOT ends_with(${x}, '%')) AS ${col.value(`max_${i}`)}`;
	});
	const [row] = await db.query<Record<string, number | null>>(
		sql`SELECT ${join(measures, ', ')} FROM (${textLayersSql(staged, plan, options)})`
	);
	fields.forEach((p, i) => {
		const stats = {
			marked: row?.[`v_marked_${i}`] ?? 0,
			plain: row?.[`v_plain_${i}`] ?? 0,
			maxPlain: row?.[`v_max_${i}`] ?? null
		};
		const decision = decideScale(
			stats,
			p.field.kind === 'percent' ? 'percent' : p.field.sourceScale,
			mapping.options.scales?.[p.field.name]
		);
		if (decision.scale === 'percent') percentFields.add(p.field.name);
		if (decision.ambiguous) issues.push(ambiguity(file, p, stats, decision.scale));
	});
	return { percentFields, issues };
}

function ambiguity(
	file: string,
	plan: FieldPlan,
	stats: ScaleStats,
	scale: 'percent' | 'proportion'
): ValidationIssue {
	const f = plan.field.name;
	const column = plan.label;
	const max = stats.maxPlain ?? 0;
	const message =
		scale === 'percent'
			? `Column "${column}" (${f}) is documented as a percentage (0–100), but every value is at most 1 (largest ${max}). It was read as percentages: ${max} means ${max}% (${+(max / 100).toPrecision(6)} as a proportion). If the values are proportions (${max} = ${+(max * 100).toPrecision(6)}%), set options.scales.${f} to "proportion".`
			: `Column "${column}" (${f}) mixes values written with % (${stats.marked}) and plain numbers that are all at most 1 (largest ${max}). The plain numbers were read as proportions: ${max} means ${+(max * 100).toPrecision(6)}%. If they are percentages, set options.scales.${f} to "percent".`;
	return issue('warning', 'ambiguous_scale', file, message, { column });
}

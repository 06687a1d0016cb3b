import type { ColumnSpec, TableSpec } from '../../schema/tables.ts';

/** How a field's text is read and checked (one SQL normaliser per kind, `normalise/`). */
export type FieldKind =
	| 'leaid'
	| 'ncessch'
	| 'unit_id'
	| 'state_fips'
	| 'state_abbr'
	| 'text'
	| 'enum'
	| 'integer'
	| 'locale'
	| 'count'
	| 'number'
	| 'decimal'
	| 'proportion'
	| 'percent'
	| 'yes_no_int'
	| 'yes_no_bool'
	| 'school_year'
	| 'date'
	| 'interval';

/**
 * One input field of an ingest target: what a mapping points a source column at. Most fields fill
 * the output column of the same name; an `interval` field fills `<name>_lo` and `<name>_hi`. A
 * field's NULL reason goes to `<name>_missing_reason` when the table has that column.
 */
export interface TargetField {
	readonly name: string;
	readonly kind: FieldKind;
	readonly required: boolean;
	/** The output type (DuckDB), for the mapping screen; intervals give their bounds' type. */
	readonly type: ColumnSpec['type'];
	readonly description: string;
	/** `enum`: the allowed values (matched case-insensitively, stored as written here). */
	readonly values?: readonly string[];
	/** `proportion`, `percent`: what plain numbers in the source mean (percent columns store 0–100). */
	readonly sourceScale?: 'proportion' | 'percent';
}

/** A table the ingest can fill: its output spec, its input fields and its key (field names). */
export interface IngestTarget {
	readonly spec: TableSpec;
	readonly fields: readonly TargetField[];
	readonly key: readonly string[];
}

const YES_NO_INT = '0, 1, empty';

/** Infers a canonical column's kind from its name, type, unit and allowed values. */
export function kindOf(column: ColumnSpec): Pick<TargetField, 'kind' | 'values'> {
	if (column.name === 'leaid' || column.name === 'ncessch') return { kind: column.name };
	if (column.name === 'unit_id') return { kind: 'unit_id' };
	if (column.name === 'locale_code') return { kind: 'locale' };
	if (column.name === 'state_fips' || column.name === 'state_abbr') return { kind: column.name };
	if (column.name === 'school_year_start') return { kind: 'school_year' };
	if (column.type === 'DATE') return { kind: 'date' };
	if (column.type === 'BOOLEAN') return { kind: 'yes_no_bool' };
	if (column.type === 'INTEGER') {
		if (column.allowed === YES_NO_INT) return { kind: 'yes_no_int' };
		const isCount =
			column.unit !== undefined ||
			/_n$|_count$|^(sessions|logins|lessons_|quizzes_|skills_)/.test(column.name);
		return { kind: isCount ? 'count' : 'integer' };
	}
	if (column.type === 'DOUBLE' && column.unit?.startsWith('percent')) return { kind: 'percent' };
	if (column.type === 'DOUBLE')
		return { kind: column.unit === 'proportion' ? 'proportion' : 'number' };
	if (column.type.startsWith('DECIMAL')) return { kind: 'decimal' };
	const values = enumValues(column.allowed);
	return values ? { kind: 'enum', values } : { kind: 'text' };
}

/** `"school, district"` → `['school', 'district']`; examples (`e.g.`), ranges and patterns are not lists. */
function enumValues(allowed: string | undefined): string[] | undefined {
	if (!allowed || /e\.g\.|\^|\d-\d/.test(allowed)) return undefined;
	const values = allowed.split(',').map((v) => v.trim());
	return values.length > 1 && values.every((v) => /^[A-Za-z0-9_]+$/.test(v)) ? values : undefined;
}

/**
 * The ingest target of a canonical table: one field per column, except that a `<x>_lo`/`<x>_hi`
 * pair becomes one `interval` field `<x>` (a range such as `[0.2, 0.4[` fills both).
 */
export function canonicalTarget(spec: TableSpec): IngestTarget {
	const names = new Set(spec.columns.map((c) => c.name));
	const fields: TargetField[] = [];
	for (const column of spec.columns) {
		const pair = /^(.*)_(lo|hi)$/.exec(column.name);
		if (pair && names.has(`${pair[1]}_lo`) && names.has(`${pair[1]}_hi`)) {
			if (pair[2] === 'lo') {
				fields.push({
					name: pair[1]!,
					kind: 'interval',
					required: false,
					type: column.type,
					description: column.description.replace(/, lower bound.*$/, '')
				});
			}
			continue;
		}
		const kind = kindOf(column);
		fields.push({
			name: column.name,
			required: column.required === true,
			type: column.type,
			description: column.description,
			...kind,
			...(kind.kind === 'percent' ? { sourceScale: 'percent' as const } : {})
		});
	}
	return { spec, fields, key: spec.key };
}

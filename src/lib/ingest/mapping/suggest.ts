import { findTarget, TARGETS } from '../targets/index.ts';
import type { ColumnMapping, MappingOptions } from './mapping.ts';
import { fieldKeys, headerKey, headerYear } from './synonyms.ts';

/**
 * Suggests a mapping for `table` from a file's headers by synonym: each field takes the header
 * matching its earliest synonym, and a header is used by one field at most (fields in table order).
 * An ELSI export's year, named in its headers, becomes the `school_year_start` constant.
 */
export function suggestMapping(
	table: string,
	headers: readonly string[],
	options: MappingOptions = {}
): ColumnMapping {
	const target = findTarget(table);
	if (!target) throw new Error(`unknown table: ${table}`);
	const byKey = new Map<string, string>();
	for (const header of headers)
		if (!byKey.has(headerKey(header))) byKey.set(headerKey(header), header);
	const used = new Set<string>();
	const columns: Record<string, string | null> = {};
	for (const field of target.fields) {
		const header = fieldKeys(field.name)
			.map((key) => byKey.get(key))
			.find((h) => h !== undefined && !used.has(h));
		columns[field.name] = header ?? null;
		if (header) used.add(header);
	}
	return { version: 1, table, columns, options: withHeaderYear(target, columns, headers, options) };
}

/** Sets the school year from ELSI headers (`… [District] 2022-23`) when no column gives it. */
function withHeaderYear(
	target: NonNullable<ReturnType<typeof findTarget>>,
	columns: Readonly<Record<string, string | null>>,
	headers: readonly string[],
	options: MappingOptions
): MappingOptions {
	const year = headerYear(headers);
	const field = 'school_year_start';
	if (!year || columns[field] || options.constants?.[field] !== undefined) return options;
	if (!target.fields.some((f) => f.name === field)) return options;
	return { ...options, constants: { ...options.constants, [field]: year } };
}

/** Tables ranked by how many of their required fields, then fields, the headers would fill. */
export function rankTables(
	headers: readonly string[]
): { table: string; required: number; of: number; fields: number }[] {
	return TARGETS.map((target) => {
		const mapping = suggestMapping(target.spec.name, headers);
		const filled = target.fields.filter((f) => mapping.columns[f.name] !== null);
		return {
			table: target.spec.name,
			required: filled.filter((f) => f.required).length,
			of: target.fields.filter((f) => f.required).length,
			fields: filled.length
		};
	})
		.filter((r) => r.fields > 0)
		.sort(
			(a, b) =>
				b.required / Math.max(1, b.of) - a.required / Math.max(1, a.of) || b.fields - a.fields
		);
}

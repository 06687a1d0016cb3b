import type { ColumnMapping, MappingOptions } from '../ingest/mapping/mapping.ts';

/** The mapping with `field` read from `header` (null: not in this file; drops a constant). */
export function withColumn(
	mapping: ColumnMapping,
	field: string,
	header: string | null
): ColumnMapping {
	const { [field]: _dropped, ...constants } = mapping.options.constants ?? {};
	const options = header === null ? mapping.options : { ...mapping.options, constants };
	return { ...mapping, columns: { ...mapping.columns, [field]: header }, options };
}

/** The mapping with one value for every row of `field` (empty: none). */
export function withConstant(mapping: ColumnMapping, field: string, value: string): ColumnMapping {
	const { [field]: _dropped, ...rest } = mapping.options.constants ?? {};
	const constants = value.trim() === '' ? rest : { ...rest, [field]: value.trim() };
	return { ...mapping, options: { ...mapping.options, constants } };
}

/** The mapping with an option set (undefined: removed, so the default applies). */
export function withOption<K extends keyof MappingOptions>(
	mapping: ColumnMapping,
	key: K,
	value: MappingOptions[K] | undefined
): ColumnMapping {
	const { [key]: _dropped, ...rest } = mapping.options;
	return { ...mapping, options: value === undefined ? rest : { ...rest, [key]: value } };
}

/** The mapping with a field's percent/proportion scale fixed, or left to the data. */
export function withScale(
	mapping: ColumnMapping,
	field: string,
	scale: 'percent' | 'proportion' | undefined
): ColumnMapping {
	const { [field]: _dropped, ...rest } = mapping.options.scales ?? {};
	const scales = scale === undefined ? rest : { ...rest, [field]: scale };
	return withOption(mapping, 'scales', Object.keys(scales).length > 0 ? scales : undefined);
}

/** The mapping as the JSON file the command line's `--mapping` reads. */
export function mappingJson(mapping: ColumnMapping): string {
	return `${JSON.stringify(mapping, null, '\t')}\n`;
}

/** `next` reading the file as `current` does (its header line and worksheet, if chosen). */
export function keepReading(next: ColumnMapping, current: ColumnMapping): ColumnMapping {
	const { header_line, sheet } = current.options;
	return {
		...next,
		options: {
			...next.options,
			...(header_line === undefined ? {} : { header_line }),
			...(sheet === undefined ? {} : { sheet })
		}
	};
}

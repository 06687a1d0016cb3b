import type { ColumnMapping } from '../ingest/mapping/mapping.ts';
import {
	LEARNPLATFORM_DISTRICTS,
	LEARNPLATFORM_DISTRICTS_FULL,
	LEARNPLATFORM_PRODUCTS,
	learnPlatformEngagementPreset,
	presetFor,
	saipePreset
} from '../ingest/mapping/presets.ts';
import { rankTables, suggestMapping } from '../ingest/mapping/suggest.ts';
import { findTarget } from '../ingest/targets/index.ts';
import { withConstant } from './mapping-edit.ts';

/** The first mapping offered for a file, and why. */
export interface Suggestion {
	readonly mapping: ColumnMapping;
	/** "Recognised: Census SAIPE …" or "Looks like survey_responses (4 of 4 required fields)". */
	readonly reason: string;
}

/** The mapping with every column the file lacks unmapped (a preset names columns it may not have). */
function onlyPresent(mapping: ColumnMapping, headers: readonly string[]): ColumnMapping {
	const present = new Set(headers);
	const columns = Object.fromEntries(
		Object.entries(mapping.columns).map(([f, h]) => [f, h && present.has(h) ? h : null])
	);
	return { ...mapping, columns };
}

/**
 * The file's preset when it is a known layout (its optional columns the file lacks left unmapped),
 * else the table its headers fill best.
 */
export function suggestFor(name: string, headers: readonly string[]): Suggestion {
	const preset = presetFor(name, headers);
	if (preset) {
		return {
			mapping: onlyPresent(preset.mapping, headers),
			reason: `Recognised: ${preset.description}.`
		};
	}
	const [best] = rankTables(headers);
	if (!best) {
		return {
			mapping: suggestMapping('survey_responses', headers),
			reason: 'No column name matched a known field: choose the table and map the columns.'
		};
	}
	return {
		mapping: suggestMapping(best.table, headers),
		reason: `The columns look most like ${best.table}: ${best.required} of ${best.of} required and ${best.fields} fields in all matched by name.`
	};
}

/**
 * The mapping offered when the user points a file at `table`: the file's preset for that table
 * (a LearnPlatform districts_info file gives `daily_touch_districts` or, every field,
 * `lp_districts`), else the columns suggested by name.
 */
export function mappingForTable(
	name: string,
	headers: readonly string[],
	table: string
): ColumnMapping {
	const preset = presetFor(name, headers);
	const forTable =
		preset?.id === LEARNPLATFORM_DISTRICTS.id && table === 'lp_districts'
			? LEARNPLATFORM_DISTRICTS_FULL
			: preset;
	if (forTable?.mapping.table === table) return onlyPresent(forTable.mapping, headers);
	return suggestMapping(table, headers);
}

/**
 * The mapping after the file was read again (another header line or worksheet), its options kept:
 * as it is when the columns it names are all in the new header (a mapping made for that header);
 * suggested again for its table when some are not; and suggested afresh, table and all, when it
 * named none (the wrong header matched nothing).
 */
export function fitToHeaders(
	mapping: ColumnMapping,
	name: string,
	headers: readonly string[]
): ColumnMapping {
	const named = Object.values(mapping.columns).filter((h) => h !== null);
	const present = new Set(headers);
	if (named.length > 0 && named.every((h) => present.has(h))) return mapping;
	const suggested =
		named.length === 0
			? suggestFor(name, headers).mapping
			: mappingForTable(name, headers, mapping.table);
	return { ...suggested, options: { ...suggested.options, ...mapping.options } };
}

/** The presets a user can pick on the mapping screen, whatever the file's headers. */
export const PRESET_CHOICES = [
	{ id: 'saipe', label: 'Census SAIPE school-district estimates → districts' },
	{ id: 'learnplatform_districts', label: 'LearnPlatform districts_info → daily_touch_districts' },
	{
		id: 'learnplatform_districts_full',
		label: 'LearnPlatform districts_info → lp_districts (every field)'
	},
	{ id: 'learnplatform_products', label: 'LearnPlatform products_info → products' },
	{
		id: 'learnplatform_engagement',
		label: 'LearnPlatform engagement_data/<district> → daily_touch'
	},
	{ id: 'canonical', label: 'Canonical format: columns named as the chosen table’s fields' }
] as const;

export type PresetChoice = (typeof PRESET_CHOICES)[number]['id'];

/**
 * The mapping of a preset the user picked, for this file: the preset's columns the file lacks
 * unmapped (the mapping screen then shows what to fill). `canonical` maps each field of `table`
 * to the column of exactly its name, a bare year being the fall year (the canonical format's
 * definition, as the command line reads canonical files). An engagement file's district is the
 * number its name starts with, else left for the user to give.
 */
export function presetMapping(
	choice: PresetChoice,
	name: string,
	headers: readonly string[],
	table: string
): ColumnMapping {
	if (choice === 'canonical') {
		const present = new Set(headers);
		const fields = findTarget(table)?.fields ?? [];
		const columns = Object.fromEntries(
			fields.map((f) => [f.name, present.has(f.name) ? f.name : null])
		);
		return { version: 1, table, columns, options: { year_mapping: 'fall' } };
	}
	if (choice === 'learnplatform_engagement') {
		const district = /^(\d+)\.csv(\.gz)?$/i.exec(name.split(/[\\/]/).pop() ?? name)?.[1];
		const preset = learnPlatformEngagementPreset(district ?? '').mapping;
		return onlyPresent(district ? preset : withConstant(preset, 'lp_district_id', ''), headers);
	}
	const preset = {
		saipe: saipePreset(),
		learnplatform_districts: LEARNPLATFORM_DISTRICTS,
		learnplatform_districts_full: LEARNPLATFORM_DISTRICTS_FULL,
		learnplatform_products: LEARNPLATFORM_PRODUCTS
	}[choice];
	return onlyPresent(preset.mapping, headers);
}

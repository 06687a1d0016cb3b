import type { ColumnMapping } from '../ingest/mapping/mapping.ts';
import { presetFor } from '../ingest/mapping/presets.ts';
import { rankTables, suggestMapping } from '../ingest/mapping/suggest.ts';

/** The first mapping offered for a file, and why. */
export interface Suggestion {
	readonly mapping: ColumnMapping;
	/** "Recognised: Census SAIPE …" or "Looks like survey_responses (4 of 4 required fields)". */
	readonly reason: string;
}

/**
 * The file's preset when it is a known layout (its optional columns the file lacks left unmapped),
 * else the table its headers fill best.
 */
export function suggestFor(name: string, headers: readonly string[]): Suggestion {
	const preset = presetFor(name, headers);
	if (preset) {
		const present = new Set(headers);
		const columns = Object.fromEntries(
			Object.entries(preset.mapping.columns).map(([f, h]) => [f, h && present.has(h) ? h : null])
		);
		const mapping = { ...preset.mapping, columns };
		return { mapping, reason: `Recognised: ${preset.description}.` };
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

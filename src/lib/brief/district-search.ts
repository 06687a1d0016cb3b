import type { DistrictRow } from './brief-sql.ts';

/** How the picker lists a district: "Driftmoor South School District (AL) – 0195002". */
export function districtOption(d: DistrictRow): string {
	const state = d.state_abbr ? ` (${d.state_abbr})` : '';
	return `${d.lea_name ?? 'Unnamed district'}${state} – ${d.leaid}`;
}

/**
 * The district a picker entry names: a 7-digit LEAID anywhere in the text (as the listed
 * options end), else the one district whose name contains the text (case-insensitive); null
 * when none or several match.
 */
export function findDistrict(text: string, districts: readonly DistrictRow[]): DistrictRow | null {
	const leaid = /(?:^|\D)(\d{7})(?:\D|$)/.exec(text)?.[1];
	if (leaid) return districts.find((d) => d.leaid === leaid) ?? null;
	const needle = text.trim().toLowerCase();
	if (!needle) return null;
	const hits = districts.filter((d) => d.lea_name?.toLowerCase().includes(needle));
	return hits.length === 1 ? hits[0]! : null;
}

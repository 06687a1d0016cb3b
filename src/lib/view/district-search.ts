import { sql, type SqlQuery } from '../db/sql.ts';

/** A district as the picker lists it. */
export interface DistrictEntry {
	readonly leaid: string;
	readonly lea_name: string | null;
	readonly state_abbr: string | null;
}

/** Every district of one school year, by name: what the picker searches. */
export function districtDirectorySql(schoolYear: number): SqlQuery {
	return sql`SELECT leaid, lea_name, state_abbr FROM districts
WHERE school_year_start = ${schoolYear} ORDER BY lea_name, leaid`;
}

/** Lower case without accents, so "Canon" finds "Cañon". */
function fold(text: string): string {
	return text
		.normalize('NFD')
		.replace(/\p{Diacritic}/gu, '')
		.toLowerCase();
}

/**
 * How well a district matches a query (lower is better; null = no match): 0 the exact LEAID,
 * 1 a LEAID prefix, 2 a name starting with the query, 3 a word of the name starting with it,
 * 4 the name containing it. Names are compared without case or accents; every word of the
 * query must match (a state abbreviation counts as a word).
 */
function matchRank(entry: DistrictEntry, words: readonly string[]): number | null {
	const name = fold(entry.lea_name ?? '');
	const state = fold(entry.state_abbr ?? '');
	let worst = 0;
	for (const word of words) {
		let rank: number | null = null;
		if (/^\d+$/.test(word)) {
			if (entry.leaid === word) rank = 0;
			else if (entry.leaid.startsWith(word)) rank = 1;
		} else if (name.startsWith(word)) rank = 2;
		else if (name.split(/[\s\-–(]+/).some((w) => w.startsWith(word)) || state === word) rank = 3;
		else if (name.includes(word)) rank = 4;
		if (rank === null) return null;
		worst = Math.max(worst, rank);
	}
	return worst;
}

/**
 * Districts matching a query by name or LEAID, best first (see `matchRank`), then by name and
 * LEAID; at most `limit`. An empty query matches nothing.
 */
export function searchDistricts(
	directory: readonly DistrictEntry[],
	query: string,
	limit = 10
): DistrictEntry[] {
	const words = fold(query).split(/\s+/).filter(Boolean);
	if (words.length === 0) return [];
	return directory
		.flatMap((entry) => {
			const rank = matchRank(entry, words);
			return rank === null ? [] : [{ entry, rank }];
		})
		.sort(
			(a, b) =>
				a.rank - b.rank ||
				(a.entry.lea_name ?? '').localeCompare(b.entry.lea_name ?? '') ||
				a.entry.leaid.localeCompare(b.entry.leaid)
		)
		.slice(0, limit)
		.map((m) => m.entry);
}

/** "Driftmoor South School District (AL, 0195002)". */
export function districtLabel(entry: DistrictEntry): string {
	const where = [entry.state_abbr, entry.leaid].filter(Boolean).join(', ');
	return `${entry.lea_name ?? 'Unnamed district'} (${where})`;
}

/**
 * The one district a typed or picked text names: the 7-digit LEAID in it (as a listed label
 * ends), else the only district the search finds; null when none or several match.
 */
export function pickDistrict<T extends DistrictEntry>(
	directory: readonly T[],
	text: string
): T | null {
	const leaid = /(?:^|\D)(\d{7})(?:\D|$)/.exec(text)?.[1];
	if (leaid) return directory.find((d) => d.leaid === leaid) ?? null;
	const hits = searchDistricts(directory, text, 2);
	return hits.length === 1 ? (hits[0] as T) : null;
}

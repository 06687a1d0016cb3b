/**
 * The figures every alternative computes, compared for agreement: per product and district, the
 * usage funnel's student counts (domain-spec §4.1: enrolled E, licensed L, activated A, regular R,
 * dosage met D), the counts every Overview usage rate is a ratio of.
 */
export interface FunnelCounts {
	readonly product_id: string;
	readonly leaid: string;
	readonly enrolled: number;
	readonly licensed: number;
	readonly activated: number;
	readonly regular: number;
	readonly dosage_met: number;
}

export const COUNT_COLUMNS = [
	'enrolled',
	'licensed',
	'activated',
	'regular',
	'dosage_met'
] as const;

/** The figures in a canonical order (product, then district). */
export function sortCounts(rows: readonly FunnelCounts[]): FunnelCounts[] {
	return [...rows].sort(
		(a, b) => a.product_id.localeCompare(b.product_id) || a.leaid.localeCompare(b.leaid)
	);
}

/** The export every alternative times: the figures as CSV text (no quoting is needed). */
export function countsCsv(rows: readonly FunnelCounts[]): string {
	const header = ['product_id', 'leaid', ...COUNT_COLUMNS].join(',');
	const lines = sortCounts(rows).map((r) =>
		[r.product_id, r.leaid, ...COUNT_COLUMNS.map((c) => r[c])].join(',')
	);
	return [header, ...lines].join('\n') + '\n';
}

/** The first difference between two alternatives' figures, or null when they agree exactly. */
export function firstDifference(
	a: readonly FunnelCounts[],
	b: readonly FunnelCounts[]
): string | null {
	const key = (r: FunnelCounts) => `${r.product_id}|${r.leaid}`;
	const byKey = new Map(b.map((r) => [key(r), r]));
	if (a.length !== b.length) return `${a.length} product × district rows vs ${b.length}`;
	for (const row of a) {
		const other = byKey.get(key(row));
		if (!other) return `${key(row)} missing`;
		for (const c of COUNT_COLUMNS) {
			if (row[c] !== other[c]) return `${key(row)} ${c}: ${row[c]} vs ${other[c]}`;
		}
	}
	return null;
}

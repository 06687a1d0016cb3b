import type { TableData } from '../../components/table.ts';
import { ratio } from '../format.ts';
import { DECOMPOSITION_ROWS, shareText, type DecompositionLike } from './decomposition-geometry.ts';

/** Who is compared with whom, in words: "students in high-poverty districts". */
export interface ComparedGroups {
	readonly focus: string;
	readonly reference: string;
}

/**
 * What a row says on focus: "Access (licensed ÷ enrolled): students in high-poverty districts
 * were 1.09× as likely as students in low-poverty districts; it narrows the gap by 11%."
 */
export function decompositionDescription(
	d: DecompositionLike,
	id: (typeof DECOMPOSITION_ROWS)[number]['id'],
	groups: ComparedGroups
): string {
	const row = DECOMPOSITION_ROWS.find((r) => r.id === id)!;
	const factor = { access: d.access_ratio, conversion: d.conversion_ratio, use: d.use_ratio }[id];
	const share = id === 'access' ? d.access_share : id === 'conversion' ? d.conversion_share : null;
	const part = share === null ? '' : `; ${share < 0 ? 'it ' : 'that is '}${shareText(share)}`;
	return `${row.label} (${row.detail}): ${groups.focus} were ${ratio(factor)} as likely as ${groups.reference}${part}.`;
}

/**
 * The decomposition's summary: the whole gap as a ratio, then how much of its log comes from
 * access and how much from use once licensed ("On the log scale, access (0.45×) accounts for 78%
 * of the gap and use once licensed (0.80×) for 22%."); a part that works against the gap is
 * said to narrow it. No shares when there is no gap (UR = 1).
 */
export function decompositionSummary(d: DecompositionLike, groups: ComparedGroups): string {
	const whole = `Per enrolled student, ${groups.focus} were ${ratio(d.use_ratio)} as likely to meet the dosage rule as ${groups.reference}.`;
	if (d.access_share === null || d.conversion_share === null) {
		return `${whole} There is no gap to divide.`;
	}
	const access = `access (${ratio(d.access_ratio)})`;
	const use = `use once licensed (${ratio(d.conversion_ratio)})`;
	const pct = (s: number) => `${Math.round(Math.abs(s) * 100)}%`;
	if (d.access_share < 0) {
		return `${whole} ${capital(access)} narrows the gap, so ${use} accounts for more than all of it (${pct(d.conversion_share)} on the log scale).`;
	}
	if (d.conversion_share < 0) {
		return `${whole} ${capital(use)} narrows the gap, so ${access} accounts for more than all of it (${pct(d.access_share)} on the log scale).`;
	}
	return `${whole} On the log scale, ${access} accounts for ${pct(d.access_share)} of the gap and ${use} for ${pct(d.conversion_share)}.`;
}

const capital = (s: string) => s.charAt(0).toUpperCase() + s.slice(1);

/** The decomposition as a table: each factor, what it divides, and its share of the log gap. */
export function decompositionTable(d: DecompositionLike, caption: string): TableData {
	const factor = { access: d.access_ratio, conversion: d.conversion_ratio, use: d.use_ratio };
	const share = { access: d.access_share, conversion: d.conversion_share, use: 1 };
	const rows = DECOMPOSITION_ROWS.map((row) => {
		const s = share[row.id];
		return {
			key: row.id,
			header: row.label,
			cells: {
				detail: row.detail,
				ratio: ratio(factor[row.id]),
				share:
					s === null
						? { absent: { status: 'not_applicable', reason: 'no_gap' } as const }
						: `${Math.round(s * 100)}%`
			}
		};
	});
	return {
		caption,
		columns: [
			{ id: 'part', label: 'Part' },
			{ id: 'detail', label: 'Ratio of' },
			{ id: 'ratio', label: 'Focus ÷ reference', numeric: true },
			{ id: 'share', label: 'Share of the log gap', numeric: true }
		],
		rows,
		notes: ['ln(whole gap) = ln(access) + ln(use once licensed); point estimates, no interval.']
	};
}

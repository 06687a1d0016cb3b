import type { TableCell, TableData } from '../../components/table.ts';
import { percent } from '../../format/number.ts';
import type { LegendItem } from '../legend.ts';
import { groupColor } from '../symbols.ts';
import { hatchedGroup, type RepresentationLike } from './representation-geometry.ts';

/** Labels of a group in the representation chart. */
export interface RepresentationGroup {
	readonly group: string;
	/** "Students in high-poverty districts". */
	readonly label: string;
	/** "High". */
	readonly short: string;
}

const index = (r: number | null) => (r === null ? 'no index' : r.toFixed(2));

/**
 * What a group says on focus and in the summary: "Students in high-poverty districts: 40% of
 * enrolled students but 22% of those who met the dosage rule (representation index 0.55; 1 is
 * parity)."
 */
export function representationSentence(
	row: RepresentationLike,
	group: RepresentationGroup
): string {
	const [base, met] = [row.base_share, row.dosage_share];
	if (base === null || met === null) return `${group.label}: shares not available.`;
	const join = met < base ? 'but only' : met > base ? 'and' : 'and also';
	return `${group.label}: ${percent(base)} of enrolled students ${join} ${percent(met)} of those who met the dosage rule (representation index ${index(row.representation_index)}; 1 is parity).`;
}

/**
 * The summary: the most under-represented group's sentence, then the most over-represented
 * group's, by representation index.
 */
export function representationSummary(
	rows: readonly RepresentationLike[],
	groups: readonly RepresentationGroup[]
): string {
	const indexed = groups.flatMap((g) => {
		const row = rows.find((r) => r.poverty_group === g.group);
		return row && row.representation_index !== null ? [{ row, g }] : [];
	});
	if (!indexed.length)
		return 'No group has a representation index: nobody met the dosage rule or no group has students.';
	const sorted = [...indexed].sort(
		(a, b) => (a.row.representation_index ?? 0) - (b.row.representation_index ?? 0)
	);
	const [low, high] = [sorted[0]!, sorted[sorted.length - 1]!];
	const sentences = [representationSentence(low.row, low.g)];
	if (high !== low) sentences.push(representationSentence(high.row, high.g));
	return sentences.join(' ');
}

/** The representation chart as a table: per group both shares and the index. */
export function representationTable(
	rows: readonly RepresentationLike[],
	groups: readonly RepresentationGroup[],
	caption: string
): TableData {
	const missing = { absent: { status: 'missing', reason: 'missing' } } as const;
	const share = (v: number | null): TableCell => (v === null ? missing : percent(v));
	return {
		caption,
		columns: [
			{ id: 'group', label: 'Group' },
			{ id: 'base', label: 'Share of enrolled students', numeric: true },
			{ id: 'met', label: 'Share of students who met the dosage rule', numeric: true },
			{ id: 'index', label: 'Representation index (1 = parity)', numeric: true }
		],
		rows: groups.flatMap((g) => {
			const row = rows.find((r) => r.poverty_group === g.group);
			if (!row) return [];
			const ri = row.representation_index;
			return [
				{
					key: g.group,
					header: g.label,
					cells: {
						base: share(row.base_share),
						met: share(row.dosage_share),
						index:
							ri === null
								? { absent: { status: 'not_applicable', reason: 'zero_denominator' } }
								: ri.toFixed(2)
					}
				}
			];
		})
	};
}

/** Legend: each group's colour (the highest poverty hatched). */
export function representationLegend(groups: readonly RepresentationGroup[]): LegendItem[] {
	const hatched = hatchedGroup(groups);
	return groups.map((g) => ({
		label: g.group === hatched ? `${g.label} (hatched)` : g.label,
		swatch: 'square',
		color: groupColor(g.group)
	}));
}

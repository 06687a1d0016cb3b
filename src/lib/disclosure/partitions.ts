import type { PartitionEquation } from './recoverable.ts';
import type { CellInput } from './view.ts';

/**
 * The view's displayed partitions as equations `total = Σ parts` (domain-spec §6.4 rule 4),
 * from each cell's `partOf` and `totalOf`. A partition whose total is not in the view is no
 * equation (nothing to subtract from); a partition with two totals is a caller error. Totals
 * must be the sums of their parts as computed, so that subtraction is what an onlooker can do.
 */
export function partitionEquations(cells: readonly CellInput[]): PartitionEquation[] {
	const totals = new Map<string, string>();
	const parts = new Map<string, string[]>();
	for (const cell of cells) {
		for (const partition of cell.totalOf ?? []) {
			const other = totals.get(partition);
			if (other !== undefined) {
				throw new Error(`partition ${partition} has two totals: ${other}, ${cell.id}`);
			}
			totals.set(partition, cell.id);
		}
		for (const partition of cell.partOf ?? []) {
			parts.set(partition, [...(parts.get(partition) ?? []), cell.id]);
		}
	}
	return [...totals].flatMap(([partition, total]) => {
		const members = parts.get(partition) ?? [];
		return members.length > 0 ? [{ partition, total, parts: members }] : [];
	});
}

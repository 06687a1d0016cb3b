import { determinedCells, type PartitionEquation } from './recoverable.ts';

/** The result of complementary suppression: cells added, and any that cannot be protected. */
export interface ComplementResult {
	/** Cells hidden as complements, in the order chosen. */
	readonly added: readonly string[];
	/**
	 * Hidden cells still determined when every cell of their partitions is hidden: the
	 * partition structure itself fixes them (e.g. a part declared in two partitions of the same
	 * total). Empty for consistent partitions.
	 */
	readonly unprotected: readonly string[];
}

/**
 * Complementary suppression (domain-spec §6.4 rule 4 [P practice][S35][S36]): while a hidden
 * cell can be recovered from the published cells of the view (see `determinedCells`), also hide
 * the next-smallest published part of a partition it belongs to (smallest positive size first,
 * ties by input order; the partition's total only when no part is left). Partitions with one
 * hidden cell are served first, which is the textbook rule "repeat until ≥ 2 or 0 suppressed";
 * the linear check also closes differences of nested totals and two-way tables. When every
 * partition of a still-recoverable cell is fully hidden, the smallest published cell linked to it
 * through other partitions whose hiding protects it is taken. `sizes` are the
 * cells' denominators in input order; empty groups come last as complements because an empty
 * group is often public knowledge.
 */
export function complementarySuppression(
	equations: readonly PartitionEquation[],
	sizes: ReadonlyMap<string, number | null>,
	hidden: ReadonlySet<string>
): ComplementResult {
	const order = new Map([...sizes.keys()].map((id, i) => [id, i]));
	const hiddenNow = new Set(hidden);
	const added: string[] = [];
	const unprotected = new Set<string>();
	for (;;) {
		const exposed = [...determinedCells(equations, hiddenNow)]
			.filter((id) => !unprotected.has(id))
			.sort((a, b) => (order.get(a) ?? 0) - (order.get(b) ?? 0));
		const target = exposed[0];
		if (target === undefined) break;
		const complement = chooseComplement(target, equations, hiddenNow, sizes, order);
		if (complement === undefined) unprotected.add(target);
		else {
			hiddenNow.add(complement);
			added.push(complement);
		}
	}
	return { added, unprotected: [...unprotected] };
}

function chooseComplement(
	target: string,
	equations: readonly PartitionEquation[],
	hidden: ReadonlySet<string>,
	sizes: ReadonlyMap<string, number | null>,
	order: ReadonlyMap<string, number>
): string | undefined {
	const rank = (id: string): [number, number, number] => {
		const size = sizes.get(id) ?? 0;
		return [size > 0 ? 0 : 1, size, order.get(id) ?? 0];
	};
	const smallestFirst = (a: string, b: string): number => {
		const [x, y] = [rank(a), rank(b)];
		return x[0] - y[0] || x[1] - y[1] || x[2] - y[2];
	};
	const hiddenCount = (eq: PartitionEquation): number =>
		[eq.total, ...eq.parts].filter((id) => hidden.has(id)).length;
	const containing = equations
		.filter((eq) => eq.total === target || eq.parts.includes(target))
		.sort((a, b) => hiddenCount(a) - hiddenCount(b));
	for (const eq of containing) {
		const parts = eq.parts.filter((id) => !hidden.has(id)).sort(smallestFirst);
		if (parts[0] !== undefined) return parts[0];
		if (!hidden.has(eq.total)) return eq.total;
	}
	const linked = linkedCells(target, equations)
		.filter((id) => !hidden.has(id))
		.sort(smallestFirst);
	const breaks = (id: string): boolean =>
		!determinedCells(equations, new Set([...hidden, id])).has(target);
	return linked.find(breaks) ?? linked[0];
}

/**
 * Cells reachable from `target` through shared partitions: when every partition containing it
 * is fully hidden, it is determined through these (e.g. a nested subtotal elsewhere).
 */
function linkedCells(target: string, equations: readonly PartitionEquation[]): string[] {
	const seen = new Set([target]);
	for (let grew = true; grew;) {
		grew = false;
		for (const eq of equations) {
			const ids = [eq.total, ...eq.parts];
			if (!ids.some((id) => seen.has(id)) || ids.every((id) => seen.has(id))) continue;
			ids.forEach((id) => seen.add(id));
			grew = true;
		}
	}
	seen.delete(target);
	return [...seen];
}

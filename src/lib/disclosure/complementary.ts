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

type Order = (a: string, b: string) => number;

/**
 * Complementary suppression (domain-spec §6.4 rule 4 [P practice][S35][S36]). First the textbook
 * rule, in view order: a partition with exactly one hidden cell gets its next-smallest published
 * part hidden too (its total only when no part is left), repeated until every partition has 0 or
 * ≥ 2 hidden cells. Then a linear check (`determinedCells`) catches what the rule misses —
 * differences of nested totals, sums across a two-way table: a cell still recoverable gets a
 * complement from its partitions (fewest hidden first) or, when those are fully hidden, the
 * smallest linked published cell whose hiding protects it; then the rule runs again. `sizes` are
 * the cells' denominators in input order: smallest positive first, ties by input order; empty
 * groups come last because an empty group is often public knowledge.
 */
export function complementarySuppression(
	equations: readonly PartitionEquation[],
	sizes: ReadonlyMap<string, number | null>,
	hidden: ReadonlySet<string>
): ComplementResult {
	const order = new Map([...sizes.keys()].map((id, i) => [id, i]));
	const smallestFirst = bySize(sizes, order);
	const hiddenNow = new Set(hidden);
	const added: string[] = [];
	const hide = (id: string): void => {
		hiddenNow.add(id);
		added.push(id);
	};
	const unprotected = new Set<string>();
	for (;;) {
		applyPartitionRule(equations, hiddenNow, smallestFirst, hide);
		const target = [...determinedCells(equations, hiddenNow)]
			.filter((id) => !unprotected.has(id))
			.sort((a, b) => (order.get(a) ?? 0) - (order.get(b) ?? 0))[0];
		if (target === undefined) break;
		const complement = chooseComplement(target, equations, hiddenNow, smallestFirst);
		if (complement === undefined) unprotected.add(target);
		else hide(complement);
	}
	return { added, unprotected: [...unprotected] };
}

function bySize(
	sizes: ReadonlyMap<string, number | null>,
	order: ReadonlyMap<string, number>
): Order {
	const rank = (id: string): [number, number, number] => {
		const size = sizes.get(id) ?? 0;
		return [size > 0 ? 0 : 1, size, order.get(id) ?? 0];
	};
	return (a, b) => {
		const [x, y] = [rank(a), rank(b)];
		return x[0] - y[0] || x[1] - y[1] || x[2] - y[2];
	};
}

const hiddenCount = (eq: PartitionEquation, hidden: ReadonlySet<string>): number =>
	[eq.total, ...eq.parts].filter((id) => hidden.has(id)).length;

/** The next-smallest published part of a partition, else its total if published. */
function complementIn(
	eq: PartitionEquation,
	hidden: ReadonlySet<string>,
	smallestFirst: Order
): string | undefined {
	const parts = eq.parts.filter((id) => !hidden.has(id)).sort(smallestFirst);
	return parts[0] ?? (hidden.has(eq.total) ? undefined : eq.total);
}

function applyPartitionRule(
	equations: readonly PartitionEquation[],
	hidden: ReadonlySet<string>,
	smallestFirst: Order,
	hide: (id: string) => void
): void {
	for (let changed = true; changed;) {
		changed = false;
		for (const eq of equations) {
			if (hiddenCount(eq, hidden) !== 1) continue;
			const complement = complementIn(eq, hidden, smallestFirst);
			if (complement !== undefined) {
				hide(complement);
				changed = true;
			}
		}
	}
}

function chooseComplement(
	target: string,
	equations: readonly PartitionEquation[],
	hidden: ReadonlySet<string>,
	smallestFirst: Order
): string | undefined {
	const containing = equations
		.filter((eq) => eq.total === target || eq.parts.includes(target))
		.sort((a, b) => hiddenCount(a, hidden) - hiddenCount(b, hidden));
	for (const eq of containing) {
		const complement = complementIn(eq, hidden, smallestFirst);
		if (complement !== undefined) return complement;
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

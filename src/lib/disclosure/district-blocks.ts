/**
 * Protection across views: groups of small districts that no published figure may split.
 *
 * Complementary suppression chosen view by view (§6.4 rule 4) does not survive a reader who
 * combines views: a complement hidden in one view is shown in another (a filter, a grouping, a
 * product, a district's own figures), and the withheld group follows by subtraction. So the
 * choice is made once per data set, product and threshold, on the districts themselves (the
 * finest unit any view reaches), and every view only applies it:
 *
 * - A district's counts for a product are *small* when any of its group sizes (each rate's
 *   denominator) is between 0 and the minimum n exclusive.
 * - Small districts are gathered into *blocks* whose sizes are each 0 or at least the minimum,
 *   first within the finest cell of the views, then, for what is left over, within ever coarser
 *   ones, so a block crosses as few view boundaries as it can. Left-overs join a block of their
 *   cell, or take in its smallest other districts (whose own figures are then withheld), before
 *   they cross into the enclosing cell. What no cell can complete is a *closed* block: no
 *   figure may include any of it.
 * - A figure is withheld (as a complement) when its districts include part of a block but not
 *   all of it, or any of a closed block.
 *
 * Why this suffices: every published figure is then a sum of whole blocks and of districts
 * that are not small, so all published figures together say nothing about a block's districts
 * beyond the block's total. A withheld group under the minimum cannot be such a sum (its sizes
 * would be 0 or at least the minimum), so no linear combination of published figures, in any
 * number of views, gives it. Source of the rule: complementary suppression (§6.4 rule 4) and
 * the multiple-release standard (§6.2, 34 CFR §99.31(b)(1)), applied to the union of views.
 */

/** One district's counts for one product. */
export interface DistrictAtom {
	readonly product: string;
	readonly leaid: string;
	/** Where it sits, coarsest first (e.g. poverty level, region, locale, size, state). */
	readonly path: readonly string[];
	/** Its group sizes: the denominator of every figure shown for it (≥ 0). */
	readonly sizes: readonly number[];
}

export interface DistrictBlock {
	readonly id: number;
	readonly product: string;
	readonly leaids: readonly string[];
	/** No figure may include any of it: no cell has districts enough to complete it. */
	readonly closed: boolean;
}

const sumSizes = (atoms: readonly DistrictAtom[]): number[] =>
	atoms.reduce<number[]>((sum, a) => a.sizes.map((s, i) => (sum[i] ?? 0) + s), []);

/** Whether every group size is 0 or at least `minN`. */
const largeEnough = (sizes: readonly number[], minN: number): boolean =>
	sizes.every((s) => s === 0 || s >= minN);

const byLeaid = (a: DistrictAtom, b: DistrictAtom) =>
	a.leaid < b.leaid ? -1 : a.leaid > b.leaid ? 1 : 0;

const total = (atoms: readonly DistrictAtom[]): number =>
	sumSizes(atoms).reduce((s, v) => s + v, 0);

/** The smallest first: by total size, then district id. */
const bySize = (a: DistrictAtom, b: DistrictAtom) => total([a]) - total([b]) || byLeaid(a, b);
const bySum = (a: readonly DistrictAtom[], b: readonly DistrictAtom[]) => total(a) - total(b);

/** Whether `atom` sits under the cell `prefix` (a path prefix; empty: everywhere). */
const under = (atom: DistrictAtom, prefix: readonly string[]): boolean =>
	prefix.every((key, i) => atom.path[i] === key);

/**
 * One product's blocks (see the module comment); districts not listed are in none. Bottom-up
 * over the cells: a cell's left-over small districts become a block when large enough; else
 * they take in the smallest blocks already made in the cell, then its smallest other districts,
 * when that makes them large enough (the cell's own figure stays whole); else they go up to the
 * enclosing cell. What is still left at the top is closed.
 */
function productBlocks(atoms: readonly DistrictAtom[], minN: number): DistrictAtom[][] {
	const depth = Math.max(0, ...atoms.map((a) => a.path.length));
	const cellKey = (path: readonly string[], level: number) => JSON.stringify(path.slice(0, level));
	// The districts that are not small, smallest first, under each cell of every level.
	const bigIn = new Map<string, DistrictAtom[]>();
	for (const atom of atoms.filter((a) => largeEnough(a.sizes, minN)).sort(bySize)) {
		for (let level = 0; level <= depth; level++) {
			const key = cellKey(atom.path, level);
			const list = bigIn.get(key);
			if (list) list.push(atom);
			else bigIn.set(key, [atom]);
		}
	}
	let blocks: DistrictAtom[][] = [];
	const blocked = new Set<DistrictAtom>();
	const complete = (pool: DistrictAtom[], prefix: readonly string[]): boolean => {
		const inCell = blocks.filter((b) => b.every((a) => under(a, prefix))).sort(bySum);
		const big = (bigIn.get(cellKey(prefix, prefix.length)) ?? [])
			.filter((a) => !blocked.has(a))
			.map((a) => [a]);
		const taken: DistrictAtom[][] = [];
		for (const next of [...inCell, ...big]) {
			if (largeEnough(sumSizes([...pool, ...taken.flat()]), minN)) break;
			taken.push(next);
		}
		const block = [...pool, ...taken.flat()];
		if (!largeEnough(sumSizes(block), minN)) return false;
		blocks = [...blocks.filter((b) => !taken.includes(b)), block];
		block.forEach((a) => blocked.add(a));
		return true;
	};
	let pools = new Map<string, DistrictAtom[]>();
	for (const atom of atoms.filter((a) => !largeEnough(a.sizes, minN))) {
		const key = cellKey(atom.path, depth);
		pools.set(key, [...(pools.get(key) ?? []), atom]);
	}
	for (let level = depth; level >= 0; level--) {
		const parents = new Map<string, DistrictAtom[]>();
		for (const pool of pools.values()) {
			const prefix = pool[0]!.path.slice(0, level);
			if (complete(pool, prefix)) continue;
			if (level === 0) return [...blocks, pool];
			const key = cellKey(prefix, level - 1);
			parents.set(key, [...(parents.get(key) ?? []), ...pool]);
		}
		pools = parents;
	}
	return blocks;
}

/**
 * The blocks of small districts for every product at minimum group size `minN` (see the module
 * comment). Deterministic: the same atoms in any order give the same blocks.
 */
export function districtBlocks(atoms: readonly DistrictAtom[], minN: number): DistrictBlock[] {
	const products = [...new Set(atoms.map((a) => a.product))].sort();
	let id = 0;
	return products.flatMap((product) =>
		productBlocks(atoms.filter((a) => a.product === product).sort(byLeaid), minN).map((block) => ({
			id: id++,
			product,
			leaids: block.map((a) => a.leaid).sort(),
			closed: !largeEnough(sumSizes(block), minN)
		}))
	);
}

/** How many districts of one block a figure includes. */
export interface BlockCount {
	readonly block: number;
	readonly included: number;
	/** Districts in the block. */
	readonly size: number;
	readonly closed: boolean;
}

/** Whether a figure including these parts of blocks must be withheld (it splits one, or opens a closed one). */
export function splitsBlocks(counts: readonly BlockCount[]): boolean {
	const included = new Map<number, BlockCount & { total: number }>();
	for (const c of counts) {
		const seen = included.get(c.block);
		included.set(c.block, { ...c, total: (seen?.total ?? 0) + c.included });
	}
	return [...included.values()].some((c) => c.total > 0 && (c.closed || c.total < c.size));
}

import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
	districtBlocks,
	splitsBlocks,
	type DistrictAtom,
	type DistrictBlock
} from '#lib/disclosure/district-blocks.ts';

const atom = (leaid: string, path: string[], sizes: number[], product = 'p'): DistrictAtom => ({
	product,
	leaid,
	path,
	sizes
});

/** The blocks' members, by product and first district (ids only name a block). */
const members = (blocks: readonly DistrictBlock[]) =>
	blocks
		.map((b) => ({ product: b.product, leaids: b.leaids, closed: b.closed }))
		.sort((a, b) => `${a.product}|${a.leaids[0]}`.localeCompare(`${b.product}|${b.leaids[0]}`));

describe('districtBlocks: hand-worked (minimum 10)', () => {
	it('gathers small districts within the finest cell first, then within the enclosing cells', () => {
		// A 4 + B 7 share a cell (Q1, South, AL, city, small): 11 ≥ 10, a block of their own.
		// C 3 (Q1 … rural) is left over; going up, it meets the block {A, B} in (Q1, South, AL)
		// and joins it: 14. D 5 is alone in Q2 with no block; in its poverty level it takes in the
		// smallest other district, E (50): 55. F (0) has no students: in no block.
		const blocks = districtBlocks(
			[
				atom('A', ['Q1', 'South', 'AL', 'city', 'small'], [4]),
				atom('B', ['Q1', 'South', 'AL', 'city', 'small'], [7]),
				atom('C', ['Q1', 'South', 'AL', 'rural', 'small'], [3]),
				atom('D', ['Q2', 'South', 'GA', 'town', 'small'], [5]),
				atom('E', ['Q2', 'South', 'GA', 'town', 'mid'], [50]),
				atom('F', ['Q3', 'West', 'CA', 'city', 'large'], [0])
			],
			10
		);
		expect(members(blocks)).toEqual([
			{ product: 'p', leaids: ['A', 'B', 'C'], closed: false },
			{ product: 'p', leaids: ['D', 'E'], closed: false }
		]);
	});

	it('crosses poverty levels only when a level cannot complete its small districts', () => {
		// G 4 is Q1's only district; H 3 and I 5 are Q2's. Neither level reaches 10 on its own,
		// so they meet at the top: 12.
		const blocks = districtBlocks(
			[atom('G', ['Q1', 'x'], [4]), atom('H', ['Q2', 'x'], [3]), atom('I', ['Q2', 'y'], [5])],
			10
		);
		expect(members(blocks)).toEqual([{ product: 'p', leaids: ['G', 'H', 'I'], closed: false }]);
	});

	it('stops at the first cell where the small districts reach the minimum', () => {
		// C 3 and G 8 meet in (Q1, South, AL): 11, one block; A + B stay their own block.
		const blocks = districtBlocks(
			[
				atom('A', ['Q1', 'South', 'AL', 'city', 'small'], [4]),
				atom('B', ['Q1', 'South', 'AL', 'city', 'small'], [7]),
				atom('C', ['Q1', 'South', 'AL', 'rural', 'small'], [3]),
				atom('G', ['Q1', 'South', 'AL', 'town', 'small'], [8])
			],
			10
		);
		expect(members(blocks)).toEqual([
			{ product: 'p', leaids: ['A', 'B'], closed: false },
			{ product: 'p', leaids: ['C', 'G'], closed: false }
		]);
	});

	it('takes in the smallest other district of the finest cell that has one', () => {
		// q: G 4 is alone in (Q1, x); no other district there, so it goes up to Q1, where the
		// smallest other district, I (12), joins it: 16 (J 30 and H, 11 in Q2, stay out).
		const blocks = districtBlocks(
			[
				atom('G', ['Q1', 'x'], [4], 'q'),
				atom('H', ['Q2', 'x'], [11], 'q'),
				atom('I', ['Q1', 'y'], [12], 'q'),
				atom('J', ['Q1', 'y'], [30], 'q')
			],
			10
		);
		expect(members(blocks)).toEqual([{ product: 'q', leaids: ['G', 'I'], closed: false }]);
		// With K (50) beside G in (Q1, x), the block stays in that cell: {G, K}.
		const local = districtBlocks(
			[atom('G', ['Q1', 'x'], [4]), atom('K', ['Q1', 'x'], [50]), atom('I', ['Q1', 'y'], [12])],
			10
		);
		expect(members(local)).toEqual([{ product: 'p', leaids: ['G', 'K'], closed: false }]);
	});
	it('closes small districts that nothing can complete', () => {
		// r: J 3 + K 4 = 7 < 10 with nothing else: no figure may include them.
		const blocks = districtBlocks([atom('J', ['Q1'], [3], 'r'), atom('K', ['Q2'], [4], 'r')], 10);
		expect(members(blocks)).toEqual([{ product: 'r', leaids: ['J', 'K'], closed: true }]);
		// Sizes (enrolled, licensed): L's 3 licensed are the product's only ones; M (40, 0) can
		// never make them 10, so L alone is closed and M's figures stay shown.
		const alone = districtBlocks([atom('L', ['Q1'], [5, 3]), atom('M', ['Q1'], [40, 0])], 10);
		expect(members(alone)).toEqual([{ product: 'p', leaids: ['L'], closed: true }]);
	});

	it('needs every group size of a block to be 0 or at least the minimum', () => {
		// Sizes (enrolled, licensed). K (12, 3) is small by its 3 licensed; with L (0, 8) in the
		// same cell: (12, 11), a block. M (20, 0) is not small: 0 licensed is no group.
		const blocks = districtBlocks(
			[atom('K', ['Q1'], [12, 3]), atom('L', ['Q1'], [0, 8]), atom('M', ['Q1'], [20, 0])],
			10
		);
		expect(members(blocks)).toEqual([{ product: 'p', leaids: ['K', 'L'], closed: false }]);
	});

	it('keeps products apart: each product has its own blocks', () => {
		const blocks = districtBlocks(
			[atom('A', ['Q1'], [4], 'p1'), atom('A', ['Q1'], [40], 'p2'), atom('B', ['Q1'], [6], 'p1')],
			10
		);
		expect(members(blocks)).toEqual([{ product: 'p1', leaids: ['A', 'B'], closed: false }]);
	});
});

describe('splitsBlocks', () => {
	const block = { block: 1, size: 3, closed: false };
	it('withholds a figure with part of a block, not one with all or none of it', () => {
		expect(splitsBlocks([{ ...block, included: 2 }])).toBe(true);
		expect(splitsBlocks([{ ...block, included: 3 }])).toBe(false);
		expect(splitsBlocks([{ ...block, included: 0 }])).toBe(false);
		expect(splitsBlocks([])).toBe(false);
	});
	it('adds the rows of one block up (a group spread over several rows)', () => {
		expect(
			splitsBlocks([
				{ ...block, included: 1 },
				{ ...block, included: 2 }
			])
		).toBe(false);
	});
	it('withholds any figure with part or all of a closed block', () => {
		expect(splitsBlocks([{ block: 2, size: 1, closed: true, included: 1 }])).toBe(true);
	});
});

/** Random districts of two products: sizes lean small, paths over a few cells. */
const atoms = fc
	.array(
		fc.record({
			leaid: fc.integer({ min: 0, max: 30 }),
			product: fc.constantFrom('p1', 'p2'),
			path: fc.array(fc.constantFrom('a', 'b'), { minLength: 3, maxLength: 3 }),
			sizes: fc.array(fc.oneof(fc.integer({ min: 0, max: 12 }), fc.integer({ min: 0, max: 60 })), {
				minLength: 2,
				maxLength: 2
			})
		}),
		{ maxLength: 25 }
	)
	.map((list) => {
		const seen = new Set<string>();
		return list
			.map((a) => ({ ...a, leaid: String(a.leaid).padStart(2, '0') }))
			.filter((a) => !seen.has(a.product + a.leaid) && seen.add(a.product + a.leaid));
	});

const sum = (list: readonly DistrictAtom[]) =>
	list.reduce<number[]>((s, a) => a.sizes.map((v, i) => (s[i] ?? 0) + v), []);
const largeEnough = (sizes: readonly number[], minN: number) =>
	sizes.every((v) => v === 0 || v >= minN);

describe('districtBlocks: properties', () => {
	it('puts every small district in exactly one block; open blocks are 0 or at least the minimum in every size', () => {
		fc.assert(
			fc.property(atoms, fc.constantFrom(2, 5, 10, 16), (list, minN) => {
				const blocks = districtBlocks(list, minN);
				const key = (p: string, id: string) => `${p}|${id}`;
				const blocked = blocks.flatMap((b) => b.leaids.map((id) => key(b.product, id)));
				expect(new Set(blocked).size).toBe(blocked.length);
				for (const a of list) {
					if (!largeEnough(a.sizes, minN)) expect(blocked).toContain(key(a.product, a.leaid));
				}
				for (const b of blocks) {
					const inside = list.filter((a) => a.product === b.product && b.leaids.includes(a.leaid));
					expect(largeEnough(sum(inside), minN)).toBe(!b.closed);
					// Closed only when the whole product cannot complete it.
					const product = list.filter((a) => a.product === b.product);
					if (b.closed) expect(largeEnough(sum(product), minN)).toBe(false);
				}
			})
		);
	});

	it('the same districts in any order give the same blocks', () => {
		fc.assert(
			fc.property(atoms, fc.integer(), (list, seed) => {
				const shuffled = [...list].sort(
					(a, b) => ((a.leaid.charCodeAt(1) * seed) % 7) - ((b.leaid.charCodeAt(1) * seed) % 7)
				);
				expect(districtBlocks(shuffled, 10)).toEqual(districtBlocks(list, 10));
			})
		);
	});
});

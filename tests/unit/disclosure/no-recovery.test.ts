import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { discloseView } from '#lib/disclosure/disclose-view.ts';
import { disclosureProfile } from '#lib/disclosure/profiles.ts';
import type { CellInput } from '#lib/disclosure/view.ts';
import { recoverByCombination, type Equation } from './brute-force-recoverer.ts';

/**
 * Random views: a table of up to 3×3 groups (e.g. poverty × grade band) with, at random, row
 * totals, column totals, a grand total and a nested subtotal over some groups of the first row.
 * Counts lean small so that many cells fall under the minimum n.
 */
const view = fc.record({
	rows: fc.integer({ min: 1, max: 3 }),
	cols: fc.integer({ min: 1, max: 3 }),
	sizes: fc.array(fc.oneof(fc.integer({ min: 0, max: 14 }), fc.integer({ min: 0, max: 90 })), {
		minLength: 9,
		maxLength: 9
	}),
	shares: fc.array(fc.integer({ min: 0, max: 100 }), { minLength: 9, maxLength: 9 }),
	rowTotals: fc.boolean(),
	colTotals: fc.boolean(),
	grand: fc.boolean(),
	subtotal: fc.subarray([0, 1, 2], { minLength: 0 }),
	profile: fc.constantFrom('default', 'delaware', 'new_york', 'texas')
});

type Spec = typeof view extends fc.Arbitrary<infer T> ? T : never;

function buildCells(s: Spec): CellInput[] {
	const interior: CellInput[] = [];
	for (let i = 0; i < s.rows; i++) {
		for (let j = 0; j < s.cols; j++) {
			const n = s.sizes[i * 3 + j] ?? 0;
			const partOf = [`row${i}`, `col${j}`, 'cells'];
			if (i === 0 && s.subtotal.includes(j)) partOf.push('sub');
			const numerator = Math.floor((n * (s.shares[i * 3 + j] ?? 0)) / 100);
			interior.push({ id: `r${i}c${j}`, keys: {}, numerator, denominator: n, partOf });
		}
	}
	const sum = (cells: CellInput[], id: string, extra: Partial<CellInput>): CellInput => ({
		id,
		keys: {},
		numerator: cells.reduce((a, c) => a + Number(c.numerator), 0),
		denominator: cells.reduce((a, c) => a + Number(c.denominator), 0),
		...extra
	});
	const inRow = (i: number) => interior.filter((c) => c.partOf?.includes(`row${i}`));
	const inCol = (j: number) => interior.filter((c) => c.partOf?.includes(`col${j}`));
	const cells = [...interior];
	const grandParts: string[] = [];
	if (s.rowTotals) {
		for (let i = 0; i < s.rows; i++) {
			cells.push(sum(inRow(i), `R${i}`, { totalOf: [`row${i}`], partOf: ['rows'] }));
		}
		grandParts.push('rows');
	}
	if (s.colTotals) {
		for (let j = 0; j < s.cols; j++) {
			cells.push(sum(inCol(j), `C${j}`, { totalOf: [`col${j}`], partOf: ['cols'] }));
		}
		grandParts.push('cols');
	}
	if (s.grand)
		cells.push(sum(interior, 'G', { totalOf: grandParts.length ? grandParts : ['cells'] }));
	const sub = interior.filter((c) => c.partOf?.includes('sub'));
	if (sub.length > 0) cells.push(sum(sub, 'S', { totalOf: ['sub'] }));
	return cells;
}

function equationsOf(cells: CellInput[]): Equation[] {
	return cells.flatMap((total) =>
		(total.totalOf ?? []).map((p) => ({
			total: total.id,
			parts: cells.filter((c) => c.partOf?.includes(p)).map((c) => c.id)
		}))
	);
}

/** No hidden cell's numerator or denominator follows from the published ones by the partitions. */
function expectNoneRecovered(cells: CellInput[], hidden: ReadonlySet<string>): void {
	const equations = equationsOf(cells);
	for (const count of ['numerator', 'denominator'] as const) {
		const known = new Map(
			cells.filter((c) => !hidden.has(c.id)).map((c) => [c.id, Number(c[count])])
		);
		const recovered = recoverByCombination(equations, known);
		expect([...recovered.keys()].filter((id) => hidden.has(id))).toEqual([]);
	}
}

describe('discloseView — no hidden count can be recovered', () => {
	it('defeats every signed combination of published partition sums, for numerators and n', () => {
		fc.assert(
			fc.property(view, (s) => {
				const cells = buildCells(s);
				const result = discloseView(
					{ records: 'student', origin: 'demo', cells },
					{ mode: 'public', profile: disclosureProfile(s.profile) }
				);
				const hidden = new Set(result.cells.filter((c) => c.suppression).map((c) => c.id));
				expectNoneRecovered(cells, hidden);
			}),
			{ numRuns: 150 }
		);
	});

	it('publishes no group under the minimum n other than an empty one', () => {
		fc.assert(
			fc.property(view, (s) => {
				const profile = disclosureProfile(s.profile);
				const cells = buildCells(s);
				const result = discloseView(
					{ records: 'student', origin: 'demo', cells },
					{ mode: 'public', profile }
				);
				result.cells.forEach((out, i) => {
					const n = Number(cells[i]?.denominator);
					if (n > 0 && n < profile.minN) expect(out.suppression).toBe('min_n');
				});
			}),
			{ numRuns: 150 }
		);
	});
});

describe('discloseView — research mode: no one-student group can be recovered', () => {
	/** The same tables with more one-student groups (research mode withholds only those). */
	const researchView = view.chain((s) =>
		fc
			.array(fc.oneof(fc.constant(1), fc.integer({ min: 0, max: 40 })), {
				minLength: 9,
				maxLength: 9
			})
			.map((sizes) => ({ ...s, sizes }))
	);

	it('defeats every signed combination of published partition sums, for numerators and n', () => {
		fc.assert(
			fc.property(researchView, (s) => {
				const cells = buildCells(s);
				const result = discloseView(
					{ records: 'student', origin: 'user_loaded', cells },
					{ mode: 'research', profile: disclosureProfile(s.profile) }
				);
				const hidden = new Set(result.cells.filter((c) => c.suppression).map((c) => c.id));
				cells.forEach((cell, i) => {
					if (cell.denominator === 1) expect(result.cells[i]?.suppression).toBe('single_student');
				});
				expectNoneRecovered(cells, hidden);
			}),
			{ numRuns: 150 }
		);
	});
});

describe('recoverByCombination (the attack the property runs)', () => {
	const equations = [
		{ total: 'T', parts: ['a', 'b', 'c'] },
		{ total: 'U', parts: ['a', 'b'] }
	];
	const counts = { T: 88, U: 80, a: 30, b: 50, c: 8 };
	const published = (hidden: string[]) =>
		new Map(Object.entries(counts).filter(([id]) => !hidden.includes(id)));

	it('recovers a lone hidden group by subtraction', () => {
		expect(recoverByCombination(equations, published(['c']))).toEqual(new Map([['c', 8]]));
	});

	it('recovers it from the difference of nested totals despite two hidden cells per partition', () => {
		const recovered = recoverByCombination(equations, published(['a', 'b', 'c']));
		expect(recovered.get('c')).toBe(8);
	});

	it('fails once the total is hidden too (README case 5)', () => {
		expect(recoverByCombination(equations, published(['a', 'b', 'c', 'T'])).size).toBe(0);
	});
});

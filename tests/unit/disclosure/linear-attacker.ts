/**
 * The strongest linear onlooker, written independently of the module under test: every
 * published figure is a known sum of unknown atoms (`rows`, coefficient vectors); a withheld
 * figure with coefficients `target` is recoverable exactly when `target` is a linear combination
 * of the rows. Gaussian elimination with partial pivoting; coefficients are small integers, so
 * a tolerance of 1e-9 separates zero from non-zero.
 */
export function inRowSpace(
	rows: readonly (readonly number[])[],
	target: readonly number[]
): boolean {
	const basis = echelon(rows);
	const rest = [...target];
	for (const { pivot, row } of basis) {
		const factor = rest[pivot]!;
		if (Math.abs(factor) > EPS) for (let j = 0; j < rest.length; j++) rest[j]! -= factor * row[j]!;
	}
	return rest.every((v) => Math.abs(v) <= EPS);
}

const EPS = 1e-9;

interface BasisRow {
	readonly pivot: number;
	readonly row: number[];
}

const cache = new WeakMap<readonly (readonly number[])[], BasisRow[]>();

/** Reduced row echelon form: each basis row has 1 at its pivot and 0 at every other pivot. */
function echelon(rows: readonly (readonly number[])[]): BasisRow[] {
	const cached = cache.get(rows);
	if (cached) return cached;
	const basis: BasisRow[] = [];
	for (const source of rows) {
		const row = [...source];
		for (const b of basis) {
			const factor = row[b.pivot]!;
			if (Math.abs(factor) > EPS)
				for (let j = 0; j < row.length; j++) row[j]! -= factor * b.row[j]!;
		}
		const pivot = row.findIndex((v) => Math.abs(v) > EPS);
		if (pivot === -1) continue;
		const scale = row[pivot]!;
		for (let j = 0; j < row.length; j++) row[j]! /= scale;
		for (const b of basis) {
			const factor = b.row[pivot]!;
			if (Math.abs(factor) > EPS)
				for (let j = 0; j < row.length; j++) b.row[j]! -= factor * row[j]!;
		}
		basis.push({ pivot, row });
	}
	cache.set(rows, basis);
	return basis;
}

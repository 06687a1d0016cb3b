/**
 * A displayed partition as an equation over cell ids: `total = Σ parts`. Only partitions whose
 * total is displayed become equations (domain-spec §6.4 rule 4).
 */
export interface PartitionEquation {
	readonly partition: string;
	readonly total: string;
	readonly parts: readonly string[];
}

const EPSILON = 1e-9;

/**
 * The hidden cells whose counts follow exactly from the published ones through any linear
 * combination of partition equations (single subtractions, differences of nested totals, row
 * and column sums of a two-way table). With the published counts moved to the right-hand side,
 * a hidden cell `j` is determined exactly when the unit vector `e_j` lies in the row space of
 * the hidden cells' coefficient matrix, i.e. when its reduced row echelon form has a row whose
 * only non-zero entry is in column `j`. Bounds from non-negativity are not considered.
 */
export function determinedCells(
	equations: readonly PartitionEquation[],
	hidden: ReadonlySet<string>
): Set<string> {
	const columns = [...hidden];
	const index = new Map(columns.map((id, i) => [id, i]));
	const rows = equations.map((eq) => {
		const row = new Array<number>(columns.length).fill(0);
		const add = (id: string, coefficient: number): void => {
			const j = index.get(id);
			if (j !== undefined) row[j] = (row[j] ?? 0) + coefficient;
		};
		add(eq.total, 1);
		for (const part of eq.parts) add(part, -1);
		return row;
	});
	return new Set(
		reducedRowEchelon(rows, columns.length)
			.map((row) => row.flatMap((v, j) => (Math.abs(v) > EPSILON ? [j] : [])))
			.filter((nonZero) => nonZero.length === 1)
			.map((nonZero) => columns[nonZero[0] ?? -1] ?? '')
	);
}

/** Gauss–Jordan elimination with partial pivoting; returns the non-zero rows. */
function reducedRowEchelon(input: readonly number[][], width: number): number[][] {
	const rows = input.map((row) => [...row]);
	let pivotRow = 0;
	for (let col = 0; col < width && pivotRow < rows.length; col++) {
		let best = pivotRow;
		for (let r = pivotRow + 1; r < rows.length; r++) {
			if (Math.abs(rows[r]?.[col] ?? 0) > Math.abs(rows[best]?.[col] ?? 0)) best = r;
		}
		const pivot = rows[best];
		if (!pivot || Math.abs(pivot[col] ?? 0) < EPSILON) continue;
		[rows[best], rows[pivotRow]] = [rows[pivotRow] ?? [], pivot];
		const scale = pivot[col] ?? 1;
		for (let c = 0; c < width; c++) pivot[c] = (pivot[c] ?? 0) / scale;
		rows.forEach((row, r) => {
			const factor = row[col] ?? 0;
			if (r === pivotRow || Math.abs(factor) < EPSILON) return;
			for (let c = 0; c < width; c++) row[c] = (row[c] ?? 0) - factor * (pivot[c] ?? 0);
		});
		pivotRow++;
	}
	return rows.slice(0, pivotRow);
}

/**
 * Numerical rank of a matrix given by its columns, with the criterion of R's `qr(x, tol)`
 * (LINPACK dqrdc2, limited pivoting): a column is negligible when its norm after removing the
 * accepted columns is below `tol` times its original norm. Used for the degrees of freedom of a
 * replicate design, `qr(weights(design, "analysis"), tol = 1e-5)$rank − 1` in R's `degf`.
 */
export function matrixRank(columns: readonly (readonly number[])[], tol = 1e-5): number {
	const basis: number[][] = [];
	for (const column of columns) {
		const norm = Math.hypot(...column);
		if (norm === 0) continue;
		const r = [...column];
		// Modified Gram–Schmidt, twice for numerical orthogonality.
		for (let pass = 0; pass < 2; pass++) {
			for (const q of basis) {
				const dot = q.reduce((s, qi, i) => s + qi * (r[i] ?? 0), 0);
				for (let i = 0; i < r.length; i++) r[i] = (r[i] ?? 0) - dot * (q[i] ?? 0);
			}
		}
		const residual = Math.hypot(...r);
		if (residual < tol * norm) continue;
		basis.push(r.map((x) => x / residual));
	}
	return basis.length;
}

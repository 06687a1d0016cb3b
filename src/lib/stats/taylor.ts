/**
 * Taylor-linearised variance of a ratio (domain) estimator from PSU totals of its linearised
 * variable (domain-spec §3.2): `Var = Σ_h n_h/(n_h−1) · Σ_j (z_hj − z̄_h)²`, with `n_h` the
 * number of PSUs of stratum h in the **full** design (PSUs without domain members count, with
 * z = 0), with replacement and no finite-population correction, as R's `svydesign(ids, strata,
 * weights, nest = TRUE)`.
 *
 * Single-PSU strata follow R's `options(survey.lonely.psu = "adjust")`: the stratum's one PSU
 * total is centred at the grand mean of the linearised variable, which is 0 because the z sum
 * to zero, so it contributes `z_h1²` (scale 1). A domain with one PSU in a stratum that has
 * more is not "lonely": it is centred at the stratum mean with the zero PSUs, as in R's default
 * `survey.adjust.domain.lonely = FALSE`.
 */

/** The linearised-variable total of one PSU. */
export interface PsuTotal {
	stratum: string;
	psu: string;
	z: number;
}

/**
 * @param totals PSU totals `z_hj` (PSUs missing from the list count as 0)
 * @param psuCounts `n_h`: PSUs per stratum in the full design
 */
export function linearizedVariance(
	totals: readonly PsuTotal[],
	psuCounts: ReadonlyMap<string, number>
): number {
	const byStratum = new Map<string, number[]>();
	for (const t of totals) {
		const list = byStratum.get(t.stratum) ?? [];
		list.push(t.z);
		byStratum.set(t.stratum, list);
	}
	let variance = 0;
	for (const [stratum, zs] of byStratum) {
		const n = psuCounts.get(stratum);
		if (n === undefined || n < zs.length)
			throw new Error(`invalid PSU count for stratum: ${stratum}`);
		if (n === 1) {
			variance += (zs[0] ?? 0) ** 2;
			continue;
		}
		const mean = zs.reduce((s, z) => s + z, 0) / n;
		const absent = n - zs.length;
		const squares = zs.reduce((s, z) => s + (z - mean) ** 2, 0) + absent * mean * mean;
		variance += (n / (n - 1)) * squares;
	}
	return variance;
}

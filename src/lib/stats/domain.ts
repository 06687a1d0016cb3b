import type { PsuTotal } from './taylor.ts';

/**
 * Weighted sums of one domain within one PSU, as SQL returns them: answered rows only
 * (`n`, `Σw`, `Σw·y`, `Σw²`).
 */
export interface DomainCell {
	stratum: string;
	psu: string;
	n: number;
	sum_w: number;
	sum_wy: number;
	sum_w2: number;
}

/** Domain totals: `Σw`, `Σw·y`, `Σw²` and the unweighted count. */
export interface DomainTotals {
	n: number;
	sum_w: number;
	sum_wy: number;
	sum_w2: number;
}

export function domainTotals(cells: readonly DomainCell[]): DomainTotals {
	const t = { n: 0, sum_w: 0, sum_wy: 0, sum_w2: 0 };
	for (const c of cells) {
		t.n += c.n;
		t.sum_w += c.sum_w;
		t.sum_wy += c.sum_wy;
		t.sum_w2 += c.sum_w2;
	}
	return t;
}

/** The ratio (Hájek) estimate `Σw·y / Σw` (domain-spec §3.1); null when `Σw = 0`. */
export function ratioEstimate(totals: DomainTotals): number | null {
	return totals.sum_w > 0 ? totals.sum_wy / totals.sum_w : null;
}

/**
 * PSU totals of the linearised variable of the ratio, `z_hj = (Σ_{hj} w·y − p̂·Σ_{hj} w) / Σ_d w`
 * (domain-spec §3.2), i.e. `z_i = w_i (y_i − p̂) 1{i∈d} / Σ_{i∈d} w_i` summed by PSU.
 */
export function linearizedTotals(
	cells: readonly DomainCell[],
	estimate: number,
	sumW: number
): PsuTotal[] {
	return cells.map((c) => ({
		stratum: c.stratum,
		psu: c.psu,
		z: (c.sum_wy - estimate * c.sum_w) / sumW
	}));
}

/** Element-wise `a − b` of two sets of PSU totals (a PSU missing from one side counts as 0). */
export function subtractTotals(a: readonly PsuTotal[], b: readonly PsuTotal[]): PsuTotal[] {
	const key = (t: PsuTotal) => JSON.stringify([t.stratum, t.psu]);
	const out = new Map<string, PsuTotal>();
	for (const t of a) out.set(key(t), { ...t });
	for (const t of b) {
		const k = key(t);
		const prev = out.get(k);
		out.set(k, { stratum: t.stratum, psu: t.psu, z: (prev?.z ?? 0) - t.z });
	}
	return [...out.values()];
}

/**
 * Design degrees of freedom of the domain as R's `degf` computes them on a subset design:
 * PSUs with members in the domain minus strata with members in the domain.
 */
export function domainDf(cells: readonly DomainCell[]): number {
	const present = cells.filter((c) => c.n > 0 && c.sum_w > 0);
	const psus = new Set(present.map((c) => JSON.stringify([c.stratum, c.psu])));
	const strata = new Set(present.map((c) => c.stratum));
	return psus.size - strata.size;
}

/** PSUs per stratum (`n_h`) over every cell of the full design. */
export function psuCounts(cells: readonly { stratum: string; psu: string }[]): Map<string, number> {
	const psus = new Map<string, Set<string>>();
	for (const c of cells) {
		const set = psus.get(c.stratum) ?? new Set<string>();
		set.add(c.psu);
		psus.set(c.stratum, set);
	}
	return new Map([...psus].map(([stratum, set]) => [stratum, set.size]));
}

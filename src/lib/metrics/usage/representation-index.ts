/** One poverty group's share of the base population and of the dosage-meeters. */
export interface RepresentationRow {
	poverty_group: string;
	base_n: number;
	dosage_met_n: number;
	base_share: number | null;
	dosage_share: number | null;
	/** `(D_g / D_known) / (B_g / B_known)`; 1 = parity, < 1 = under-represented. */
	representation_index: number | null;
}

/**
 * Representation index of each group among students who met the dosage rule (domain-spec §4.4):
 * `RI_g = (D_g/D_known) / (B_g/B_known)` with base B = enrolled (default) or licensed students,
 * totals over groups of known poverty only (callers leave "unknown" out). Equals `r_g / r_all`.
 * NULL when `D_known = 0` or `B_g = 0`. Feeds the "share of enrolment vs share of
 * dosage-meeters" chart.
 */
export function representationIndex(
	groups: readonly { poverty_group: string; base_n: number; dosage_met_n: number }[]
): RepresentationRow[] {
	const baseKnown = groups.reduce((s, g) => s + g.base_n, 0);
	const metKnown = groups.reduce((s, g) => s + g.dosage_met_n, 0);
	return groups.map((g) => {
		const base_share = baseKnown > 0 ? g.base_n / baseKnown : null;
		const dosage_share = metKnown > 0 ? g.dosage_met_n / metKnown : null;
		const defined = base_share !== null && base_share > 0 && dosage_share !== null;
		return {
			...g,
			base_share,
			dosage_share,
			representation_index: defined ? dosage_share / base_share : null
		};
	});
}

/**
 * One funnel row per unit (school, or district when only district aggregates exist) and product:
 * the counts of domain-spec §4.1 and the unit's integrity flags. Both grains produce this shape.
 */
export interface FunnelUnitRow {
	product_id: string;
	leaid: string;
	/** NULL for district-level aggregates (no school to cluster on). */
	ncessch: string | null;
	poverty_group: string | null;
	enrolled_n: number | null;
	licensed_n: number | null;
	activated_n: number | null;
	regular_n: number | null;
	/** NULL when the product has no dosage rule (student grain) or none was reported. */
	dosage_met_n: number | null;
	/** Licensed students with too few eligible weeks (0 for aggregates). */
	not_evaluable_n: number | null;
	not_evaluable_enrolled_n: number | null;
	not_evaluable_active_n: number | null;
	/** D ≤ A ≤ L fails (aggregates), or the unit appears twice: excluded, never clamped. */
	funnel_inconsistent: boolean;
	/** L > E. */
	overlicensed: boolean;
	/** E is the district's total enrolment (all grades), not the product's grades. */
	enrolled_approximate: boolean;
}

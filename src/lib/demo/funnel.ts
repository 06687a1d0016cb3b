import type { DemoProduct } from './products.ts';

/** Funnel shares of a district at a poverty percentile, for one product. */
export interface FunnelRates {
	/** Licensed / enrolled (L/E). */
	readonly access: number;
	/** Shares of licensed students (A/L, R/L, D/L). */
	readonly activated: number;
	readonly regular: number;
	readonly dosage: number;
}

/**
 * Demo assumptions [D], as [lowest-poverty, highest-poverty] ends of a line over the district's
 * SAIPE poverty percentile:
 * - access: high-poverty districts license a smaller share of students [D].
 * - activated: LearnPlatform found 27–35% of licences never activated [P][S20].
 * - dosage: about 5% of students with access use a program as recommended (Holt, Horn [S][S7][S8])
 *   and uptake skews toward advantaged students (Stanford SCALE AI-tutor trials [S][S15]); the
 *   line averages 5% and falls from 7.5% to 2.5% with poverty [D].
 */
export const DEMO_FUNNEL = {
	access: [0.9, 0.72],
	activated: [0.75, 0.55],
	regular: [0.28, 0.16],
	dosage: [0.075, 0.025]
} as const;

const along = ([low, high]: readonly [number, number], t: number) => low + (high - low) * t;

/** The demo funnel of a product in a district at `percentile` ∈ [0, 1] of SAIPE child poverty. */
export function funnelRates(percentile: number, product: DemoProduct): FunnelRates {
	const regular = along(DEMO_FUNNEL.regular, percentile);
	return {
		access: along(DEMO_FUNNEL.access, percentile),
		activated: along(DEMO_FUNNEL.activated, percentile),
		regular,
		dosage: Math.min(regular, along(DEMO_FUNNEL.dosage, percentile) * product.dosage_multiplier)
	};
}

import { summarizeFunnel } from '#lib/metrics/usage/funnel-groups.ts';
import type { FunnelUnitRow } from '#lib/metrics/usage/funnel-unit.ts';
import type { ProductFunnel } from '#lib/metrics/usage/usage-funnel-by-poverty.ts';

/** Per-school counts of a hand-made group (every school alike). */
export interface SchoolCounts {
	readonly schools: number;
	readonly licensed: number;
	readonly activated: number;
	readonly met: number;
	/** Licensed students not evaluable (0 unless given). */
	readonly notEvaluable?: number;
}

/** `schools` identical school units of one group and product (E = L, R = A). */
export function schoolUnits(product: string, group: string, c: SchoolCounts): FunnelUnitRow[] {
	return Array.from({ length: c.schools }, (_, i) => ({
		product_id: product,
		leaid: `01${group.padEnd(5, '0').slice(0, 5)}`,
		ncessch: `${group}-${i}`,
		poverty_group: group,
		enrolled_n: c.licensed,
		licensed_n: c.licensed,
		activated_n: c.activated,
		regular_n: c.activated,
		dosage_met_n: c.met,
		not_evaluable_n: c.notEvaluable ?? 0,
		not_evaluable_enrolled_n: c.notEvaluable ?? 0,
		not_evaluable_active_n: 0,
		funnel_inconsistent: false,
		overlicensed: false,
		enrolled_approximate: false
	}));
}

/** A product's funnel summarised by `summarizeFunnel` from hand-made groups (no headline). */
export function handFunnel(
	product: string,
	groups: Readonly<Record<string, SchoolCounts>>,
	grain: ProductFunnel['grain'] = 'student_week'
): ProductFunnel {
	const units = Object.entries(groups).map(([g, c]) => [g, schoolUnits(product, g, c)] as const);
	return {
		product_id: product,
		grain,
		rule: { product_id: product, rule: null, source: 'none', source_keys: [] },
		groups: units.map(([g, u]) => summarizeFunnel(product, g, u)),
		unknown: null,
		overall: summarizeFunnel(
			product,
			'all',
			units.flatMap(([, u]) => u)
		),
		headline: null,
		representation: []
	};
}

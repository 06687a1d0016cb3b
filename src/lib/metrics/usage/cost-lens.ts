import type { FunnelGroupRow } from './funnel-groups.ts';

/** The licence-cost view of one group's funnel, with the counts it divides (for suppression). */
export interface CostRow {
	product_id: string;
	poverty_group: string;
	/** NULL on the pooled `ALL_PRODUCTS` row. */
	price_per_license: number | null;
	licensed_n: number;
	activated_n: number | null;
	dosage_met_n: number | null;
	total_cost: number;
	cost_per_activated: number | null;
	cost_per_dosage_met: number | null;
	/** Spend on licences never activated, `(L − A) × price`. */
	never_activated_spend: number | null;
	/** `L / A`: licences bought per licence used (the EdTech Price Index idea). */
	cost_multiplier: number | null;
}

/** All priced products of a group pooled (student–product pairs). */
export const ALL_PRODUCTS = 'all products';

interface Cents {
	total: number;
	neverActivated: number | null;
}

const per = (amount: number, n: number | null): number | null =>
	n === null || n <= 0 ? null : amount / n;

function costRow(
	base: Pick<CostRow, 'product_id' | 'poverty_group' | 'price_per_license'>,
	counts: Pick<CostRow, 'licensed_n' | 'activated_n' | 'dosage_met_n'>,
	cents: Cents
): CostRow {
	const total_cost = cents.total / 100;
	return {
		...base,
		...counts,
		total_cost,
		cost_per_activated: per(total_cost, counts.activated_n),
		cost_per_dosage_met: per(total_cost, counts.dosage_met_n),
		never_activated_spend: cents.neverActivated === null ? null : cents.neverActivated / 100,
		cost_multiplier: per(counts.licensed_n, counts.activated_n)
	};
}

const sumOrNull = (values: (number | null)[]): number | null =>
	values.some((v) => v === null) ? null : values.reduce<number>((s, v) => s + v!, 0);

/**
 * Cost lens (domain-spec §4.3 [D]): for each group row whose product has a price per licence
 * (input, currency units), total cost `L × price`, cost per activated student and per student who
 * met the dosage rule (NULL when there are none), spend on never-activated licences and
 * `cost_multiplier = L / A` (the exact LearnPlatform formula is unconfirmed [U]). Money is
 * computed in whole cents. Each row carries L, A and D so suppression can treat it like the
 * funnel. Adds one `ALL_PRODUCTS` row per group when more than one product is priced.
 */
export function costLens(
	rows: readonly FunnelGroupRow[],
	prices: ReadonlyMap<string, number>
): CostRow[] {
	const priced = rows.filter((r) => prices.has(r.product_id) && r.licensed_n !== null);
	const withCents = priced.map((r) => {
		const price = prices.get(r.product_id)!;
		const priceCents = Math.round(price * 100);
		const counts = {
			licensed_n: r.licensed_n!,
			activated_n: r.activated_n,
			dosage_met_n: r.dosage_met_n
		};
		const cents = {
			total: priceCents * counts.licensed_n,
			neverActivated:
				counts.activated_n === null ? null : priceCents * (counts.licensed_n - counts.activated_n)
		};
		return {
			counts,
			cents,
			row: costRow(
				{ product_id: r.product_id, poverty_group: r.poverty_group, price_per_license: price },
				counts,
				cents
			)
		};
	});
	const out = withCents.map((p) => p.row);
	if (new Set(priced.map((r) => r.product_id)).size < 2) return out;
	for (const group of new Set(out.map((r) => r.poverty_group))) {
		const members = withCents.filter((p) => p.row.poverty_group === group);
		const counts = {
			licensed_n: members.reduce((s, p) => s + p.counts.licensed_n, 0),
			activated_n: sumOrNull(members.map((p) => p.counts.activated_n)),
			dosage_met_n: sumOrNull(members.map((p) => p.counts.dosage_met_n))
		};
		const cents = {
			total: members.reduce((s, p) => s + p.cents.total, 0),
			neverActivated: sumOrNull(members.map((p) => p.cents.neverActivated))
		};
		out.push(
			costRow(
				{ product_id: ALL_PRODUCTS, poverty_group: group, price_per_license: null },
				counts,
				cents
			)
		);
	}
	return out;
}
